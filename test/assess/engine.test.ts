/** The engine end to end on a small framework: checks, roll-up, attestations, summary, purity. */
import { describe, expect, it } from "vitest";
import type { Attestation } from "../../src/assess/attestations.js";
import { type AssessInput, Assessment, assess } from "../../src/assess/index.js";
import { MappingEntry } from "../../src/assess/mapping-schema.js";
import { rollUp } from "../../src/assess/rollup.js";
import type { ControlResult, ControlStatus } from "../../src/assess/schema.js";
import { Thresholds } from "../../src/config/schema.js";
import { ATTACK, attestation, FRAMEWORK, SOURCE_MAP } from "./fixtures/catalogs.js";
import { buildSnapshot, lastDays, logSources, type PartOverrides, sourceVolume } from "./fixtures/snapshot-builder.js";

describe("rollUp", () => {
  it.each<[ControlStatus[], ControlStatus]>([
    [[], "manual"],
    [["not_applicable"], "not_applicable"],
    [["pass", "not_applicable"], "pass"],
    [["pass", "pass"], "pass"],
    [["pass", "fail", "unknown"], "fail"],
    [["partial", "unknown"], "unknown"],
    [["pass", "partial"], "partial"],
    [["pass", "manual"], "partial"],
    [["manual", "manual"], "manual"],
    [["accepted", "accepted"], "accepted"],
    [["pass", "accepted"], "partial"],
    [["manual", "not_applicable"], "manual"],
  ])("%j → %s", (statuses, expected) => {
    expect(rollUp(statuses)).toBe(expected);
  });
});

const mapping = {
  "1.1": [
    MappingEntry.parse({
      kind: "log_source",
      params: { sources: ["cloudtrail"] },
      rationale: "Cloud audit logs arrive.",
    }),
  ],
  "1.2": [MappingEntry.parse({ kind: "manual", rationale: "Attest the review." })],
  "2.1": [MappingEntry.parse({ kind: "manual", rationale: "Attest the policy." })],
};

function run(parts: PartOverrides, attestations: Attestation[] = [], frameworks = ["test-fw"]) {
  const input: AssessInput = {
    snapshot: buildSnapshot(parts),
    catalogs: [FRAMEWORK],
    attack: ATTACK,
    mappings: { "test-fw": mapping },
    sourceMap: SOURCE_MAP,
    attestations,
    thresholds: Thresholds.parse({}),
    frameworks,
  };
  const assessment = assess(input);
  const controls = new Map<string, ControlResult>(
    assessment.frameworks[0]?.controls.map((control) => [control.id, control]) ?? [],
  );
  return { assessment, controls, input };
}

const ingesting = { log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))) };
const attest = (id: string, type: Attestation["type"], date: string, expires: string) =>
  attestation("test-fw", id, type, date, expires);

