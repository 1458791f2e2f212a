/**
 * The shared report data at edges the fixture org does not reach: a
 * control's display label in the gap list, a manual control that carries an
 * active attestation, a passing control with a risk acceptance, ids that mix
 * digits and punctuation, two deprecated rules, and attestation references
 * that only mention a link.
 */
import { describe, expect, it } from "vitest";
import {
  type AppliedAttestation,
  Assessment,
  type ControlResult,
  TechniqueResult,
} from "../../../src/assess/schema.js";
import { controlVerdict, decidingFinding } from "../../../src/report/control-reason.js";
import { gapsOf } from "../../../src/report/gaps.js";
import { compareIds } from "../../../src/report/id-order.js";
import { mappingDigests, SOURCE_MAP_KEY } from "../../../src/report/mapping-digests.js";
import { relevantEvidence } from "../../../src/report/oscal-evidence.js";
import { techniqueReason } from "../../../src/report/technique-reason.js";
import { attestation } from "../../assess/fixtures/catalogs.js";
import { assessed } from "./fixtures/report-input.js";

const applied = (type: AppliedAttestation["type"], state: AppliedAttestation["state"]): AppliedAttestation => ({
  type,
  owner: "jane@example.com",
  reason: "Reviewed",
  date: "2026-09-01",
  expires: "2026-12-31",
  links: [],
  state,
});

const control = (id: string, fields: Partial<ControlResult> = {}): ControlResult => ({
  id,
  title: `Control ${id}`,
  parent: null,
  monitoring_relevant: true,
  status: "manual",
  status_from: "own",
  findings: [],
  attestations: [],
  ...fields,
});

function gapIds(controls: ControlResult[]) {
  const summary = { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 };
  const assessment = Assessment.parse({
    period: { label: "2026-Q3", from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z", timezone: "UTC" },
    collected_at: "2026-10-01T06:00:00Z",
    complete: true,
    snapshot_warnings: [],
    frameworks: [{ id: "nist", name: "NIST", version: "5", summary, controls }],
    attack: null,
  });
  return gapsOf(assessment);
}

describe("the gap list at its edges", () => {
  it("carries a control's display label only when it has one", () => {
    const [labelled, plain] = gapIds([control("si-4.2", { label: "SI-4(2)", status: "fail" }), control("si-5")]);
    expect(labelled).toMatchObject({ id: "si-4.2", label: "SI-4(2)" });
    expect(plain!.id).toBe("si-5");
    expect("label" in plain!).toBe(false);
  });

  it("leaves out a manual control with an active attestation, but not one whose attestations lapsed", () => {
    const gaps = gapIds([
      control("1", { attestations: [applied("evidence", "active")] }),
      control("2", { attestations: [applied("evidence", "expired")] }),
      control("3"),
      control("4", { status: "fail", attestations: [applied("risk_acceptance", "active")] }),
    ]);
    expect(gaps.map((gap) => gap.id)).toEqual(["4", "2", "3"]);
  });
});

describe("a control's verdict", () => {
  it("is its own finding when it passes despite an active risk acceptance", () => {
    const { assessment } = assessed({
      attestations: [attestation("test-fw", "1.1", "risk_acceptance", "2026-09-01", "2026-12-31")],
    });
    const framework = assessment.frameworks[0]!;
    const passing = framework.controls.find((candidate) => candidate.id === "1.1")!;
    expect(passing).toMatchObject({ status: "pass", status_from: "own" });
    expect(passing.attestations.map((applied) => applied.state)).toEqual(["active"]);
    expect(controlVerdict(passing, framework).reason).toBe(
      "1 of 1 log sources had data on at least 90% of the 92 days (required 1): cloudtrail 100%",
    );
  });
});

describe("the deciding finding", () => {
  it("is the first with the control's own status even when a worse one comes first", () => {
    const finding = (status: "fail" | "partial", reason: string) => ({
      check: "log_source",
      status,
      reason,
      evidence: [],
      message_id: "m",
      data: {},
      reason_code: "source_silent" as const,
      rationale: null,
      informational: false,
    });
    const partial = control("1", {
      status: "partial",
      findings: [finding("fail", "a fail"), finding("partial", "a partial")],
    });
    expect(decidingFinding(partial)?.reason).toBe("a partial");
  });
});

describe("id order across digits and punctuation", () => {
  it.each([
    // A run of letters that ends where the other id's run goes on is read whole: `A` before `A-`.
    ["A1", "A-1", -1],
    ["A-1", "A1", 1],
    // Digits and letters at the same place compare as text.
    ["1", "a", -1],
    ["a", "1", 1],
    ["1a", "ab", -1],
  ])("compareIds(%j, %j) is %i", (a, b, expected) => {
    expect(compareIds(a, b)).toBe(expected);
  });
});

describe("wording", () => {
  it("lists every deprecated rule, comma-separated", () => {
    const technique = TechniqueResult.parse({
      id: "T1078",
      name: "Valid Accounts",
      tactics: ["initial-access"],
      parent: null,
      score: 2,
      rules: { enabled: ["r1", "r2"], effective: [], fired: [], deprecated: ["r1", "r2"] },
      visibility: { sources: [], log_sources: [] },
      reason: "rule_deprecated",
      disposition: null,
      attestations: [],
    });
    expect(techniqueReason(technique, { missing_evidence: [] })).toBe(
      "2 enabled rule(s) (r1, r2) but Datadog deprecated every one of them, so none counts as effective" +
        " (deprecated by Datadog, never counted effective: r1, r2)",
    );
  });

  it("lists the ATT&CK source table under its own key", () => {
    expect(SOURCE_MAP_KEY).toBe("attack-log-sources");
    expect(Object.keys(mappingDigests({}, [], { okta: [] }))).toEqual(["attack-log-sources"]);
  });

  it("links an attestation reference to itself only when it is a web address from its first character", () => {
    const { snapshot } = assessed();
    expect(
      relevantEvidence(
        [
          { type: "attestation", id: "ticket https://wiki.example.com/q3" },
          { type: "attestation", id: "HTTPS://wiki.example.com/q4" },
        ],
        snapshot,
      ),
    ).toEqual([
      { href: "assessment.json", description: "Attestations: ticket https://wiki.example.com/q3" },
      { href: "HTTPS://wiki.example.com/q4", description: "Attestations: HTTPS://wiki.example.com/q4" },
    ]);
  });
});
