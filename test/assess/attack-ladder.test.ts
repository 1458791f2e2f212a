import { describe, expect, it } from "vitest";
import { assessAttack, ruleMetTriageSla } from "../../src/assess/attack/assess-attack.js";
import { ladderReason, ladderScore, type TechniqueFacts } from "../../src/assess/attack/ladder.js";
import type { Attestation } from "../../src/assess/attestations.js";
import type { TechniqueResult } from "../../src/assess/schema.js";
import { Thresholds } from "../../src/config/schema.js";
import { type DetectionRule, RuleQuery } from "../../src/snapshot/schema.js";
import { ATTACK, attestation, SOURCE_MAP } from "./fixtures/catalogs.js";
import type { PartOverrides } from "./fixtures/snapshot-builder.js";
import {
  agentRule,
  buildSnapshot,
  detectionRule,
  firstDays,
  hosts,
  lastDays,
  logSources,
  signalRule,
  signals,
  sourceVolume,
  triageStats,
} from "./fixtures/snapshot-builder.js";

const thresholds = Thresholds.parse({});
const facts = (fields: Partial<TechniqueFacts>): TechniqueFacts => ({
  enabled: 0,
  disabled: 0,
  effective: 0,
  fired: 0,
  firedWithinSla: false,
  ineffective: { agents_missing: 0, deprecated: 0, other: 0 },
  visible: false,
  ...fields,
});

describe("the ladder", () => {
  it.each([
    [0, facts({})],
    [1, facts({ visible: true })],
    [2, facts({ enabled: 1, ineffective: { agents_missing: 0, deprecated: 0, other: 1 } })],
    [3, facts({ enabled: 1, effective: 1 })],
    [4, facts({ enabled: 1, effective: 1, fired: 1, firedWithinSla: true })],
    [4, facts({ enabled: 2, effective: 2, fired: 1, firedWithinSla: false })],
    [5, facts({ enabled: 2, effective: 2, fired: 1, firedWithinSla: true })],
  ])("scores %i", (score, given) => {
    expect(ladderScore(given)).toBe(score);
  });

  it("gives the reason for each gap", () => {
    expect(ladderReason(0, facts({}), 3, false)).toBe("no_rule");
    expect(ladderReason(1, facts({ disabled: 1, visible: true }), 3, false)).toBe("rule_disabled");
    expect(
      ladderReason(2, facts({ enabled: 1, ineffective: { agents_missing: 1, deprecated: 0, other: 0 } }), 3, false),
    ).toBe("agents_missing");
    expect(
      ladderReason(2, facts({ enabled: 2, ineffective: { agents_missing: 1, deprecated: 0, other: 1 } }), 3, false),
    ).toBe("source_silent");
    expect(ladderReason(3, facts({ enabled: 1, effective: 1 }), 5, false)).toBe("never_fired");
    expect(ladderReason(4, facts({ effective: 1 }), 5, false)).toBe("single_rule");
    expect(ladderReason(4, facts({ effective: 2 }), 5, false)).toBe("triage_sla_missed");
    expect(ladderReason(3, facts({}), 3, true)).toBe("covered");
    expect(ladderReason(2, facts({}), 3, true)).toBe("evidence_unavailable");
  });
});

describe("rule triage SLA for rung 5", () => {
  it("uses the stricter SLA when the rule raised critical signals", () => {
    // 3 signals left open within 240 min, but not within 60.
    const stats = signalRule("r", 3, { by_severity: { critical: 1, high: 2 }, high_critical: triageStats([0, 0, 3]) });
    expect(ruleMetTriageSla(stats, thresholds)).toBe(false);
    expect(ruleMetTriageSla({ ...stats, by_severity: { high: 3 } }, thresholds)).toBe(true);
  });
  it("has no SLA to miss for a rule that raised neither high nor critical", () => {
    expect(
      ruleMetTriageSla(signalRule("r", 3, { by_severity: { medium: 3 }, high_critical: triageStats([]) }), thresholds),
    ).toBe(true);
  });
  it("counts a still-open signal past the SLA as missed", () => {
    expect(ruleMetTriageSla(signalRule("r", 2, { high_critical: triageStats([1], [0, 0, 0, 1]) }), thresholds)).toBe(
      false,
    );
  });
});

