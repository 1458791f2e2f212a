/**
 * ATT&CK ids a rule is tagged with. Datadog writes them as
 * `technique:T1110-brute-force`, `subtechnique:T1552.001-credentials-in-files`
 * and `tactic:TA0006-credential-access` (upper-case ids on rules, lower case
 * on signals), so tags are compared case-insensitively.
 */
const TECHNIQUE_TAG = /^(?:sub)?technique:(t\d{4}(?:\.\d{3})?)(?:-|$)/i;
const TACTIC_TAG = /^tactic:(ta\d{4})(?:-([a-z0-9-]+))?$/i;

/** Technique ids in the tags, upper case, without the parents of sub-techniques. */
export function taggedTechniques(tags: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const tag of tags) {
    const match = TECHNIQUE_TAG.exec(tag.trim());
    if (match) ids.add(match[1]!.toUpperCase());
  }
  return [...ids].sort();
}

/** The parent of a sub-technique id (`T1110.001` → `T1110`), or null for a technique. */
export function parentTechnique(id: string): string | null {
  const dot = id.indexOf(".");
  return dot === -1 ? null : id.slice(0, dot);
}

/**
 * The techniques a rule counts for: its tagged ids plus the parent of every
 * tagged sub-technique (a rule for T1110.001 also counts for T1110).
 */
export function techniquesCountedFor(tags: readonly string[]): string[] {
  const ids = new Set<string>();
  for (const id of taggedTechniques(tags)) {
    ids.add(id);
    const parent = parentTechnique(id);
    if (parent !== null) ids.add(parent);
  }
  return [...ids].sort();
}

/** Tactic ids (`TA0006`) and shortnames (`credential-access`) in the tags, lower case. */
export function taggedTactics(tags: readonly string[]): string[] {
  const names = new Set<string>();
  for (const tag of tags) {
    const match = TACTIC_TAG.exec(tag.trim());
    if (!match) continue;
    names.add(match[1]!.toLowerCase());
    if (match[2] !== undefined) names.add(match[2].toLowerCase());
  }
  return [...names].sort();
}
