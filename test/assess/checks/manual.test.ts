import { describe, expect, it } from "vitest";
import { CHECKS } from "../../../src/assess/checks/index.js";
import { runCheckTable } from "../check-table.js";
import { buildSnapshot } from "../fixtures/snapshot-builder.js";

runCheckTable("manual", {
  manual: [
    {
      name: "always needs an attestation",
      snapshot: buildSnapshot(),
      messageId: "needsAttestation",
      reasonCode: "attestation_missing",
    },
    {
      name: "even when every collector failed",
      snapshot: buildSnapshot({ rules: "error", signals: "error" }),
      messageId: "needsAttestation",
    },
  ],
  // manual reads no collector, so no failure can make it unknown; the row documents that.
  unknown: [],
});

describe("manual params", () => {
  it("refuses parameters, so a typo is not silently ignored", () => {
    expect(CHECKS.manual!.params.safeParse({ attest: "x" }).success).toBe(false);
  });
});
