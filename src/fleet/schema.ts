/**
 * The fleet: several Datadog orgs assessed for one audit scope. A fleet pack
 * is a pure function of the org packs it combines (their manifests,
 * assessments and plans), so `pack --all-orgs` and `merge` of the same org
 * packs write the same bytes. This file is the contract between the code
 * that combines org packs and the formats that render the result.
 */
import { z } from "zod";
import { AttackScore, ControlResult, ControlStatus, ReasonCode, StatusSummary } from "../assess/schema.js";
import { PlanAction } from "../plan/plan.js";
import { STATUS_SEVERITY } from "../report/control-reason.js";
import { Period } from "../snapshot/schema.js";
import { OrgName } from "./org-name.js";

export { FLEET_DIR, OrgName } from "./org-name.js";

export const FLEET_FORMAT = "ddproof-fleet/1";

/**
 * A control's status for the scope is the worst of the orgs that assess its
 * framework, in the order in which a status decides one org's control
 * (fail, unknown, partial, manual, accepted, pass, not_applicable): an org where a control fails makes it fail for
 * the scope; `not_applicable` is worst of nothing.
 */
export const WORST_FIRST: readonly ControlStatus[] = STATUS_SEVERITY;

/** One org pack as the fleet saw it. */
export const FleetOrg = z.object({
  name: OrgName,
  /** The org's Datadog site and the name it reports under (the snapshot's `org`). */
  site: z.string(),
  display_name: z.string().nullable(),
  collected_at: z.string(),
  /** False when one of the org's collectors failed: its pack is incomplete evidence. */
  complete: z.boolean(),
  missing_evidence: z.array(z.string()),
  /** SHA-256 of the org pack's manifest.json bytes, which hash every file of that pack. */
  manifest_sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** Framework ids the org assessed (mitre-attack included when it was). */
  frameworks: z.array(z.string()),
  /** The org's ranked next actions (a gap pack's plan); empty for other kinds. */
  top_actions: z.array(PlanAction),
});
export type FleetOrg = z.infer<typeof FleetOrg>;

export const FleetControl = z.object({
  ...ControlResult.pick({ id: true, label: true, title: true, parent: true, monitoring_relevant: true }).shape,
  /** The worst of `orgs`, by WORST_FIRST. */
  status: ControlStatus,
  /** Each assessing org's status, by org name, in the fleet's org order. */
  orgs: z.record(OrgName, ControlStatus),
  /** The orgs whose status is the worst one (who to look at first). */
  worst_orgs: z.array(OrgName),
});
export type FleetControl = z.infer<typeof FleetControl>;

export const FleetFramework = z.object({
  id: z.string(),
  name: z.string(),
  version: z.string(),
  /** The orgs that assessed this framework; other orgs have no say in its statuses. */
  orgs: z.array(OrgName),
  /** Counts of the fleet statuses (the worst-of ones). */
  summary: StatusSummary,
  controls: z.array(FleetControl),
});
export type FleetFramework = z.infer<typeof FleetFramework>;

export const FleetTechnique = z.object({
  id: z.string(),
  name: z.string(),
  tactics: z.array(z.string()),
  parent: z.string().nullable(),
  /** The weakest org's score. */
  score: AttackScore,
  /** Each assessing org's score, by org name. */
  orgs: z.record(OrgName, AttackScore),
  /** The orgs with the weakest score. */
  weakest_orgs: z.array(OrgName),
  /** Why the weakest org falls short (the first of `weakest_orgs`), or `covered`. */
  reason: ReasonCode,
});
export type FleetTechnique = z.infer<typeof FleetTechnique>;

export const FleetAttack = z.object({
  version: z.string(),
  gap_below: AttackScore,
  orgs: z.array(OrgName),
  techniques: z.array(FleetTechnique),
});
export type FleetAttack = z.infer<typeof FleetAttack>;

export const FleetAssessment = z.object({
  format: z.literal(FLEET_FORMAT),
  kind: z.enum(["gap", "evidence", "attack"]),
  /** The one period every org pack covers. */
  period: Period,
  /** The latest of the orgs' collection times: the fleet pack's own date. */
  collected_at: z.string(),
  /** True when every org's pack is complete. */
  complete: z.boolean(),
  /** Catalog id → version, the same in every org pack. */
  catalogs: z.record(z.string(), z.string()),
  /** Sorted by name. */
  orgs: z.array(FleetOrg),
  frameworks: z.array(FleetFramework),
  /** Null when no org assessed mitre-attack. */
  attack: FleetAttack.nullable(),
});
export type FleetAssessment = z.infer<typeof FleetAssessment>;
