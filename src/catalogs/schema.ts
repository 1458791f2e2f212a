/**
 * The shape of a control catalog in frameworks/ (PCI DSS, SOC 2, HIPAA, the
 * Datadog baseline) and of any catalog a user drops into a `mappings:` folder.
 * ATT&CK has its own shape and loader (src/catalogs/attack/).
 *
 * Objects are strict: a misspelt field in a hand-edited catalog would
 * otherwise be dropped silently and the control would lose, say, its
 * monitoring flag without anyone noticing.
 */
import { z } from "zod";

const NonEmpty = z.string().min(1);

export const FrameworkControl = z
  .object({
    /** The framework's own identifier: "10.2.1", "CC7.2", "164.312(b)", "DDB-01". */
    id: NonEmpty,
    /** How reports show the id when it differs from it, e.g. OSCAL's "SI-4(2)" for id "si-4.2". */
    label: NonEmpty.optional(),
    /** PCI/SOC 2: ddproof's paraphrase; HIPAA: the CFR heading; baseline: own words. */
    title: NonEmpty,
    /** Id of the parent control; null for a top-level row. */
    parent: NonEmpty.nullable(),
    /** The row's level in its framework, e.g. "principal_requirement", "criterion", "implementation_specification". */
    kind: NonEmpty,
    /** Whether Datadog logs, rules, agents or signals can evidence this control (ddproof's judgement). */
    monitoring_relevant: z.boolean(),
    /** "primary" (directly evidenced by monitoring) or "supporting" (partial evidence). */
    monitoring_priority: NonEmpty.optional(),
    /** PCI DSS: was a best practice until 31 March 2025 (mandatory since; the flag is history). */
    future_dated: z.boolean().optional(),
    /** PCI DSS: set when only part of the requirement was future-dated. */
    future_dated_scope: z.enum(["bullet_only", "non_service_providers_only"]).optional(),
    /** HIPAA: implementation specifications are required or addressable; standards are required. */
    requirement_type: z.enum(["required", "addressable"]).optional(),
    /** Who the control applies to when not everyone, e.g. "service_providers_only". */
    applicability: NonEmpty.optional(),
    /** Id of the control that replaced this one (PCI DSS, after 31 March 2025). */
    superseded_by: NonEmpty.optional(),
    /** Framework-specific facts a report may show, e.g. SOC 2 `tsc_category`, `coso_principle`. */
    attributes: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    notes: NonEmpty.optional(),
  })
  .strict();
export type FrameworkControl = z.infer<typeof FrameworkControl>;

/** A public repository the catalog's structure was checked against. */
export const SourceReference = z
  .object({
    repo: NonEmpty,
    path: NonEmpty,
    commit: z.string().regex(/^[0-9a-f]{40}$/, "expected a 40-character git commit id"),
    use: NonEmpty,
  })
  .strict();
export type SourceReference = z.infer<typeof SourceReference>;

/** Layout hints so reports need no per-framework code. */
export const CatalogPresentation = z
  .object({
    /** What a top-level row is called in headings: "Requirement", "Category", "Section". */
    group_label: NonEmpty,
    /** Human label per control `kind`; a kind without one is shown as it is written. */
    kind_labels: z.record(z.string(), NonEmpty).optional(),
    /** Human label per key of a control's `attributes`. */
    attribute_labels: z.record(z.string(), NonEmpty).optional(),
  })
  .strict();
export type CatalogPresentation = z.infer<typeof CatalogPresentation>;

/**
 * For catalogs imported from OSCAL: rows of these kinds are the source's
 * controls (the others are its groups), so OSCAL output can reference them by
 * their own ids.
 */
export const OscalOrigin = z
  .object({
    catalog_uuid: NonEmpty,
    control_kinds: z.array(NonEmpty).min(1),
  })
  .strict();
export type OscalOrigin = z.infer<typeof OscalOrigin>;

/** A catalog id doubles as a file name, so it may not hold slashes or start with a dot. */
export const CatalogId = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "expected lower-case letters, digits, dots and dashes");

export const FrameworkCatalog = z
  .object({
    /** Equals the file name without `.json`; the loader enforces it. */
    id: CatalogId,
    name: NonEmpty,
    version: NonEmpty,
    publisher: NonEmpty,
    /** Whose words the titles are and what may be reproduced. */
    text_policy: NonEmpty,
    source: z
      .object({
        description: NonEmpty,
        references: z.array(SourceReference).optional(),
      })
      .strict(),
    /** Set when the catalog was imported from OSCAL: its control ids are the source's own. */
    oscal: OscalOrigin.optional(),
    presentation: CatalogPresentation.optional(),
    /** Catalog-wide caveats (scope of a subset, pending rule changes). */
    notes: z.array(NonEmpty).optional(),
    /** In the framework's document order; reports keep this order. */
    controls: z.array(FrameworkControl).min(1),
  })
  .strict();
export type FrameworkCatalog = z.infer<typeof FrameworkCatalog>;
