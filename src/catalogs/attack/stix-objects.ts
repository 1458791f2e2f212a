/**
 * The STIX objects the importer reads, as zod schemas: the one place that
 * knows ATT&CK's wire field names. Only the fields ddproof keeps are declared
 * (zod drops the rest, so descriptions and references cost no memory), and
 * fields that revoked or old objects may lack get defaults.
 *
 * STIX 2.0 (mitre/cti) and STIX 2.1 (attack-stix-data) agree on every field
 * used here.
 */
import { z } from "zod";

const StixId = z.string().regex(/^[a-z0-9-]+--[0-9a-fA-F-]+$/, "expected a STIX id such as attack-pattern--<uuid>");
const Timestamp = z.iso.datetime({ offset: true });

export const ExternalReference = z.object({
  source_name: z.string(),
  external_id: z.string().optional(),
  url: z.string().optional(),
});

/** Fields every ATT&CK object may carry; `revoked`/`deprecated` default to false. */
const common = {
  id: StixId,
  modified: Timestamp.optional(),
  revoked: z.boolean().default(false),
  x_mitre_deprecated: z.boolean().default(false),
  x_mitre_attack_spec_version: z.string().optional(),
  external_references: z.array(ExternalReference).default([]),
};

export const StixCollection = z.object({
  ...common,
  type: z.literal("x-mitre-collection"),
  /** The ATT&CK release this collection is, e.g. `18.1`. */
  x_mitre_version: z.string(),
});

export const StixMatrix = z.object({
  ...common,
  type: z.literal("x-mitre-matrix"),
  modified: Timestamp,
  name: z.string(),
  tactic_refs: z.array(StixId),
});

export const StixTactic = z.object({
  ...common,
  type: z.literal("x-mitre-tactic"),
  name: z.string().min(1),
  x_mitre_shortname: z.string().min(1),
  description: z.string().optional(),
});

export const KillChainPhase = z.object({ kill_chain_name: z.string(), phase_name: z.string() });

export const StixAttackPattern = z.object({
  ...common,
  type: z.literal("attack-pattern"),
  name: z.string().min(1),
  kill_chain_phases: z.array(KillChainPhase).default([]),
  x_mitre_platforms: z.array(z.string()).default([]),
  x_mitre_is_subtechnique: z.boolean().optional(),
});

export const StixRelationship = z.object({
  ...common,
  type: z.literal("relationship"),
  relationship_type: z.string(),
  source_ref: StixId,
  target_ref: StixId,
});

export const StixDetectionStrategy = z.object({
  ...common,
  type: z.literal("x-mitre-detection-strategy"),
  x_mitre_analytic_refs: z.array(StixId).default([]),
});

export const LogSourceReference = z.object({
  x_mitre_data_component_ref: StixId.optional(),
  name: z.string().min(1),
  channel: z.string().optional(),
});

export const StixAnalytic = z.object({
  ...common,
  type: z.literal("x-mitre-analytic"),
  x_mitre_log_source_references: z.array(LogSourceReference).default([]),
});

export const StixDataComponent = z.object({
  ...common,
  type: z.literal("x-mitre-data-component"),
  name: z.string().min(1),
  /** Empty in v18+, where data sources are deprecated. */
  x_mitre_data_source_ref: z.string().optional(),
});

export const StixDataSource = z.object({
  ...common,
  type: z.literal("x-mitre-data-source"),
  name: z.string().min(1),
});

export const StixMarkingDefinition = z.object({
  ...common,
  type: z.literal("marking-definition"),
  definition_type: z.string().optional(),
  definition: z.object({ statement: z.string().optional() }).optional(),
});

/** Schemas by STIX type; objects of any other type are skipped unread. */
export const STIX_SCHEMAS = {
  "x-mitre-collection": StixCollection,
  "x-mitre-matrix": StixMatrix,
  "x-mitre-tactic": StixTactic,
  "attack-pattern": StixAttackPattern,
  relationship: StixRelationship,
  "x-mitre-detection-strategy": StixDetectionStrategy,
  "x-mitre-analytic": StixAnalytic,
  "x-mitre-data-component": StixDataComponent,
  "x-mitre-data-source": StixDataSource,
  "marking-definition": StixMarkingDefinition,
} as const;

export type StixType = keyof typeof STIX_SCHEMAS;

/** Where an object was read: the file and its index in that file's `objects`. */
export interface StixOrigin {
  file: string;
  index: number;
}

export type StixObjectOf<T extends StixType> = z.infer<(typeof STIX_SCHEMAS)[T]> & { origin: StixOrigin };
export type StixObject = { [T in StixType]: StixObjectOf<T> }[StixType];

export function isStixType(type: string): type is StixType {
  return Object.hasOwn(STIX_SCHEMAS, type);
}

/** The STIX type is the part of an id before `--`. */
export function typeOfId(id: string): string {
  return id.slice(0, id.indexOf("--"));
}
