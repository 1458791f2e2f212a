/**
 * Techniques and sub-techniques (STIX attack-patterns), revoked and
 * deprecated ones included and flagged: consumers filter them, and a rule
 * still tagged with a revoked id can then be pointed at its replacement.
 */
import { InputError } from "../../errors.js";
import { type AttackTactic, type AttackTechnique, TechniqueId } from "./schema.js";
import { describeAt, isActive, mitreReference, type StixIndex } from "./stix-index.js";
import type { StixObjectOf } from "./stix-objects.js";

/** The kill chain Enterprise techniques name their tactics in. */
const ENTERPRISE_KILL_CHAIN = "mitre-attack";

type AttackPattern = StixObjectOf<"attack-pattern">;

/** STIX id → ATT&CK id, refusing patterns without a well-formed, unique mitre-attack id. */
function attackIds(patterns: readonly AttackPattern[]): Map<string, string> {
  const ids = new Map<string, string>();
  const seen = new Map<string, AttackPattern>();
  for (const pattern of patterns) {
    const id = mitreReference(pattern)?.id;
    if (id === undefined || !TechniqueId.safeParse(id).success) {
      throw new InputError(
        describeAt(
          pattern.origin,
          ["external_references"],
          'expected a reference with source_name "mitre-attack" whose external_id is the technique id (T1110 or T1110.001)',
        ),
      );
    }
    const other = seen.get(id);
    if (other !== undefined) {
      throw new InputError(
        describeAt(
          pattern.origin,
          ["external_references"],
          `technique id ${id} is also used by ${other.id} (${other.origin.file})`,
        ),
      );
    }
    seen.set(id, pattern);
    ids.set(pattern.id, id);
  }
  return ids;
}

/** Source attack-pattern STIX id → target ATT&CK id, for one relationship type between techniques. */
function linksBetweenTechniques(
  index: StixIndex,
  relationshipType: string,
  ids: Map<string, string>,
): Map<string, string> {
  const links = new Map<string, string>();
  for (const rel of index.relationships(relationshipType)) {
    const target = ids.get(rel.target_ref);
    if (ids.has(rel.source_ref) && target !== undefined) links.set(rel.source_ref, target);
  }
  return links;
}

function tacticsOf(pattern: AttackPattern, order: Map<string, number>): string[] {
  const shortnames = new Set<string>();
  pattern.kill_chain_phases.forEach((phase, j) => {
    if (phase.kill_chain_name !== ENTERPRISE_KILL_CHAIN) return;
    if (order.has(phase.phase_name)) shortnames.add(phase.phase_name);
    // A revoked or deprecated technique may keep a phase a later release
    // retired; only an active one naming an unknown tactic is an error.
    else if (isActive(pattern)) {
      throw new InputError(
        describeAt(
          pattern.origin,
          ["kill_chain_phases", j, "phase_name"],
          `"${phase.phase_name}" is not a tactic of the matrix (expected one of ${[...order.keys()].join(", ")})`,
        ),
      );
    }
  });
  return [...shortnames].sort((a, b) => order.get(a)! - order.get(b)!);
}

export function buildTechniques(
  index: StixIndex,
  tactics: readonly AttackTactic[],
  logSources: Map<string, string[]>,
): AttackTechnique[] {
  const patterns = index.ofType("attack-pattern");
  const ids = attackIds(patterns);
  const parents = linksBetweenTechniques(index, "subtechnique-of", ids);
  const revokedBy = linksBetweenTechniques(index, "revoked-by", ids);
  const order = new Map(tactics.map((tactic, i) => [tactic.shortname, i]));

  const techniques = patterns.map((pattern): AttackTechnique => {
    const id = ids.get(pattern.id)!;
    const isSubtechnique = pattern.x_mitre_is_subtechnique ?? id.includes(".");
    return {
      id,
      name: pattern.name,
      tactics: tacticsOf(pattern, order),
      platforms: pattern.x_mitre_platforms,
      is_subtechnique: isSubtechnique,
      // The relationship is authoritative; the id prefix covers data that ships without it.
      parent: isSubtechnique ? (parents.get(pattern.id) ?? id.split(".")[0]!) : null,
      revoked: pattern.revoked,
      deprecated: pattern.x_mitre_deprecated,
      revoked_by: revokedBy.get(pattern.id) ?? null,
      log_sources: logSources.get(pattern.id) ?? [],
      url: mitreReference(pattern)?.url ?? null,
    };
  });
  return techniques.sort((a, b) => (a.id < b.id ? -1 : 1));
}
