/**
 * Every message of every check kind, read as a person reads it: the full
 * sentence, the status, the reason code and each evidence reference with its
 * label (scenarios in check-sentences.scenarios.ts).
 */
import { describe, expect, it } from "vitest";
import { CHECKS } from "../../src/assess/checks/index.js";
import { runCheck, toFinding } from "../../src/assess/run-check.js";
import { Thresholds } from "../../src/config/schema.js";
import { SCENARIOS } from "./check-sentences.scenarios.js";

interface Expected {
  status: string;
  message_id: string;
  reason_code: string | null;
  reason: string;
  /** type, id and label (null when the reference has none). */
  evidence: [string, string, string | null][];
}

const EXPECTED: Record<string, Expected> = {
  "agent_coverage coverageMet, every requirement named": {
    status: "pass",
    message_id: "coverageMet",
    reason_code: null,
    reason:
      "2 of 2 hosts (100%) meet the agent requirements (reported in the last 60 minutes, agent 7.50.0 or later, security agent running, Workload Protection enabled, CSPM enabled); required 95%",
    evidence: [],
  },
  "agent_coverage coverageShort, each shortfall labelled": {
    status: "partial",
    message_id: "coverageShort",
    reason_code: "agents_missing",
    reason:
      "1 of 3 hosts (33.3%) meet the agent requirements (reported in the last 60 minutes, agent 7.50.0 or later, security agent running, Workload Protection enabled, CSPM enabled); required 50%. Short: 2 not reporting, 1 agent too old, 1 no security agent, 1 Workload Protection off, 1 CSPM off",
    evidence: [
      ["host", "old", "not reporting, agent too old"],
      ["host", "bare", "not reporting, no security agent, Workload Protection off, CSPM off"],
    ],
  },
  "agent_coverage noCoverage": {
    status: "fail",
    message_id: "noCoverage",
    reason_code: "agents_missing",
    reason:
      "None of the 1 hosts meets the agent requirements (reported in the last 60 minutes). Short: 1 not reporting",
    evidence: [["host", "late", "not reporting"]],
  },
  "agent_coverage noHosts": {
    status: "fail",
    message_id: "noHosts",
    reason_code: "agents_missing",
    reason: "The agent inventory lists no hosts, so no agent coverage can be shown",
    evidence: [],
  },
  "dashboard_present found": {
    status: "pass",
    message_id: "found",
    reason_code: null,
    reason:
      "2 of 3 dashboards look like security dashboards (title matches *security*, *siem*, *threat*): SOC Security overview, Threat intel",
    evidence: [
      ["dashboard", "d1", "SOC Security overview"],
      ["dashboard", "d3", "Threat intel"],
    ],
  },
  "dashboard_present tooFew": {
    status: "partial",
    message_id: "tooFew",
    reason_code: "dashboard_missing",
    reason:
      "Only 1 of 2 dashboards look like security dashboards (title matches *security*, *siem*, *threat*); required 2: SIEM",
    evidence: [["dashboard", "d1", "SIEM"]],
  },
  "dashboard_present none": {
    status: "fail",
    message_id: "none",
    reason_code: "dashboard_missing",
    reason: "None of the 2 dashboards has a title matching *security*, *siem*, *threat*",
    evidence: [],
  },
  "detection_rules enoughRules": {
    status: "pass",
    message_id: "enoughRules",
    reason_code: null,
    reason: "2 enabled rules match source cloudtrail (required 2); 1 more are disabled",
    evidence: [
      ["rule", "r1", "CloudTrail r1"],
      ["rule", "r2", "CloudTrail r2"],
    ],
  },
  "detection_rules tooFewRules": {
    status: "partial",
    message_id: "tooFewRules",
    reason_code: "no_rule",
    reason: "Only 1 enabled rules match source cloudtrail; required 2 (1 more are disabled)",
    evidence: [["rule", "r1", "CloudTrail r1"]],
  },
  "detection_rules onlyDisabled": {
    status: "fail",
    message_id: "onlyDisabled",
    reason_code: "rule_disabled",
    reason: "No enabled rule matches technique T1078: the 1 that match are all disabled",
    evidence: [["rule", "r3", "CloudTrail r3 (disabled)"]],
  },
  "detection_rules noRules": {
    status: "fail",
    message_id: "noRules",
    reason_code: "no_rule",
    reason: "No rule matches type log_detection",
    evidence: [],
  },
  "detection_rules everySourceCovered": {
    status: "pass",
    message_id: "everySourceCovered",
    reason_code: null,
    reason: "Each of the 2 ingesting sources has at least 1 enabled rules matching any rule: cloudtrail 1, okta 1",
    evidence: [
      ["source", "cloudtrail", "1 enabled rules"],
      ["source", "okta", "1 enabled rules"],
    ],
  },
  "detection_rules someSourcesBare": {
    status: "partial",
    message_id: "someSourcesBare",
    reason_code: "no_rule",
    reason: "Only 1 of 2 ingesting sources have at least 1 enabled rules matching any rule: cloudtrail 1, okta 0",
    evidence: [
      ["source", "cloudtrail", "1 enabled rules"],
      ["source", "okta", "0 enabled rules"],
    ],
  },
  "detection_rules noSourceCovered": {
    status: "fail",
    message_id: "noSourceCovered",
    reason_code: "no_rule",
    reason: "None of the 1 ingesting sources has 2 enabled rules matching any rule: okta 1",
    evidence: [["source", "okta", "1 enabled rules"]],
  },
  "detection_rules noSourceIngesting": {
    status: "not_applicable",
    message_id: "noSourceIngesting",
    reason_code: null,
    reason: "None of okta, github is ingesting, so no detection content is needed for it",
    evidence: [],
  },
  "log_retention retentionMet": {
    status: "pass",
    message_id: "retentionMet",
    reason_code: null,
    reason:
      "2 of 2 indexes keep logs searchable for at least 90 days and kept for 365 (working archives: 1): main 90 days searchable, flex 400 days searchable",
    evidence: [
      ["index", "main", "90 days searchable"],
      ["index", "flex", "400 days searchable"],
      ["archive", "a1", "archive a1 (Working)"],
    ],
  },
  "log_retention retentionShort": {
    status: "partial",
    message_id: "retentionShort",
    reason_code: "retention_short",
    reason:
      "Only 1 of 2 indexes keep logs searchable for at least 90 days and kept for 365 (working archives: 0): main 365 days searchable, debug 3 days searchable",
    evidence: [
      ["index", "main", "365 days searchable"],
      ["index", "debug", "3 days searchable"],
      ["archive", "a1", "archive a1 (failing)"],
    ],
  },
  "log_retention noneRetained": {
    status: "fail",
    message_id: "noneRetained",
    reason_code: "retention_short",
    reason:
      "None of the 2 indexes keeps logs searchable for 90 days and kept for 365 (working archives: 0): main 180 days searchable, nulls 0 days searchable",
    evidence: [
      ["index", "main", "180 days searchable"],
      ["index", "nulls", "0 days searchable"],
    ],
  },
  "log_retention noIndexes": {
    status: "fail",
    message_id: "noIndexes",
    reason_code: "retention_short",
    reason: "No log index matches sec*, audit, so no logs are retained",
    evidence: [],
  },
  "log_source enoughSources": {
    status: "pass",
    message_id: "enoughSources",
    reason_code: null,
    reason:
      "3 of 3 log sources had data on at least 90% of the 92 days (required 3): cloudtrail 100%, azure.activity 90.2%, azure.storage 97.8%",
    evidence: [
      ["source", "cloudtrail", "92 of 92 days with data"],
      ["source", "azure.activity", "83 of 92 days with data"],
      ["source", "azure.storage", "90 of 92 days with data"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "log_source tooFewSources": {
    status: "partial",
    message_id: "tooFewSources",
    reason_code: "source_silent",
    reason:
      "Only 1 of 3 log sources had data on at least 90% of the 92 days; required 2: cloudtrail 100%, okta 32.6%, github no data",
    evidence: [
      ["source", "cloudtrail", "92 of 92 days with data"],
      ["source", "okta", "30 of 92 days with data"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "log_source noSourceData": {
    status: "fail",
    message_id: "noSourceData",
    reason_code: "source_silent",
    reason: "None of the 2 log sources had data in the period: okta no data, github no data",
    evidence: [
      ["source", "okta", "0 of 92 days with data"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "manual needsAttestation": {
    status: "manual",
    message_id: "needsAttestation",
    reason_code: "attestation_missing",
    reason: "Needs a person's attestation: no automated evidence covers this",
    evidence: [],
  },
  "notification_routing allRouted, measured and unmeasured": {
    status: "pass",
    message_id: "allRouted",
    reason_code: null,
    reason:
      "Signals of all 2 listed severities reach a destination: critical: 19 of 20 critical signals (95%) matched by 2 notification rules (scopes: every signal; env:prod), high: no high signal in the period; 1 notification rules route every high signal",
    evidence: [
      ["notification_rule", "n1", "route n1 (scope: every signal) → @pagerduty-soc"],
      ["notification_rule", "n2", "route n2 (scope: env:prod) → @pagerduty-soc"],
      ["notification_rule", "n1", "route n1 (scope: every signal) → @pagerduty-soc"],
    ],
  },
  "notification_routing someRouted, by cases and not routed": {
    status: "partial",
    message_id: "someRouted",
    reason_code: "notification_missing",
    reason:
      "Signals of only 2 of 3 listed severities reach a destination: critical via case notifications on every rule with a critical case (notification rules matched 2 of 10 critical signals (20%)), high not routed: 9 of 10 high signals (90%) matched by a notification rule's selectors, required 95% (scopes: env:prod), medium via case notifications on all 1 rules",
    evidence: [["notification_rule", "n2", "route n2 (scope: env:prod) → @slack-sec, @oncall"]],
  },
  "notification_routing noneRouted": {
    status: "fail",
    message_id: "noneRouted",
    reason_code: "notification_missing",
    reason:
      "No signal of the listed severities reaches a destination: critical not routed (no critical signal in the period to measure; notification rules covering it are scoped: env:test; 1 of 2 rules notify from their cases)",
    evidence: [
      ["notification_rule", "n3", "route n3 (scope: env:test) → @pagerduty-soc"],
      ["rule", "c2", "Case rule c2 (no critical notification)"],
    ],
  },
  "notification_routing notMeasured": {
    status: "unknown",
    message_id: "notMeasured",
    reason_code: null,
    reason:
      "Routing cannot be judged: this snapshot does not say which of the period's signals the notification rules' selectors match (a snapshot older than schema version 2, or the notification rules could not be read while signals were collected)",
    evidence: [],
  },
  "rule_effectiveness effective": {
    status: "pass",
    message_id: "effective",
    reason_code: null,
    reason:
      "2 of 2 enabled rules matching technique T1078 are effective (100%) and 1 fired; required at least 1 effective (50% of them) and 1 fired (beta, counted normally: CloudTrail r1)",
    evidence: [
      ["rule", "r1", "CloudTrail r1 (beta)"],
      ["rule", "r2", "CloudTrail r2"],
    ],
  },
  "rule_effectiveness neverFired": {
    status: "partial",
    message_id: "neverFired",
    reason_code: "never_fired",
    reason: "1 of 1 enabled rules matching technique T1078 are effective, but only 0 fired in the period; required 1",
    evidence: [["rule", "r1", "CloudTrail r1"]],
  },
  "rule_effectiveness partlyEffective": {
    status: "partial",
    message_id: "partlyEffective",
    reason_code: "source_silent",
    reason:
      "Only 1 of 5 enabled rules matching any rule are effective; required 2 and 0%. Not effective: 1 with a silent source, 1 with an unknown source, 1 without enough Workload Protection hosts, 1 deprecated, 0 correlating rules that are not all enabled and effective (deprecated by Datadog, never counted effective: Old rule)",
    evidence: [
      ["rule", "dep", "Old rule (deprecated)"],
      ["rule", "silent", "Rule silent"],
      ["rule", "unknown", "Rule unknown"],
      ["rule", "wp", "Rule wp"],
    ],
  },
  "rule_effectiveness noneEffective": {
    status: "fail",
    message_id: "noneEffective",
    reason_code: "source_silent",
    reason:
      "None of the 2 enabled rules matching any rule is effective: 1 with a silent source, 0 with an unknown source, 1 without enough Workload Protection hosts, 0 deprecated, 0 correlating rules that are not all enabled and effective",
    evidence: [
      ["rule", "silent", "Rule silent"],
      ["rule", "a1", "Agent rule a1"],
    ],
  },
  "rule_effectiveness noEnabledRules": {
    status: "fail",
    message_id: "noEnabledRules",
    reason_code: "rule_disabled",
    reason: "No enabled rule matches source cloudtrail (1 disabled)",
    evidence: [["rule", "r1", "CloudTrail r1 (disabled)"]],
  },
  "signal_triage triageMet": {
    status: "pass",
    message_id: "triageMet",
    reason_code: null,
    reason:
      "9 of 10 signals (90%) left open within the SLA; required 90%; none still open past 7 days. critical: 9 of 10 within 60 min",
    evidence: [
      ["signals", "severity:critical", "10 signals"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "signal_triage triageShort, untimed and unrecorded named": {
    status: "partial",
    message_id: "triageShort",
    reason_code: "triage_sla_missed",
    reason:
      "6 of 12 signals (50%) left open within the SLA; required 90%, and none open past 7 days (1 are). critical: 5 of 10 within 60 min (2 untimed, 2 without a triage state), high: 1 of 2 within 60 min",
    evidence: [
      ["signals", "severity:critical", "10 signals"],
      ["signals", "severity:high", "2 signals"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "signal_triage triageMissed": {
    status: "fail",
    message_id: "triageMissed",
    reason_code: "triage_sla_missed",
    reason: "None of the 5 signals left open within the SLA; 2 still open past 1 days. critical: 0 of 5 within 60 min",
    evidence: [
      ["signals", "severity:critical", "5 signals"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "signal_triage noSignals": {
    status: "unknown",
    message_id: "noSignals",
    reason_code: "evidence_unavailable",
    reason: "No critical or high signals to judge in the period, so triage cannot be shown",
    evidence: [["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null]],
  },
  "signals_retrievable retrieved": {
    status: "pass",
    message_id: "retrieved",
    reason_code: null,
    reason: "The signals search returned 3 signals over 1 days of the period (required 1)",
    evidence: [
      ["signals", "search", "3 signals"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "signals_retrievable tooFew": {
    status: "fail",
    message_id: "tooFew",
    reason_code: "never_fired",
    reason: "The signals search returned 3 signals for the period; required 5",
    evidence: [
      ["signals", "search", "3 signals"],
      ["query_window", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", null],
    ],
  },
  "suppression_hygiene tidy, one scheduled": {
    status: "pass",
    message_id: "tidy",
    reason_code: null,
    reason:
      "1 of 1 suppressions in force (100%) are described and expire as required; required 100% (1 scheduled to start later, not yet in force: Later)",
    evidence: [],
  },
  "suppression_hygiene noSuppressions": {
    status: "pass",
    message_id: "noSuppressions",
    reason_code: null,
    reason: "No suppression is in force, so none can be untidy",
    evidence: [],
  },
  "suppression_hygiene untidy": {
    status: "partial",
    message_id: "untidy",
    reason_code: "suppression_hygiene",
    reason:
      "Only 1 of 3 suppressions in force (33.3%) are described and expire as required; required 100%. Missing description: 2, no expiry: 1, expiry too far: 1",
    evidence: [
      ["suppression", "s2", "suppression s2 (no description, expires too late)"],
      ["suppression", "s3", "suppression s3 (no description, no expiry)"],
    ],
  },
  "suppression_hygiene noneTidy": {
    status: "fail",
    message_id: "noneTidy",
    reason_code: "suppression_hygiene",
    reason:
      "None of the 1 suppressions in force is described and expires as required. Missing description: 0, no expiry: 1, expiry too far: 0",
    evidence: [["suppression", "s3", "suppression s3 (no expiry)"]],
  },
  "suppression_hygiene tooFew": {
    status: "fail",
    message_id: "tooFew",
    reason_code: "suppression_hygiene",
    reason: "1 suppressions are in force; at least 2 expected, showing noisy rules were tuned",
    evidence: [],
  },
  "collectorFailed names every failed part": {
    status: "unknown",
    message_id: "collectorFailed",
    reason_code: "evidence_unavailable",
    reason:
      "Evidence unavailable: the rules, signals collector failed (rules: rules request failed with HTTP 500; signals: signals request failed with HTTP 500), so this cannot be judged",
    evidence: [],
  },
};

describe("check sentences", () => {
  it("has one expectation per scenario", () => {
    expect(SCENARIOS.map((scenario) => scenario.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });
  for (const scenario of SCENARIOS) {
    it(scenario.name, () => {
      const module = CHECKS[scenario.kind]!;
      const params = module.params.parse(scenario.params ?? {});
      const result = runCheck(module, params, scenario.snapshot, { thresholds: Thresholds.parse({}) });
      const finding = toFinding(module, result, null);
      expect({
        status: finding.status,
        message_id: finding.message_id,
        reason_code: finding.reason_code,
        reason: finding.reason,
        evidence: finding.evidence.map((ref) => [ref.type, ref.id, ref.label ?? null]),
      }).toEqual(EXPECTED[scenario.name]);
    });
  }
});
