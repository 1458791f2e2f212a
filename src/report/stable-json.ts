/**
 * JSON as every ddproof output writes it: keys sorted at every level, two
 * spaces, a trailing newline. Sorting makes the bytes depend only on the
 * values, never on the order an object happened to be built in, so the same
 * inputs always hash the same in the pack manifest.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}

export function stableJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}
