/**
 * One scenario per message of every check kind, for check-sentences.test.ts:
 * the full sentence a reader sees, the status, the reason code and the
 * evidence references, so a changed word, figure or label fails a test.
 */
import type { NotificationRule, PartData } from "../../src/snapshot/schema.js";
import {
  agentRule,
  buildSnapshot,
  detectionRule,
  firstDays,
  host,
  lastDays,
  logArchive,
  logIndex,
  logSources,
  notificationRoute,
  signalRule,
  signals,
  sourceVolume,
  suppression,
  triageStats,
} from "./fixtures/snapshot-builder.js";

export interface SentenceScenario {
  name: string;
  kind: string;
  params?: Record<string, unknown>;
  snapshot: ReturnType<typeof buildSnapshot>;
}

const dashboards = (...titles: string[]) =>
  buildSnapshot({ dashboards: { dashboards: titles.map((title, i) => ({ id: `d${i + 1}`, title, url: null })) } });

const index = logIndex;
const archive = logArchive;
const retention = (indexes: PartData<"log_indexes">["indexes"], archives: PartData<"log_archives">["archives"] = []) =>
  buildSnapshot({ log_indexes: { indexes }, log_archives: { archives } });

const sources = (...volumes: ReturnType<typeof sourceVolume>[]) =>
  buildSnapshot({ log_sources: logSources(...volumes) });

const ct = (id: string, fields: object = {}) =>
  detectionRule({
    id,
    name: `CloudTrail ${id}`,
    query: "source:cloudtrail",
    tags: ["technique:T1078-valid-accounts"],
    ...fields,
  });
const rules = (list: ReturnType<typeof detectionRule>[], parts: object = {}) =>
  buildSnapshot({ rules: { rules: list }, ...parts });

type Routing = NonNullable<PartData<"signals">["routing"]>;
const route = notificationRoute;
const routed = (
  routes: NotificationRule[],
  routing: Routing | null,
  ruleList: ReturnType<typeof detectionRule>[] = [],
) =>
  buildSnapshot({
    notification_rules: { notification_rules: routes },
    rules: { rules: ruleList },
    signals: signals({ routing }),
  });
const caseRule = (id: string, severity: string, notifications: string[]) =>
  detectionRule({ id, name: `Case rule ${id}`, cases: [{ name: null, severity, notifications, condition: null }] });

const triage = (critical: ReturnType<typeof triageStats> | null, high: ReturnType<typeof triageStats> | null) => {
  const bySeverity: Record<string, ReturnType<typeof triageStats>> = {};
  if (critical) bySeverity.critical = critical;
  if (high) bySeverity.high = high;
  return buildSnapshot({ signals: signals({ triage_by_severity: bySeverity }) });
};

const suppressions = (...list: ReturnType<typeof suppression>[]) =>
  buildSnapshot({ suppressions: { suppressions: list } });

