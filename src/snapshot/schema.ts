/**
 * The snapshot: the frozen evidence of one collection. Everything after
 * collection (assess, report, pack) is a pure function of this document, so
 * its schema is the contract between the collectors and the rest of ddproof.
 *
 * Each collector fills one part under `collectors.<id>`. A part always says
 * whether the collector could ask (`status: ok`) or not (`status: error` with
 * the message); `data` is present only when the status is `ok`, so a failed
 * collector can never be mistaken for "nothing found".
 */
import { z } from "zod";

/**
 * Version 2 added what real Datadog responses carry and version 1 dropped:
 * rule options and lifecycle flags, chained rules of correlation rules,
 * every notification selector and the routing measured on the period's
 * signals, suppression start dates and the kind of audited change. A
 * version 1 snapshot is still read: each added field has a default that says
 * "not recorded" (routing null, no start date, no options), so checks that
 * need the new evidence answer `unknown` for it rather than guess.
 */
export const SNAPSHOT_SCHEMA_VERSION = 2;
export const SUPPORTED_SNAPSHOT_VERSIONS = [1, 2] as const;

const IsoDateTime = z.iso.datetime({ offset: true });
/** A calendar day in the configured time zone, `YYYY-MM-DD`. */
const IsoDay = z.iso.date();

export const Severity = z.enum(["info", "low", "medium", "high", "critical"]);
export type Severity = z.infer<typeof Severity>;

export const TriageState = z.enum(["open", "under_review", "archived"]);
export type TriageState = z.infer<typeof TriageState>;

// ---------------------------------------------------------------- rules

export const RuleCase = z.object({
  name: z.string().nullable(),
  /** Severity of signals this case raises. */
  severity: z.string(),
  notifications: z.array(z.string()),
  condition: z.string().nullable(),
});

export const RuleQuery = z.object({
  /** Empty for the queries of a `signal_correlation` rule, which chain rules instead. */
  query: z.string(),
  /** `logs`, `audit`, `app_sec_spans`, … as the API names it. */
  data_source: z.string().nullable(),
  name: z.string().nullable(),
  /** A correlation rule's query: the id of the rule whose signals it reads (`ruleId`). */
  chained_rule_id: z.string().nullable().default(null),
  /** …or the out-of-the-box definition it reads (`defaultRuleId`), matched against rules' `default_rule_id`. */
  chained_default_rule_id: z.string().nullable().default(null),
  /** Fields the chained signals are correlated by (`correlatedByFields`). */
  correlated_by: z.array(z.string()).default([]),
});

export const RuleOptions = z.object({
  /** `threshold`, `new_value`, `anomaly_detection`, `impossible_travel`, `third_party`, … */
  detection_method: z.string().nullable(),
  evaluation_window_s: z.number().nonnegative().nullable(),
  keep_alive_s: z.number().nonnegative().nullable(),
  max_signal_duration_s: z.number().nonnegative().nullable(),
});
export type RuleOptions = z.infer<typeof RuleOptions>;

export const DetectionRule = z.object({
  id: z.string(),
  name: z.string(),
  /** `log_detection`, `workload_security`, `cloud_configuration`, `signal_correlation`, … */
  type: z.string(),
  enabled: z.boolean(),
  /** Out-of-the-box (Datadog-managed) rule. */
  is_default: z.boolean(),
  tags: z.array(z.string()),
  cases: z.array(RuleCase),
  queries: z.array(RuleQuery),
  created_at: IsoDateTime.nullable(),
  updated_at: IsoDateTime.nullable(),
  /** How the rule detects; null when the API sent no options. Durations in seconds. */
  options: RuleOptions.nullable().default(null),
  /** Datadog deprecated the rule: it is never counted effective. */
  is_deprecated: z.boolean().default(false),
  /** A beta rule: counted like any other, named so a reader knows. */
  is_beta: z.boolean().default(false),
  /** The out-of-the-box definition this rule is an instance of (what correlation rules may chain). */
  default_rule_id: z.string().nullable().default(null),
  /**
   * True when the client could not deserialize the rule (an unknown enum value
   * somewhere in it) and the fields above were read from its raw JSON.
   */
  unparsed: z.boolean(),
});
export type DetectionRule = z.infer<typeof DetectionRule>;

export const RulesData = z.object({ rules: z.array(DetectionRule) });

// --------------------------------------------------------- suppressions

export const Suppression = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  description: z.string().nullable(),
  rule_query: z.string(),
  suppression_query: z.string().nullable(),
  data_exclusion_query: z.string().nullable(),
  /** Absent when the suppression applies from its creation. May lie in the future. */
  starts_at: IsoDateTime.nullable().default(null),
  /** Absent when the suppression never expires. */
  expires_at: IsoDateTime.nullable(),
  updated_at: IsoDateTime.nullable(),
});
export type Suppression = z.infer<typeof Suppression>;

