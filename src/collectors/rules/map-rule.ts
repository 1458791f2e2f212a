/**
 * Maps a detection rule to the snapshot's shape, from the client's typed
 * model or, when the client could not parse it, from the raw wire JSON.
 * Rules are camelCase on the wire (`isEnabled`, `createdAt`, `dataSource`),
 * the same names the typed model uses, so one mapper reads both; only the
 * `unparsed` flag differs.
 */
import type { DetectionRule } from "../../snapshot/schema.js";
import { plainText as text } from "../salvage.js";
import { isoFromEpochMs } from "../timestamps.js";

function read(object: unknown, key: string): unknown {
  return object && typeof object === "object" ? (object as Record<string, unknown>)[key] : undefined;
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
    tags: list(read(rule, "tags")).map(text).filter((tag): tag is string => tag !== null),
    cases: list(read(rule, "cases")).map((ruleCase) => ({
      name: text(read(ruleCase, "name")),
      severity: text(read(ruleCase, "status")) ?? "info",
      notifications: list(read(ruleCase, "notifications")).map(text).filter((n): n is string => n !== null),
      condition: text(read(ruleCase, "condition")),
    })),
    queries: list(read(rule, "queries")).map((query) => ({
      query: text(read(query, "query")) ?? "",
      data_source: text(read(query, "dataSource")),
      name: text(read(query, "name")),
    })),
    created_at: isoFromEpochMs(read(rule, "createdAt")),
    updated_at: isoFromEpochMs(read(rule, "updatedAt")),
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