const cloudtrailRule = (id: string, enabled = true) =>
  detectionRule({ id, enabled, query: "source:cloudtrail", tags: ["technique:T1078-valid-accounts"] });
const cloudtrailNow = logSources(sourceVolume("cloudtrail", lastDays(7)));

function score(
  parts: PartOverrides,
  attestations: Attestation[] = [],
  thresholdFields: object = {},
): Map<string, TechniqueResult> {
  const result = assessAttack({
    snapshot: buildSnapshot(parts),
    catalog: ATTACK,
    sourceMap: SOURCE_MAP,
    attestations,
    thresholds: Thresholds.parse(thresholdFields),
  });
  return new Map(result.techniques.map((technique) => [technique.id, technique]));
}

describe("ATT&CK scoring from a snapshot", () => {
  it("leaves out revoked and deprecated techniques", () => {
    expect([...score({}).keys()]).toEqual(["T1059", "T1078", "T1110", "T1110.001", "T1566"]);
  });

  it("rung 0: no rule, nothing visible", () => {
    expect(score({}).get("T1566")).toMatchObject({
      score: 0,
      reason: "no_rule",
      visibility: { sources: [], log_sources: [] },
    });
  });

  it("rung 1: visibility only, a parent seeing through its sub-technique's log source", () => {
    const t = score({ log_sources: logSources(sourceVolume("okta", lastDays(2))) });
    expect(t.get("T1110")).toMatchObject({
      score: 1,
      reason: "no_rule",
      visibility: { sources: ["okta"], log_sources: ["saas:okta"] },
    });
    expect(t.get("T1110.001")).toMatchObject({ score: 1 });
  });

  it("rung 2: an enabled rule whose source is silent", () => {
    const t = score({
      rules: { rules: [cloudtrailRule("r1")] },
      log_sources: logSources(sourceVolume("cloudtrail", firstDays(30))),
    });
    expect(t.get("T1078")).toMatchObject({
      score: 2,
      reason: "source_silent",
      rules: { enabled: ["r1"], effective: [], fired: [] },
    });
  });

  it("rung 3: effective but never fired", () => {
    const t = score({
      rules: { rules: [cloudtrailRule("r1"), cloudtrailRule("r0", false)] },
      log_sources: cloudtrailNow,
    });
    expect(t.get("T1078")).toMatchObject({
      score: 3,
      reason: "covered",
      rules: { enabled: ["r1"], effective: ["r1"], fired: [] },
      visibility: { sources: ["cloudtrail"], log_sources: ["AWS:CloudTrail"] },
    });
    expect(
      score({ rules: { rules: [cloudtrailRule("r1")] }, log_sources: cloudtrailNow }, [], { attack_gap_below: 4 }).get(
        "T1078",
      )!.reason,
    ).toBe("never_fired");
  });

  it("rung 4: an effective rule fired, but it is the only one", () => {
    const t = score(
      {
        rules: { rules: [cloudtrailRule("r1")] },
        log_sources: cloudtrailNow,
        signals: signals({ by_rule: [signalRule("r1", 2)] }),
      },
      [],
      { attack_gap_below: 5 },
    );
    expect(t.get("T1078")).toMatchObject({ score: 4, reason: "single_rule", rules: { fired: ["r1"] } });
  });

  it("rung 5: two effective rules, one fired and triaged within the SLA", () => {
    const t = score({
      rules: { rules: [cloudtrailRule("r1"), cloudtrailRule("r2")] },
      log_sources: cloudtrailNow,
      signals: signals({ by_rule: [signalRule("r1", 2, { high_critical: triageStats([2]) })] }),
    });
    expect(t.get("T1078")).toMatchObject({
      score: 5,
      reason: "covered",
      rules: { enabled: ["r1", "r2"], effective: ["r1", "r2"], fired: ["r1"] },
    });
  });

  it("stays at 4 when the fired rule's signals missed the SLA", () => {
    const t = score(
      {
        rules: { rules: [cloudtrailRule("r1"), cloudtrailRule("r2")] },
        log_sources: cloudtrailNow,
        signals: signals({ by_rule: [signalRule("r1", 2, { high_critical: triageStats([0, 0, 0, 2]) })] }),
      },
      [],
      { attack_gap_below: 5 },
    );
    expect(t.get("T1078")).toMatchObject({ score: 4, reason: "triage_sla_missed" });
  });

  it("counts a sub-technique rule for the sub-technique and its parent, not the reverse", () => {
    const sub = detectionRule({ id: "s1", query: "source:okta", tags: ["subtechnique:T1110.001-password-guessing"] });
    const parentOnly = detectionRule({ id: "p1", query: "source:okta", tags: ["technique:T1110-brute-force"] });
    const t = score({
      rules: { rules: [sub, parentOnly] },
      log_sources: logSources(sourceVolume("okta", lastDays(7))),
    });
    expect(t.get("T1110")).toMatchObject({ score: 3, rules: { effective: ["p1", "s1"] } });
    expect(t.get("T1110.001")).toMatchObject({ score: 3, rules: { effective: ["s1"] } });
  });

  it("scores Workload Protection agent rules by CWS host coverage, and sees ebpf through the CWS row", () => {
    const parts: PartOverrides = {
      agent_rules: {
        agent_rules: [agentRule({ id: "ag1", product_tags: ["technique:T1059-command-and-scripting-interpreter"] })],
      },
      agents: { hosts: hosts(2, "h") },
    };
    expect(score(parts).get("T1059")).toMatchObject({
      score: 3,
      visibility: { sources: ["runtime-security-agent"], log_sources: ["ebpf:syscalls"] },
    });
    expect(score({ ...parts, agents: { hosts: hosts(2, "h", { cws_enabled: false }) } }).get("T1059")).toMatchObject({
      score: 2,
      reason: "agents_missing",
    });
  });

  it("names a disabled rule as the gap", () => {
    expect(score({ rules: { rules: [cloudtrailRule("r0", false)] } }).get("T1078")).toMatchObject({
      score: 0,
      reason: "rule_disabled",
    });
  });

  it("reports lower bounds when a collector failed", () => {
    const result = assessAttack({
      snapshot: buildSnapshot({ rules: { rules: [cloudtrailRule("r1")] }, log_sources: "error" }),
      catalog: ATTACK,
      sourceMap: SOURCE_MAP,
      attestations: [],
      thresholds,
    });
    expect(result.missing_evidence).toEqual(["log_sources"]);
    expect(result.techniques.find((t) => t.id === "T1078")).toMatchObject({ score: 2, reason: "evidence_unavailable" });
  });

  it("records a risk acceptance as the technique's disposition", () => {
    const accepted = attestation("mitre-attack", "T1566", "risk_acceptance", "2026-01-01", "2026-12-31");
    expect(score({}, [accepted]).get("T1566")).toMatchObject({ score: 0, reason: "no_rule", disposition: "accepted" });
    expect(score({}, [{ ...accepted, expires: "2026-09-30" }]).get("T1566")).toMatchObject({
      disposition: null,
      attestations: [{ state: "expired" }],
    });
  });
});

