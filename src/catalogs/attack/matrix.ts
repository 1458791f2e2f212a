/**
 * The Enterprise matrix and its tactics. Tactic order and names come only
 * from the data (the matrix's `tactic_refs`), because releases change them:
 * v19 renamed TA0005 to "Stealth" and added TA0112 "Defense Impairment".
 */
import { InputError } from "../../errors.js";
import { type AttackTactic, TacticId } from "./schema.js";
import { describeAt, isActive, mitreReference, type StixIndex } from "./stix-index.js";
import type { StixObjectOf } from "./stix-objects.js";

/** The ATT&CK domain ddproof assesses; its matrix carries this as its mitre-attack id. */
export const ENTERPRISE_DOMAIN = "enterprise-attack";

export type StixMatrix = StixObjectOf<"x-mitre-matrix">;

/** The newest active Enterprise matrix, or an InputError naming `path`. */
export function findEnterpriseMatrix(index: StixIndex, path: string): StixMatrix {
  const matrices = index.ofType("x-mitre-matrix").filter(isActive);
  const enterprise = matrices
    .filter((matrix) => mitreReference(matrix)?.id === ENTERPRISE_DOMAIN)
    .sort((a, b) => (a.modified < b.modified ? 1 : -1));
  const newest = enterprise[0];
  if (newest !== undefined) return newest;
  const others = matrices.map((matrix) => mitreReference(matrix)?.id ?? matrix.id);
  throw new InputError(
    `${path}: expected an x-mitre-matrix object for ${ENTERPRISE_DOMAIN} (its tactic_refs give the tactic order)` +
      (others.length > 0 ? `; found only: ${others.join(", ")}` : "; the data has none"),
  );
}

/** The matrix's tactics, in matrix order. */
export function matrixTactics(index: StixIndex, matrix: StixMatrix): AttackTactic[] {
  return matrix.tactic_refs.map((ref, i) => {
    const tactic = index.get("x-mitre-tactic", ref);
    if (tactic === undefined) {
      throw new InputError(
        describeAt(matrix.origin, ["tactic_refs", i], `${ref} is not in the data (expected an x-mitre-tactic object)`),
      );
    }
    const id = mitreReference(tactic)?.id;
    if (id === undefined || !TacticId.safeParse(id).success) {
      throw new InputError(
        describeAt(
          tactic.origin,
          ["external_references"],
          'expected a reference with source_name "mitre-attack" whose external_id is the tactic id (TA0001)',
        ),
      );
    }
    const entry: AttackTactic = { id, shortname: tactic.x_mitre_shortname, name: tactic.name };
    if (tactic.description !== undefined && tactic.description !== "") entry.description = tactic.description;
    return entry;
  });
}
