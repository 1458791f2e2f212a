/**
 * Builds ATT&CK tags the way Datadog writes them on rules:
 * `tactic:TA0006-credential-access`, `technique:T1110-brute-force` and, for a
 * sub-technique, `subtechnique:T1552.001-credentials-in-files` plus its parent.
 */
import attack from "../data/attack-techniques.json" with { type: "json" };

const TECHNIQUES = new Map(attack.techniques.map((t) => [t.id, t]));
const TACTIC_IDS = new Map(attack.tactics.map((t) => [t.shortname, t.id]));

/** "Unused/Unsupported Cloud Regions" → "unused-unsupported-cloud-regions". */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function techniqueName(id: string): string {
  const technique = TECHNIQUES.get(id);
  if (!technique)
    throw new Error(`simulator data: unknown ATT&CK technique ${id} (add it to data/attack-techniques.json)`);
  return technique.name;
}

function tacticTag(shortname: string): string {
  const id = TACTIC_IDS.get(shortname);
  if (!id) throw new Error(`simulator data: unknown ATT&CK tactic ${shortname}`);
  return `tactic:${id}-${shortname}`;
}

/** Tags for a rule that detects `techniqueIds` under `tactic`; upper-case ids as on rules. */
export function attackTags(techniqueIds: readonly string[], tactic: string): string[] {
  const tags = new Set<string>([tacticTag(tactic)]);
  for (const id of techniqueIds) {
    const parent = id.split(".")[0] ?? id;
    tags.add(`technique:${parent}-${slug(techniqueName(parent))}`);
    if (parent !== id) tags.add(`subtechnique:${id}-${slug(techniqueName(id))}`);
  }
  return [...tags];
}