export const SuppressionsData = z.object({ suppressions: z.array(Suppression) });

// ------------------------------------------- Workload Protection agent rules

export const AgentRule = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  expression: z.string().nullable(),
  /** Carries ATT&CK tags such as `technique:T1059-…`. */
  product_tags: z.array(z.string()),
  description: z.string().nullable(),
});
export type AgentRule = z.infer<typeof AgentRule>;

export const AgentRulesData = z.object({ agent_rules: z.array(AgentRule) });

// ------------------------------------------------ notification rules

export const NotificationRule = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  severities: z.array(z.string()),
  rule_types: z.array(z.string()),
  /** `security_signals` or `security_findings`; null when the API did not say. */
  trigger_source: z.string().nullable().default(null),
  /** The scope query signals must match; empty means every signal. */
  query: z.string().default(""),
  targets: z.array(z.string()),
});
export type NotificationRule = z.infer<typeof NotificationRule>;

export const NotificationRulesData = z.object({ notification_rules: z.array(NotificationRule) });

// ------------------------------------------------------------ dashboards

export const Dashboard = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string().nullable(),
});
export const DashboardsData = z.object({ dashboards: z.array(Dashboard) });

// ----------------------------------------------------------- log sources

export const LogSourceVolume = z.object({
  source: z.string(),
  /** Days of the period with data; days absent here had none. */
  days: z.array(z.object({ date: IsoDay, count: z.number().int().nonnegative() })),
  total: z.number().int().nonnegative(),
  /** Start of the last day with data, or null when the source never ingested in the period. */
  last_seen: IsoDateTime.nullable(),
});
export type LogSourceVolume = z.infer<typeof LogSourceVolume>;

export const LogSourcesData = z.object({
  /** Number of days in the period, the denominator for "share of days with data". */
  period_days: z.number().int().positive(),
  sources: z.array(LogSourceVolume),
});

// ------------------------------------------------ log indexes / archives

export const LogIndex = z.object({
  name: z.string(),
  filter: z.string().nullable(),
  retention_days: z.number().int().nullable(),
  flex_retention_days: z.number().int().nullable(),
});
export const LogIndexesData = z.object({ indexes: z.array(LogIndex) });

export const LogArchive = z.object({
  id: z.string(),
  name: z.string(),
  query: z.string().nullable(),
  state: z.string(),
  destination_type: z.string().nullable(),
});
export const LogArchivesData = z.object({ archives: z.array(LogArchive) });

// ------------------------------------------------------------------ agents

export const AgentHost = z.object({
  hostname: z.string(),
  agent_version: z.string().nullable(),
  cws_enabled: z.boolean(),
  cspm_enabled: z.boolean(),
  /** From the hosts API; null when the host is not known there. */
  last_reported_at: IsoDateTime.nullable(),
  /** True when the host is listed by the CSM agents API. */
  has_security_agent: z.boolean(),
});
export type AgentHost = z.infer<typeof AgentHost>;

export const AgentsData = z.object({ hosts: z.array(AgentHost) });

// ----------------------------------------------------------------- signals

/**
 * Durations are kept as counts in fixed buckets so a quarter of signals
 * stays small in the snapshot; `le_minutes[i]` is the inclusive upper bound
 * of bucket i and the last bucket is unbounded. The bounds travel with the
 * data, so a reader never has to guess them.
 */
export const DurationHistogram = z.object({
  le_minutes: z.array(z.number().positive()),
  counts: z.array(z.number().int().nonnegative()),
});
export type DurationHistogram = z.infer<typeof DurationHistogram>;

export const TriageStats = z.object({
  count: z.number().int().nonnegative(),
  /** Signals that left `open`, and how long that took. */
  left_open: DurationHistogram,
  /** Signals still `open` at collection, and how old they were then. */
  still_open: DurationHistogram,
  /** Signals that left `open` but whose data has no time for it. */
  left_open_untimed: z.number().int().nonnegative(),
});
export type TriageStats = z.infer<typeof TriageStats>;

export const SignalRuleStats = z.object({
  rule_id: z.string(),
  rule_name: z.string().nullable(),
  count: z.number().int().nonnegative(),
  by_severity: z.record(z.string(), z.number().int().nonnegative()),
  first_seen: IsoDateTime,
  last_seen: IsoDateTime,
  /** Triage of this rule's high and critical signals. */
  high_critical: TriageStats,
});
export type SignalRuleStats = z.infer<typeof SignalRuleStats>;