describe("ATT&CK scoring of deprecated, beta and correlation rules", () => {
  /** A signal_correlation rule as Datadog sends it: queries chain rules and carry no query of their own. */
  const correlation = (
    id: string,
    chains: Array<{ rule?: string; defaultRule?: string }>,
    fields: Partial<DetectionRule> = {},
  ) =>
    detectionRule({
      id,
      type: "signal_correlation",
      tags: ["technique:T1078-valid-accounts"],
      queries: chains.map((chain, index) =>
        RuleQuery.parse({
          query: "",
          data_source: null,
          name: `q${index}`,
          chained_rule_id: chain.rule ?? null,
          chained_default_rule_id: chain.defaultRule ?? null,
          correlated_by: ["host"],
        }),
      ),
      ...fields,
    });
  /** An input of a correlation rule, tagged for another technique so it does not score T1078 itself. */
  const input = (id: string, source: string, fields: Partial<DetectionRule> = {}) =>
    detectionRule({ id, query: `source:${source}`, tags: ["technique:T1566-phishing"], ...fields });

  it("a deprecated rule is never effective: paper coverage (2) even when its source ingests and it fired", () => {
    const deprecated = detectionRule({ ...cloudtrailRule("r1"), is_deprecated: true });
    const t = score({
      rules: { rules: [deprecated] },
      log_sources: cloudtrailNow,
      signals: signals({ by_rule: [signalRule("r1", 3)] }),
    });
    expect(t.get("T1078")).toMatchObject({
      score: 2,
      reason: "rule_deprecated",
      rules: { enabled: ["r1"], effective: [], fired: [], deprecated: ["r1"], beta: [] },
    });
  });

  it("a deprecated rule beside an effective one does not lower the score", () => {
    const t = score({
      rules: { rules: [detectionRule({ ...cloudtrailRule("r1"), is_deprecated: true }), cloudtrailRule("r2")] },
      log_sources: cloudtrailNow,
    });
    expect(t.get("T1078")).toMatchObject({ score: 3, rules: { enabled: ["r1", "r2"], effective: ["r2"] } });
  });

  it("a beta rule counts normally", () => {
    const beta = detectionRule({ ...cloudtrailRule("r1"), is_beta: true });
    const t = score(
      { rules: { rules: [beta] }, log_sources: cloudtrailNow, signals: signals({ by_rule: [signalRule("r1", 2)] }) },
      [],
      { attack_gap_below: 5 },
    );
    expect(t.get("T1078")).toMatchObject({
      score: 4,
      rules: { effective: ["r1"], fired: ["r1"], deprecated: [], beta: ["r1"] },
    });
  });

  it("a correlation rule is effective when every rule it chains is enabled and effective", () => {
    const rules = [
      correlation("c1", [{ rule: "in1" }, { rule: "in2" }]),
      input("in1", "cloudtrail"),
      input("in2", "okta"),
    ];
    const logs = logSources(sourceVolume("cloudtrail", lastDays(7)), sourceVolume("okta", lastDays(7)));
    expect(score({ rules: { rules }, log_sources: logs }).get("T1078")).toMatchObject({
      score: 3,
      rules: { enabled: ["c1"], effective: ["c1"] },
    });
  });

  it("a correlation rule follows a chained out-of-the-box definition through defaultRuleId", () => {
    const rules = [
      correlation("c1", [{ defaultRule: "def-abc" }]),
      input("in1", "cloudtrail", { default_rule_id: "def-abc" }),
    ];
    expect(score({ rules: { rules }, log_sources: cloudtrailNow }).get("T1078")).toMatchObject({
      score: 3,
      rules: { effective: ["c1"] },
    });
  });

  it("a correlation rule is not effective when a chained rule is silent, disabled, deprecated or missing, even if it fired", () => {
    const fired = signals({ by_rule: [signalRule("c1", 4)] });
    const cases: DetectionRule[][] = [
      [correlation("c1", [{ rule: "in1" }, { rule: "in2" }]), input("in1", "cloudtrail"), input("in2", "okta")],
      [correlation("c1", [{ rule: "in1" }]), input("in1", "cloudtrail", { enabled: false })],
      [correlation("c1", [{ rule: "in1" }]), input("in1", "cloudtrail", { is_deprecated: true })],
      [correlation("c1", [{ rule: "gone" }])],
    ];
    for (const rules of cases) {
      expect(score({ rules: { rules }, log_sources: cloudtrailNow, signals: fired }).get("T1078")).toMatchObject({
        score: 2,
        reason: "source_silent",
        rules: { enabled: ["c1"], effective: [], fired: [] },
      });
    }
  });

  it("a correlation rule whose chain holds and that fired is validated (4)", () => {
    const rules = [correlation("c1", [{ rule: "in1" }]), input("in1", "cloudtrail")];
    const t = score(
      { rules: { rules }, log_sources: cloudtrailNow, signals: signals({ by_rule: [signalRule("c1", 1)] }) },
      [],
      { attack_gap_below: 5 },
    );
    expect(t.get("T1078")).toMatchObject({ score: 4, rules: { effective: ["c1"], fired: ["c1"] } });
  });

  it("a chain that loops back on itself is not effective", () => {
    const rules = [correlation("c1", [{ rule: "c2" }]), correlation("c2", [{ rule: "c1" }], { tags: [] })];
    expect(score({ rules: { rules }, log_sources: cloudtrailNow }).get("T1078")).toMatchObject({ score: 2 });
  });
});
