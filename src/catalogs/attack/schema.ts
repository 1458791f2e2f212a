/**
 * The ATT&CK catalog ddproof ships in frameworks/mitre-attack.json: a compact
 * projection of MITRE's STIX data holding only what assessment and reports
 * read (ids, names, matrix order, parent links, flags, log sources).
 *
 * The cross-checks at the end make a hand-edited or truncated file fail on
 * load instead of producing a heatmap with holes in it.
 */
import { z } from "zod";

export const TacticId = z.string().regex(/^TA\d{4}$/, "expected an ATT&CK tactic id such as TA0001");
export const TechniqueId = z
  .string()
  .regex(/^T\d{4}(\.\d{3})?$/, "expected an ATT&CK technique id such as T1110 or T1110.001");
const Shortname = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "expected a tactic shortname such as initial-access");
const IsoDateTime = z.iso.datetime({ offset: true });

export const AttackTactic = z.object({
  id: TacticId,
  /** The kill-chain phase name techniques use to point at this tactic. */
  shortname: Shortname,
  name: z.string().min(1),
  description: z.string().optional(),
});
export type AttackTactic = z.infer<typeof AttackTactic>;

export const AttackTechnique = z.object({
  id: TechniqueId,
  name: z.string().min(1),
  /** Tactic shortnames, in matrix order. */
  tactics: z.array(Shortname),
  platforms: z.array(z.string()),
  is_subtechnique: z.boolean(),
  parent: TechniqueId.nullable(),
  revoked: z.boolean(),
  deprecated: z.boolean(),
  revoked_by: TechniqueId.nullable(),
  /**
   * Sorted, unique log-source names ATT&CK's detection data names for this
   * technique itself (children are not merged in: the scorer rolls up).
   */
  log_sources: z.array(z.string().min(1)),
  url: z.url().nullable(),
});
export type AttackTechnique = z.infer<typeof AttackTechnique>;

/**
 * Which of ATT&CK's detection data models the log sources came from:
 * v18+ detection strategies → analytics → log-source references
 * (`AWS:CloudTrail`), or the older data components (`Process: Process Creation`).
 */
export const LogSourceModel = z.enum(["detection-strategies", "data-components", "none"]);
export type LogSourceModel = z.infer<typeof LogSourceModel>;

const AttackCatalogShape = z.object({
  id: z.literal("mitre-attack"),
  name: z.string().min(1),
  domain: z.string().min(1),
  /** The ATT&CK release, e.g. `18.1`. */
  version: z.string().regex(/^\d+(\.\d+)*$/, "expected an ATT&CK release such as 18.1"),
  spec_versions: z.array(z.string()),
  /** `modified` of the matrix object. */
  modified: IsoDateTime,
  /** Newest `modified` of any imported object: when the content last changed. */
  content_modified: IsoDateTime,
  source: z.object({ description: z.string().min(1) }),
  /** MITRE's copyright designation, which every copy must reproduce. */
  notice: z.string().min(1),
  log_source_model: LogSourceModel,
  tactics: z.array(AttackTactic).min(1),
  techniques: z.array(AttackTechnique),
});
type AttackCatalogShape = z.infer<typeof AttackCatalogShape>;

function checkReferences(catalog: AttackCatalogShape, ctx: z.core.$RefinementCtx<AttackCatalogShape>): void {
  const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: "custom", path, message });

  const tacticIds = new Set<string>();
  const shortnames = new Set<string>();
  catalog.tactics.forEach((tactic, i) => {
    if (tacticIds.has(tactic.id)) issue(["tactics", i, "id"], `duplicate tactic id ${tactic.id}`);
    if (shortnames.has(tactic.shortname))
      issue(["tactics", i, "shortname"], `duplicate tactic shortname ${tactic.shortname}`);
    tacticIds.add(tactic.id);
    shortnames.add(tactic.shortname);
  });

  const techniques = new Map(catalog.techniques.map((technique) => [technique.id, technique]));
  catalog.techniques.forEach((technique, i) => {
    const previous = catalog.techniques[i - 1];
    if (previous !== undefined && !(previous.id < technique.id)) {
      issue(
        ["techniques", i, "id"],
        `techniques must be sorted by id without duplicates (${technique.id} follows ${previous.id})`,
      );
    }
    technique.tactics.forEach((shortname, j) => {
      if (!shortnames.has(shortname)) issue(["techniques", i, "tactics", j], `unknown tactic shortname ${shortname}`);
    });
    if (technique.is_subtechnique !== (technique.parent !== null)) {
      issue(["techniques", i, "parent"], "a sub-technique needs a parent and a technique must not have one");
    }
    if (technique.parent !== null && techniques.get(technique.parent)?.is_subtechnique !== false) {
      issue(["techniques", i, "parent"], `parent ${technique.parent} is not a technique in this catalog`);
    }
    if (technique.revoked_by !== null && !techniques.has(technique.revoked_by)) {
      issue(["techniques", i, "revoked_by"], `${technique.revoked_by} is not in this catalog`);
    }
    technique.log_sources.forEach((name, j) => {
      const before = technique.log_sources[j - 1];
      if (before !== undefined && !(before < name))
        issue(["techniques", i, "log_sources", j], "log sources must be sorted and unique");
    });
  });
}

export const AttackCatalog = AttackCatalogShape.superRefine(checkReferences);
export type AttackCatalog = z.infer<typeof AttackCatalog>;
