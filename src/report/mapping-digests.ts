/**
 * What identifies the mappings an assessment applied: a SHA-256 over each
 * framework's mapping (and the ATT&CK source table) as parsed, written as
 * stable JSON. Mappings carry no version of their own and a user's folder can
 * replace the shipped ones, so a digest is what lets a reader of the results
 * tell which mappings produced them.
 */
import { createHash } from "node:crypto";
import { stableJson } from "./stable-json.js";

/** The key the ATT&CK log-source table is listed under. */
export const SOURCE_MAP_KEY = "attack-log-sources";

export function sha256Of(value: unknown): string {
  return createHash("sha256").update(stableJson(value)).digest("hex");
}

/** Digest per assessed framework's mapping (frameworks without one are left out), plus the source table's when ATT&CK is assessed. */
export function mappingDigests(
  mappings: Readonly<Record<string, unknown>>,
  frameworks: readonly string[],
  sourceMap: unknown | null,
): Record<string, string> {
  const digests: Record<string, string> = {};
  for (const id of frameworks) if (mappings[id] !== undefined) digests[id] = sha256Of(mappings[id]);
  if (sourceMap !== null) digests[SOURCE_MAP_KEY] = sha256Of(sourceMap);
  return digests;
}