const Count = z.number().int().nonnegative();

/**
 * How many of the period's signals some enabled notification rule's
 * selectors (severity, rule type, scope query) matched, measured while the
 * signals streamed by: a scoped rule routes only the signals in its scope.
 */
export const SignalRouting = z.object({
  /** Per severity: signals in the period, and those some enabled rule with a target matched. */
  by_severity: z.record(z.string(), z.object({ total: Count, routed: Count })),
  /** Per enabled notification rule with a target: the signals it matched, per severity. */
  rules: z.array(z.object({ id: z.string(), matched_by_severity: z.record(z.string(), Count) })),
  /** Rules whose scope query ddproof could not parse: they are counted as matching nothing. */
  unparsable_rules: z.array(z.string()),
});
export type SignalRouting = z.infer<typeof SignalRouting>;

export const SignalsData = z.object({
  total: z.number().int().nonnegative(),
  by_severity: z.record(z.string(), z.number().int().nonnegative()),
  by_triage_state: z.record(z.string(), z.number().int().nonnegative()),
  by_day: z.array(z.object({ date: IsoDay, count: z.number().int().nonnegative() })),
  by_rule: z.array(SignalRuleStats),
  /** Triage per severity, over all rules. */
  triage_by_severity: z.record(z.string(), TriageStats),
  /** The population file written beside the snapshot, one signal per line. */
  population_file: z.string().nullable(),
  /**
   * Notification routing measured on these signals; null when the
   * notification rules could not be read (or a version 1 snapshot).
   */
  routing: SignalRouting.nullable().default(null),
});
export type SignalsData = z.infer<typeof SignalsData>;

// ------------------------------------------------------- audit trail

export const RuleChange = z.object({
  id: z.string(),
  timestamp: IsoDateTime,
  /** `created`, `modified`, `deleted`, `enabled`, `disabled`, or the raw action. */
  action: z.string(),
  /** What changed: a detection rule, or a suppression (its id and name are then in rule_id / rule_name). */
  asset_type: z.enum(["security_rule", "suppression"]).default("security_rule"),
  rule_id: z.string().nullable(),
  rule_name: z.string().nullable(),
  user: z.string().nullable(),
});
export type RuleChange = z.infer<typeof RuleChange>;

export const AuditData = z.object({ rule_changes: z.array(RuleChange) });

// -------------------------------------------------------- collector parts

/** Accounting every collector part carries, whether it succeeded or not. */
const PartMeta = {
  requests: z.number().int().nonnegative(),
  retries: z.number().int().nonnegative(),
  duration_ms: z.number().nonnegative(),
  /** Items kept but flagged (e.g. rules read from raw JSON), in words. */
  warnings: z.array(z.string()),
};

function part<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), data, ...PartMeta }),
    z.object({ status: z.literal("error"), error: z.string(), ...PartMeta }),
  ]);
}

export const CollectorParts = z.object({
  rules: part(RulesData),
  suppressions: part(SuppressionsData),
  agent_rules: part(AgentRulesData),
  notification_rules: part(NotificationRulesData),
  dashboards: part(DashboardsData),
  log_sources: part(LogSourcesData),
  log_indexes: part(LogIndexesData),
  log_archives: part(LogArchivesData),
  agents: part(AgentsData),
  signals: part(SignalsData),
  audit: part(AuditData),
});
export type CollectorParts = z.infer<typeof CollectorParts>;
export type CollectorId = keyof CollectorParts;
export const COLLECTOR_IDS = Object.keys(CollectorParts.shape) as CollectorId[];

/** The `data` type of one collector part. */
export type PartData<K extends CollectorId> = Extract<CollectorParts[K], { status: "ok" }>["data"];

export const Period = z.object({
  /** What the user asked for: `2026-Q3`, `last-24h`, `custom`, … */
  label: z.string(),
  from: IsoDateTime,
  to: IsoDateTime,
  timezone: z.string(),
});
export type Period = z.infer<typeof Period>;

export const Snapshot = z.object({
  schema_version: z.union([z.literal(1), z.literal(SNAPSHOT_SCHEMA_VERSION)]),
  tool: z.object({ name: z.literal("ddproof"), version: z.string() }),
  org: z.object({
    site: z.string(),
    /** Set when requests went to an explicit base URL (proxy, simulator). */
    api_url: z.string().nullable(),
    name: z.string().nullable(),
  }),
  period: Period,
  collected_at: IsoDateTime,
  /** True when every collector succeeded. */
  complete: z.boolean(),
  collectors: CollectorParts,
});
export type Snapshot = z.infer<typeof Snapshot>;