export const SCENARIOS: SentenceScenario[] = [
  // agent_coverage
  {
    name: "agent_coverage coverageMet, every requirement named",
    kind: "agent_coverage",
    params: { min_agent_version: "7.50.0", require_security_agent: true, require_cws: true, require_cspm: true },
    snapshot: buildSnapshot({ agents: { hosts: [host("a"), host("b")] } }),
  },
  {
    name: "agent_coverage coverageShort, each shortfall labelled",
    kind: "agent_coverage",
    params: {
      min_share: 0.5,
      min_agent_version: "7.50.0",
      require_security_agent: true,
      require_cws: true,
      require_cspm: true,
    },
    snapshot: buildSnapshot({
      agents: {
        hosts: [
          host("ok"),
          host("old", { agent_version: "7.49.0", minutesAgo: 61 }),
          host("bare", { has_security_agent: false, cws_enabled: false, cspm_enabled: false, minutesAgo: null }),
        ],
      },
    }),
  },
  {
    name: "agent_coverage noCoverage",
    kind: "agent_coverage",
    snapshot: buildSnapshot({ agents: { hosts: [host("late", { minutesAgo: 61 })] } }),
  },
  { name: "agent_coverage noHosts", kind: "agent_coverage", snapshot: buildSnapshot() },
  // dashboard_present
  {
    name: "dashboard_present found",
    kind: "dashboard_present",
    snapshot: dashboards("SOC Security overview", "Sales", "Threat intel"),
  },
  {
    name: "dashboard_present tooFew",
    kind: "dashboard_present",
    params: { min_count: 2 },
    snapshot: dashboards("SIEM", "Sales"),
  },
  { name: "dashboard_present none", kind: "dashboard_present", snapshot: dashboards("Sales", "Billing") },
  // detection_rules
  {
    name: "detection_rules enoughRules",
    kind: "detection_rules",
    params: { selector: { sources: ["cloudtrail"] }, min_enabled: 2 },
    snapshot: rules([ct("r1"), ct("r2"), ct("r3", { enabled: false })]),
  },
  {
    name: "detection_rules tooFewRules",
    kind: "detection_rules",
    params: { selector: { sources: ["cloudtrail"] }, min_enabled: 2 },
    snapshot: rules([ct("r1"), ct("r3", { enabled: false })]),
  },
  {
    name: "detection_rules onlyDisabled",
    kind: "detection_rules",
    params: { selector: { techniques: ["T1078"] } },
    snapshot: rules([ct("r3", { enabled: false })]),
  },
  {
    name: "detection_rules noRules",
    kind: "detection_rules",
    params: { selector: { types: ["log_detection"] } },
    snapshot: rules([]),
  },
  {
    name: "detection_rules everySourceCovered",
    kind: "detection_rules",
    params: { per_ingesting_source: ["cloudtrail", "okta"] },
    snapshot: rules([ct("r1"), detectionRule({ id: "o1", query: "source:okta" })], {
      log_sources: logSources(sourceVolume("cloudtrail", lastDays(3)), sourceVolume("okta", lastDays(3))),
    }),
  },
  {
    name: "detection_rules someSourcesBare",
    kind: "detection_rules",
    params: { per_ingesting_source: ["*"], min_enabled: 1 },
    snapshot: rules([ct("r1"), detectionRule({ id: "o1", query: "source:okta", enabled: false })], {
      log_sources: logSources(sourceVolume("cloudtrail", lastDays(3)), sourceVolume("okta", lastDays(3))),
    }),
  },
  {
    name: "detection_rules noSourceCovered",
    kind: "detection_rules",
    params: { per_ingesting_source: ["okta"], min_enabled: 2 },
    snapshot: rules([detectionRule({ id: "o1", query: "source:okta" })], {
      log_sources: logSources(sourceVolume("okta", lastDays(3))),
    }),
  },
  {
    name: "detection_rules noSourceIngesting",
    kind: "detection_rules",
    params: { per_ingesting_source: ["okta", "github"] },
    snapshot: rules([], { log_sources: logSources(sourceVolume("okta", firstDays(3))) }),
  },
  // log_retention
  {
    name: "log_retention retentionMet",
    kind: "log_retention",
    snapshot: retention([index("main", 90), index("flex", 15, 400)], [archive("a1", "Working")]),
  },
  {
    name: "log_retention retentionShort",
    kind: "log_retention",
    snapshot: retention([index("main", 365), index("debug", 3)], [archive("a1", "failing")]),
  },
  {
    name: "log_retention noneRetained",
    kind: "log_retention",
    snapshot: retention([index("main", 180), index("nulls", null)]),
  },
  {
    name: "log_retention noIndexes",
    kind: "log_retention",
    params: { indexes: ["sec*", "audit"] },
    snapshot: retention([index("main", 365)]),
  },
  // log_source
  {
    name: "log_source enoughSources",
    kind: "log_source",
    params: { sources: ["cloudtrail", "azure.*"], each_match: true },
    snapshot: sources(
      sourceVolume("cloudtrail", lastDays(92)),
      sourceVolume("azure.activity", lastDays(83)),
      sourceVolume("azure.storage", lastDays(90)),
    ),
  },
  {
    name: "log_source tooFewSources",
    kind: "log_source",
    params: { sources: ["cloudtrail", "okta", "github"], min_sources: 2 },
    snapshot: sources(sourceVolume("cloudtrail", lastDays(92)), sourceVolume("okta", lastDays(30))),
  },
  {
    name: "log_source noSourceData",
    kind: "log_source",
    params: { sources: ["okta", "github"] },
    snapshot: sources(sourceVolume("okta", [])),
  },
  // manual
  { name: "manual needsAttestation", kind: "manual", snapshot: buildSnapshot() },
  // notification_routing
  {
    name: "notification_routing allRouted, measured and unmeasured",
    kind: "notification_routing",
    snapshot: routed([route("n1", ["critical", "HIGH"]), route("n2", ["critical"], { query: "env:prod" })], {
      by_severity: { critical: { total: 20, routed: 19 } },
      rules: [
        { id: "n1", matched_by_severity: { critical: 15 } },
        { id: "n2", matched_by_severity: { critical: 4 } },
      ],
      unparsable_rules: [],
    }),
  },
  {
    name: "notification_routing someRouted, by cases and not routed",
    kind: "notification_routing",
    params: { severities: ["critical", "high", "medium"] },
    snapshot: routed(
      [route("n2", ["high"], { query: "env:prod", targets: ["@slack-sec", "@oncall"] })],
      {
        by_severity: { critical: { total: 10, routed: 2 }, high: { total: 10, routed: 9 } },
        rules: [{ id: "n2", matched_by_severity: { high: 9 } }],
        unparsable_rules: [],
      },
      [caseRule("c1", "critical", ["@soc"]), caseRule("m1", "medium", ["@soc"])],
    ),
  },
  {
    name: "notification_routing noneRouted",
    kind: "notification_routing",
    params: { severities: ["critical"] },
    snapshot: routed(
      [route("n3", ["critical"], { query: " env:test " }), route("off", ["critical"], { enabled: false })],
      { by_severity: {}, rules: [], unparsable_rules: [] },
      [caseRule("c1", "critical", ["@soc"]), caseRule("c2", "critical", [])],
    ),
  },
  { name: "notification_routing notMeasured", kind: "notification_routing", snapshot: routed([], null) },
  // rule_effectiveness
  {
    name: "rule_effectiveness effective",
    kind: "rule_effectiveness",
    params: { selector: { techniques: ["T1078"] }, min_effective_share: 0.5, min_fired: 1 },
    snapshot: rules([ct("r1", { is_beta: true }), ct("r2")], {
      log_sources: logSources(sourceVolume("cloudtrail", lastDays(7))),
      signals: signals({ by_rule: [signalRule("r2", 4)] }),
    }),
  },
  {
    name: "rule_effectiveness neverFired",
    kind: "rule_effectiveness",
    params: { selector: { techniques: ["T1078"] }, min_fired: 1 },
    snapshot: rules([ct("r1")], { log_sources: logSources(sourceVolume("cloudtrail", lastDays(7))) }),
  },
  {
    name: "rule_effectiveness partlyEffective",
    kind: "rule_effectiveness",
    params: { min_effective: 2 },
    snapshot: rules(
      [
        ct("r1"),
        ct("dep", { is_deprecated: true, name: "Old rule" }),
        detectionRule({ id: "silent", query: "source:okta" }),
        detectionRule({ id: "unknown", query: "@evt.name:x" }),
        detectionRule({ id: "wp", type: "workload_security", query: "@agent.rule_id:x" }),
      ],
      { log_sources: logSources(sourceVolume("cloudtrail", lastDays(7))) },
    ),
  },
  {
    name: "rule_effectiveness noneEffective",
    kind: "rule_effectiveness",
    snapshot: buildSnapshot({
      rules: { rules: [detectionRule({ id: "silent", query: "source:okta" })] },
      agent_rules: { agent_rules: [agentRule({ id: "a1" })] },
      agents: { hosts: [host("h1", { cws_enabled: false })] },
    }),
  },
  {
    name: "rule_effectiveness noEnabledRules",
    kind: "rule_effectiveness",
    params: { selector: { sources: ["cloudtrail"] } },
    snapshot: rules([ct("r1", { enabled: false })]),
  },
  // signal_triage
  {
    name: "signal_triage triageMet",
    kind: "signal_triage",
    snapshot: triage(triageStats([9, 0, 1]), null),
  },
  {
    name: "signal_triage triageShort, untimed and unrecorded named",
    kind: "signal_triage",
    params: { sla_minutes: { high: 60 } },
    snapshot: triage({ ...triageStats([4, 1], [0, 0, 0, 0, 0, 1], 2), count: 10 }, triageStats([1, 0, 1])),
  },
  {
    name: "signal_triage triageMissed",
    kind: "signal_triage",
    params: { severities: ["critical"], max_open_days: 1 },
    snapshot: triage(triageStats([0, 0, 3], [0, 0, 0, 0, 2]), null),
  },
  { name: "signal_triage noSignals", kind: "signal_triage", snapshot: triage(null, null) },
  // signals_retrievable
  {
    name: "signals_retrievable retrieved",
    kind: "signals_retrievable",
    snapshot: buildSnapshot({ signals: signals({ by_rule: [signalRule("r1", 3)] }) }),
  },
  {
    name: "signals_retrievable tooFew",
    kind: "signals_retrievable",
    params: { min_signals: 5 },
    snapshot: buildSnapshot({ signals: signals({ by_rule: [signalRule("r1", 3)] }) }),
  },
  // suppression_hygiene
  {
    name: "suppression_hygiene tidy, one scheduled",
    kind: "suppression_hygiene",
    params: { max_duration_days: 91 },
    snapshot: suppressions(
      suppression("s1"),
      suppression("later", { name: "Later", starts_at: "2099-01-01T00:00:00Z" }),
      suppression("gone", { expires_at: "2026-09-30T00:00:00Z" }),
      suppression("off", { enabled: false, description: null }),
    ),
  },
  { name: "suppression_hygiene noSuppressions", kind: "suppression_hygiene", snapshot: suppressions() },
  {
    name: "suppression_hygiene untidy",
    kind: "suppression_hygiene",
    params: { max_duration_days: 30 },
    snapshot: suppressions(
      suppression("s1", { expires_at: "2026-10-20T00:00:00Z" }),
      suppression("s2", { description: "  " }),
      suppression("s3", { description: null, expires_at: null }),
    ),
  },
  {
    name: "suppression_hygiene noneTidy",
    kind: "suppression_hygiene",
    snapshot: suppressions(suppression("s3", { expires_at: null })),
  },
  {
    name: "suppression_hygiene tooFew",
    kind: "suppression_hygiene",
    params: { min_suppressions: 2 },
    snapshot: suppressions(suppression("s1")),
  },
  // a failed collector
  {
    name: "collectorFailed names every failed part",
    kind: "rule_effectiveness",
    snapshot: buildSnapshot({ rules: "error", signals: "error" }),
  },
];
