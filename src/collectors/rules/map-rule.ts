/**
 * Maps a detection rule to the snapshot's shape, from the client's typed
 * model or, when the client could not parse it, from the raw wire JSON
 * (snake_case). The two readers differ only in key names, so one mapper
 * takes a field reader.
 */
import type { DetectionRule } from "../../snapshot/schema.js";
import { plainText as text } from "../salvage.js";
import { isoFromEpochMs } from "../timestamps.js";

type Reader = (object: unknown, typedKey: string, wireKey: string) => unknown;

const typedReader: Reader = (object, typedKey) => (object as Record<string, unknown> | null)?.[typedKey];
const wireReader: Reader = (object, _typedKey, wireKey) => (object as Record<string, unknown> | null)?.[wireKey];


function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function mapRule(rule: unknown, read: Reader, unparsed: boolean): DetectionRule {
  return {
    id: text(read(rule, "id", "id")) ?? "",
    name: text(read(rule, "name", "name")) ?? "(unnamed rule)",
    type: text(read(rule, "type", "type")) ?? "unknown",
    enabled: read(rule, "isEnabled", "is_enabled") === true,
    is_default: read(rule, "isDefault", "is_default") === true,
    tags: list(read(rule, "tags", "tags")).map(text).filter((tag): tag is string => tag !== null),
    cases: list(read(rule, "cases", "cases")).map((ruleCase) => ({
      name: text(read(ruleCase, "name", "name")),
      severity: text(read(ruleCase, "status", "status")) ?? "info",
      notifications: list(read(ruleCase, "notifications", "notifications")).map(text).filter((n): n is string => n !== null),
      condition: text(read(ruleCase, "condition", "condition")),
    })),
    queries: list(read(rule, "queries", "queries"))
      .map((query) => ({
        query: text(read(query, "query", "query")) ?? "",
        data_source: text(read(query, "dataSource", "data_source")),
        name: text(read(query, "name", "name")),
      })),
    created_at: isoFromEpochMs(read(rule, "createdAt", "created_at")),
    updated_at: isoFromEpochMs(read(rule, "updatedAt", "updated_at")),
    unparsed,
  };
}

export function ruleFromTyped(rule: unknown): DetectionRule {
  return mapRule(rule, typedReader, false);
}

export function ruleFromWire(rule: unknown): DetectionRule {
  return mapRule(rule, wireReader, true);
}
