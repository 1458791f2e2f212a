/**
 * Maps a detection rule to the snapshot's shape, from the client's typed
 * model or, when the client could not parse it, from the raw wire JSON.
 * Rules are camelCase on the wire (`isEnabled`, `createdAt`, `dataSource`),
 * the same names the typed model uses, so one mapper reads both; only the
 * `unparsed` flag differs.
 *
 * The client's model does not know every field the API sends: keys outside
 * it (a `signal_correlation` rule's `updatedAt`, for one) land in
 * `additionalProperties`, so every read looks there too.
 */
import type { DetectionRule, RuleOptions } from "../../snapshot/schema.js";
import { plainText as text } from "../salvage.js";
import { isoFromEpochMs } from "../timestamps.js";

function read(object: unknown, key: string): unknown {
  if (!object || typeof object !== "object") return undefined;
  const value = (object as Record<string, unknown>)[key];
  if (value !== undefined) return value;
  const extra = (object as { additionalProperties?: unknown }).additionalProperties;
  return extra && typeof extra === "object" ? (extra as Record<string, unknown>)[key] : undefined;
}

/** Seconds as the API gives them (a number, or a numeric enum value). */
function seconds(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null;
}

function mapOptions(options: unknown): RuleOptions | null {
  if (!options || typeof options !== "object") return null;
  return {
    detection_method: text(read(options, "detectionMethod")),
    evaluation_window_s: seconds(read(options, "evaluationWindow")),
    keep_alive_s: seconds(read(options, "keepAlive")),
    max_signal_duration_s: seconds(read(options, "maxSignalDuration")),
  };
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function mapRule(rule: unknown, unparsed: boolean): DetectionRule {
  return {
    id: text(read(rule, "id")) ?? "",
    name: text(read(rule, "name")) ?? "(unnamed rule)",
    type: text(read(rule, "type")) ?? "unknown",
    enabled: read(rule, "isEnabled") === true,
    is_default: read(rule, "isDefault") === true,
    tags: list(read(rule, "tags"))
      .map(text)
      .filter((tag): tag is string => tag !== null),
    cases: list(read(rule, "cases")).map((ruleCase) => ({
      name: text(read(ruleCase, "name")),
      severity: text(read(ruleCase, "status")) ?? "info",
      notifications: list(read(ruleCase, "notifications"))
        .map(text)
        .filter((n): n is string => n !== null),
      condition: text(read(ruleCase, "condition")),
    })),
    queries: list(read(rule, "queries")).map((query) => ({
      query: text(read(query, "query")) ?? "",
      data_source: text(read(query, "dataSource")),
      name: text(read(query, "name")),
      chained_rule_id: text(read(query, "ruleId")),
      chained_default_rule_id: text(read(query, "defaultRuleId")),
      correlated_by: list(read(query, "correlatedByFields"))
        .map(text)
        .filter((field): field is string => field !== null),
    })),
    created_at: isoFromEpochMs(read(rule, "createdAt")),
    updated_at: isoFromEpochMs(read(rule, "updatedAt")),
    options: mapOptions(read(rule, "options")),
    is_deprecated: read(rule, "isDeprecated") === true,
    is_beta: read(rule, "isBeta") === true,
    default_rule_id: text(read(rule, "defaultRuleId")),
    unparsed,
  };
}

export function ruleFromTyped(rule: unknown): DetectionRule {
  return mapRule(rule, false);
}

export function ruleFromWire(rule: unknown): DetectionRule {
  return mapRule(rule, true);
}

/** Whether the server said if the rule is enabled (the field can be missing). */
export function hasEnabledState(raw: unknown): boolean {
  return typeof read(raw, "isEnabled") === "boolean";
}
