/** The doctor's clock check, through runDoctor against the simulator and on its own. */
import { beforeAll, describe, expect, it } from "vitest";
import { DatadogSession } from "../../src/datadog/session.js";
import { clockCheck, clockSkewSeconds } from "../../src/doctor/clock.js";
import { loadPermissions, type PermissionsFile } from "../../src/doctor/permissions.js";
import { runDoctor } from "../../src/doctor/run-doctor.js";
import { useSimulator } from "../helpers/simulator.js";

const context = useSimulator();
let permissions: PermissionsFile;
beforeAll(async () => {
  permissions = await loadPermissions();
});

describe("clock skew", () => {
  it("a local clock two minutes fast is a warning that names the figure, and does not fail the report", async () => {
    const session = await DatadogSession.open(context.target());
    const report = await runDoctor({ session, permissions, now: () => new Date(Date.now() + 120_000) });
    expect(report.clock.status).toBe("warn");
    expect(report.clock.skew_seconds).toBeGreaterThanOrEqual(119);
    expect(report.clock.skew_seconds).toBeLessThanOrEqual(121);
    expect(report.clock.detail).toMatch(/^1(19|20|21) s ahead of Datadog's clock: more than 30 s/);
    expect(report.ok).toBe(true);
  });

  it("is measured against the middle of the request, with the header's whole second split", () => {
    const sent = Date.parse("2026-11-15T12:00:00.000Z");
    // Server said 12:00:10, so it was somewhere in [10 s, 11 s): 10.5 s on average; local middle is 0.5 s.
    expect(clockSkewSeconds("Sun, 15 Nov 2026 12:00:10 GMT", sent, sent + 1000)).toBe(-10);
    expect(clockSkewSeconds("Sun, 15 Nov 2026 11:58:00 GMT", sent, sent + 1000)).toBe(120);
    expect(clockSkewSeconds(undefined, sent, sent)).toBeNull();
    expect(clockSkewSeconds("yesterday-ish", sent, sent)).toBeNull();
  });

  it("says why it could not measure", () => {
    expect(clockCheck(null, undefined)).toMatchObject({
      status: "warn",
      detail: "not measured: Datadog's answer carried no Date header",
    });
    expect(clockCheck(-31, "x")).toMatchObject({
      status: "warn",
      detail: expect.stringMatching(/^31 s behind Datadog's clock/),
    });
    expect(clockCheck(30, "x")).toMatchObject({ status: "ok", detail: "30 s ahead of Datadog's clock" });
  });
});
