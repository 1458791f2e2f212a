import { describe, expect, it } from "vitest";
import { Assessment, type ControlResult, ReasonCode } from "../../../src/assess/schema.js";
import { GAP_REASON_LABELS, gapKey, gapsOf } from "../../../src/report/gaps.js";
import { compareIds } from "../../../src/report/id-order.js";
import { attestation } from "../../assess/fixtures/catalogs.js";
import { assessed } from "./fixtures/report-input.js";

describe("gapsOf on the fixture org", () => {
  const gaps = gapsOf(assessed().assessment);

  it("lists controls by severity then id, then techniques by score then id", () => {
    expect(gaps.map(gapKey)).toEqual([
      "test-fw:3",
      "test-fw:2.1",
      "test-fw:1.2",
      "test-fw:2.2",
      "mitre-attack:T1110.001",
      "mitre-attack:T1566",
      "mitre-attack:T1059",
    ]);
  });

  it("leaves out passing controls, roll-up parents and covered techniques", () => {
    const keys = gaps.map(gapKey);
    for (const absent of ["test-fw:1.1", "test-fw:1", "test-fw:2", "mitre-attack:T1110", "mitre-attack:T1078"])
      expect(keys).not.toContain(absent);
  });

  it("carries the deciding finding's typed reason, sentence and evidence", () => {
    expect(gaps[1]).toEqual({
      subject: "control",
      framework: "test-fw",
      id: "2.1",
      title: "A policy exists",
      status: "partial",
      score: null,
      reason_code: "source_silent",
      reason: "Only 0 of 1 log sources had data on at least 90% of the 92 days; required 1: okta 10.8%",
      evidence: [
        { type: "source", id: "okta", label: "10 of 92 days with data" },
        { type: "query_window", id: "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z" },
      ],
    });
    expect(gaps.find((gap) => gap.id === "2.2")).toMatchObject({
      status: "manual",
      reason_code: "attestation_missing",
    });
  });

  it("describes techniques with their score and reason", () => {
    expect(gaps.find((gap) => gap.id === "T1059")).toEqual({
      subject: "technique",
      framework: "mitre-attack",
      id: "T1059",
      title: "Command and Scripting Interpreter",
      status: "score 2",
      score: 2,
      reason_code: "source_silent",
      reason: "1 enabled rule(s) (r-formula) but none is effective: the log sources they read are not ingesting",
      evidence: [
        { type: "rule", id: "r-formula" },
        { type: "source", id: "runtime-security-agent" },
      ],
    });
    expect(gaps.find((gap) => gap.id === "T1566")).toMatchObject({ reason_code: "rule_disabled", score: 0 });
  });
});

describe("gapsOf and attestations", () => {
  it("drops an attested manual control and a technique with a disposition", () => {
    const { assessment } = assessed({
      attestations: [
        attestation("test-fw", "1.2", "evidence", "2026-09-01", "2027-01-01"),
        attestation("mitre-attack", "T1566", "risk_acceptance", "2026-09-01", "2027-01-01"),
      ],
    });
    const keys = gapsOf(assessment).map(gapKey);
    expect(keys).not.toContain("test-fw:1.2");
    expect(keys).not.toContain("mitre-attack:T1566");
    expect(keys).toContain("test-fw:2.2");
  });

  it("explains a manual control by its lapsed attestation", () => {
    const { assessment } = assessed({
      attestations: [attestation("test-fw", "1.2", "evidence", "2026-01-01", "2026-09-30")],
    });
    expect(gapsOf(assessment).find((gap) => gap.id === "1.2")).toMatchObject({
      status: "manual",
      reason_code: "attestation_expired",
      reason: "The evidence attestation by jane@example.com expired on 2026-09-30; it no longer counts",
    });
  });

  it("reports evidence_unavailable when a collector failed", () => {
    const { assessment } = assessed({ parts: { log_sources: "error" } });
    const gaps = gapsOf(assessment);
    expect(gaps.find((gap) => gap.id === "1.1")).toMatchObject({
      status: "unknown",
      reason_code: "evidence_unavailable",
    });
    expect(gaps.find((gap) => gap.id === "T1110.001")).toMatchObject({
      reason_code: "evidence_unavailable",
      reason: "Score 0 is a lower bound: the log_sources collector(s) failed",
    });
  });
});

describe("gapsOf ordering with many frameworks", () => {
  const control = (id: string, status: ControlResult["status"]): ControlResult => ({
    id,
    title: `Control ${id}`,
    parent: null,
    monitoring_relevant: true,
    status,
    status_from: "own",
    findings: [],
    attestations: [],
  });
  const summary = { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 };
  const assessment = Assessment.parse({
    period: { label: "2026-Q3", from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z", timezone: "UTC" },
    collected_at: "2026-10-01T06:00:00Z",
    complete: true,
    snapshot_warnings: [],
    frameworks: [
      {
        id: "zeta",
        name: "Zeta",
        version: "1",
        summary,
        controls: [control("10.2.1", "partial"), control("2.1", "partial"), control("9", "fail")],
      },
      {
        id: "alpha",
        name: "Alpha",
        version: "1",
        summary,
        controls: [control("1", "unknown"), control("2", "accepted"), control("3", "manual")],
      },
    ],
    attack: null,
  });

  it("keeps the assessment's framework order and orders ids numerically", () => {
    expect(gapsOf(assessment).map(gapKey)).toEqual(["zeta:9", "zeta:2.1", "zeta:10.2.1", "alpha:1", "alpha:3"]);
  });

  it("falls back to a typed reason when a control has no finding to decide it", () => {
    expect(gapsOf(assessment).find((gap) => gap.id === "1")).toMatchObject({ reason_code: "evidence_unavailable" });
    expect(gapsOf(assessment).find((gap) => gap.id === "3")).toMatchObject({ reason_code: "attestation_missing" });
  });
});

describe("labels and ids", () => {
  it("has a label for every reason code", () => {
    expect(Object.keys(GAP_REASON_LABELS).sort()).toEqual([...ReasonCode.options].sort());
    expect(GAP_REASON_LABELS.source_silent).toBe("Source silent");
  });

  it.each([
    ["2.1", "10.2.1", -1],
    ["T1110", "T1110.001", -1],
    ["164.312(b)", "164.312(a)(1)", 1],
    ["CC7.2", "CC10.1", -1],
    ["A", "A", 0],
  ])("compareIds(%s, %s) has sign %i", (a, b, sign) => {
    expect(Math.sign(compareIds(a, b))).toBe(sign);
  });
});
