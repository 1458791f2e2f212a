import { describe, expect, it } from "vitest";
import { attestationState } from "../../src/assess/attestations.js";
import { dataPath } from "../../src/assess/data-file-errors.js";
import { mergeSourceMaps, rowsForSource, SourceMapRow } from "../../src/assess/source-map.js";
import { attestation } from "./fixtures/catalogs.js";
import { buildSnapshot, PERIOD } from "./fixtures/snapshot-builder.js";

describe("data file paths", () => {
  it("writes keys that are not plain names in brackets, as they read in the file", () => {
    expect(dataPath(["controls", "10.2.1", 0, "params", "min_days_share"])).toBe(
      'controls["10.2.1"][0].params.min_days_share',
    );
    expect(dataPath([0, "control", "id"])).toBe("[0].control.id");
    expect(dataPath(["controls", "CC7_2"])).toBe("controls.CC7_2");
    expect(dataPath([])).toBe("(top level)");
  });
});

describe("source table", () => {
  const shipped = [
    SourceMapRow.parse({ datadog: ["cloudtrail"], attack: ["AWS:CloudTrail"] }),
    SourceMapRow.parse({ datadog: ["windows.*", "sysmon"], attack: ["WinEventLog:Sysmon"] }),
  ];
  it("matches Datadog sources by pattern, case-insensitively", () => {
    expect(rowsForSource(shipped, "Windows.Events").map((row) => row.attack)).toEqual([["WinEventLog:Sysmon"]]);
    expect(rowsForSource(shipped, "okta")).toEqual([]);
  });
  it("lets a user row replace the shipped rows naming the same source", () => {
    const merged = mergeSourceMaps(shipped, [
      SourceMapRow.parse({ datadog: ["SYSMON"], attack: ["WinEventLog:Sysmon", "ETW"] }),
    ]);
    expect(merged.map((row) => row.datadog)).toEqual([["cloudtrail"], ["SYSMON"]]);
  });
});

describe("attestation validity", () => {
  const evidence = attestation("x", "1", "evidence", "2026-09-01", "2026-09-30");
  it("counts through the expiry day in the period's time zone, judged at collection time", () => {
    // 2026-09-30T23:30Z is still the 30th in UTC but already 1 October in Paris.
    const utc = buildSnapshot({}, { collected_at: "2026-09-30T23:30:00Z" });
    const paris = buildSnapshot(
      {},
      { collected_at: "2026-09-30T23:30:00Z", period: { ...PERIOD, timezone: "Europe/Paris" } },
    );
    expect(attestationState(evidence, utc)).toBe("active");
    expect(attestationState(evidence, paris)).toBe("expired");
    expect(attestationState({ ...evidence, date: "2026-10-01", expires: "2026-12-01" }, utc)).toBe("not_yet_valid");
  });
});
