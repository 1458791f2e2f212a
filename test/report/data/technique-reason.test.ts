import { describe, expect, it } from "vitest";
import { TechniqueResult } from "../../../src/assess/schema.js";
import { techniqueReason } from "../../../src/report/technique-reason.js";

const technique = (rules: Partial<TechniqueResult["rules"]>, reason: TechniqueResult["reason"], score: number) =>
  TechniqueResult.parse({
    id: "T1078",
    name: "Valid Accounts",
    tactics: ["initial-access"],
    parent: null,
    score,
    rules: { enabled: [], effective: [], fired: [], ...rules },
    visibility: { sources: [], log_sources: [] },
    reason,
    disposition: null,
    attestations: [],
  });

describe("techniqueReason", () => {
  it("says why deprecated rules leave a technique at paper coverage", () => {
    const text = techniqueReason(technique({ enabled: ["r1"], deprecated: ["r1"] }, "rule_deprecated", 2), {
      missing_evidence: [],
    });
    expect(text).toBe(
      "1 enabled rule(s) (r1) but Datadog deprecated every one of them, so none counts as effective (deprecated by Datadog, never counted effective: r1)",
    );
  });

  it("names beta rules beside a covered technique", () => {
    const text = techniqueReason(
      technique({ enabled: ["r1", "r2"], effective: ["r1", "r2"], beta: ["r2"] }, "covered", 3),
      { missing_evidence: [] },
    );
    expect(text).toBe("Covered at score 3: 2 effective rule(s), 0 fired in the period (beta, counted normally: r2)");
  });

  it("reads an assessment written before rules named deprecated and beta ones", () => {
    expect(technique({ enabled: ["r1"] }, "never_fired", 3).rules).toMatchObject({ deprecated: [], beta: [] });
  });
});