describe("assess", () => {
  it("judges mapped controls, rolls parents up from children and reports unmapped ones as manual", () => {
    const { assessment, controls } = run(ingesting);
    expect(controls.get("1.1")).toMatchObject({
      status: "pass",
      status_from: "own",
      findings: [{ check: "log_source", status: "pass", message_id: "enoughSources" }],
    });
    expect(controls.get("1.2")).toMatchObject({
      status: "manual",
      findings: [{ check: "manual", rationale: "Attest the review." }],
    });
    expect(controls.get("1")).toMatchObject({ status: "partial", status_from: "children", findings: [] });
    expect(controls.get("2")).toMatchObject({ status: "manual", status_from: "children" });
    expect(controls.get("3")!.findings[0]).toMatchObject({
      status: "manual",
      message_id: "noMapping",
      reason: "No automated evidence mapped; needs a person's attestation",
    });
    expect(assessment.frameworks[0]!.summary).toEqual({
      pass: 1,
      partial: 1,
      fail: 0,
      unknown: 0,
      manual: 5,
      accepted: 0,
      not_applicable: 0,
    });
    expect(assessment).toMatchObject({
      complete: true,
      snapshot_warnings: [],
      attack: null,
      collected_at: "2026-10-01T06:00:00Z",
    });
    expect(Assessment.safeParse(assessment).success).toBe(true);
  });

  it("turns a manual finding into a pass with an active evidence attestation, up to the parent", () => {
    const { controls } = run(ingesting, [attest("1.2", "evidence", "2026-09-01", "2026-10-01")]);
    expect(controls.get("1.2")).toMatchObject({
      status: "pass",
      findings: [
        {
          status: "pass",
          message_id: "attested",
          reason: "Attested by jane@example.com on 2026-09-01, valid until 2026-10-01: Reviewed in the Q3 audit",
        },
      ],
      attestations: [{ state: "active" }],
    });
    expect(controls.get("1.2")!.findings[0]!.evidence.map((ref) => ref.type)).toEqual(["attestation", "attestation"]);
    expect(controls.get("1")!.status).toBe("pass");
  });

  it("satisfies an unmapped control with an evidence attestation", () => {
    expect(run(ingesting, [attest("3", "evidence", "2026-09-01", "2027-01-01")]).controls.get("3")!.status).toBe(
      "pass",
    );
  });

  it("does not count an expired attestation, and flags it", () => {
    const { controls } = run(ingesting, [attest("1.2", "evidence", "2026-01-01", "2026-09-30")]);
    const control = controls.get("1.2")!;
    expect(control.status).toBe("manual");
    expect(control.findings[1]).toMatchObject({
      check: "attestation",
      informational: true,
      reason_code: "attestation_expired",
      reason: "The evidence attestation by jane@example.com expired on 2026-09-30; it no longer counts",
    });
  });

  it("does not count an attestation dated after collection", () => {
    const { controls } = run(ingesting, [attest("1.2", "evidence", "2026-10-02", "2027-01-01")]);
    expect(controls.get("1.2")).toMatchObject({ status: "manual", attestations: [{ state: "not_yet_valid" }] });
  });

  it("makes a failing control accepted with an active risk acceptance, but leaves a passing one alone", () => {
    const failing = run({}, [attest("1.1", "risk_acceptance", "2026-09-01", "2026-12-31")]).controls.get("1.1")!;
    expect(failing).toMatchObject({ status: "accepted", status_from: "attestation", findings: [{ status: "fail" }] });
    const passing = run(ingesting, [attest("1.1", "risk_acceptance", "2026-09-01", "2026-12-31")]).controls.get("1.1")!;
    expect(passing.status).toBe("pass");
  });

  it("marks a control not applicable, which its parent then sets aside", () => {
    const { controls, assessment } = run(ingesting, [attest("2.2", "not_applicable", "2026-09-01", "2026-12-31")]);
    expect(controls.get("2.2")!.status).toBe("not_applicable");
    expect(controls.get("2")!.status).toBe("manual");
    expect(assessment.frameworks[0]!.summary.not_applicable).toBe(1);
  });

  it("makes controls that need a failed collector unknown and the assessment incomplete", () => {
    const { assessment, controls } = run({ log_sources: "error" });
    expect(controls.get("1.1")).toMatchObject({
      status: "unknown",
      findings: [{ message_id: "collectorFailed", reason_code: "evidence_unavailable" }],
    });
    expect(controls.get("1")!.status).toBe("unknown");
    expect(assessment.complete).toBe(false);
    expect(assessment.snapshot_warnings).toEqual([
      "log_sources: collector failed: log_sources request failed with HTTP 500",
    ]);
  });

  it("adds the ATT&CK section when mitre-attack is requested", () => {
    const { assessment } = run(ingesting, [], ["test-fw", "mitre-attack"]);
    expect(assessment.attack).toMatchObject({ version: "18.1", gap_below: 3, missing_evidence: [] });
    expect(assessment.attack!.techniques.map((t) => t.id)).toEqual(["T1059", "T1078", "T1110", "T1110.001", "T1566"]);
  });

  it("is a pure function of its inputs", () => {
    const first = run(ingesting, [attest("1.2", "evidence", "2026-09-01", "2027-01-01")], ["test-fw", "mitre-attack"]);
    expect(assess(first.input)).toEqual(first.assessment);
    expect(JSON.stringify(assess(first.input))).toBe(JSON.stringify(first.assessment));
  });
});
