/**
 * Serialises the catalog for frameworks/mitre-attack.json: one tactic or
 * technique per line, so a refresh to a new ATT&CK release reads as a
 * per-technique diff and the file stays small.
 */
import type { AttackCatalog } from "./schema.js";

/** Arrays of objects get one item per line; short arrays and scalars stay on theirs. */
function renderField(value: unknown): string {
  if (!Array.isArray(value)) return JSON.stringify(value, null, 2).replace(/\n/g, "\n  ");
  if (!value.some((item) => typeof item === "object" && item !== null)) return JSON.stringify(value);
  return `[\n${value.map((item) => `    ${JSON.stringify(item)}`).join(",\n")}\n  ]`;
}

export function formatAttackCatalog(catalog: AttackCatalog): string {
  const fields = Object.entries(catalog).map(([key, value]) => `  ${JSON.stringify(key)}: ${renderField(value)}`);
  return `{\n${fields.join(",\n")}\n}\n`;
}
