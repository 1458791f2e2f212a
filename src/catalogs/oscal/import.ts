/**
 * Turns an OSCAL catalog (or a resolved baseline profile, which NIST
 * publishes as a catalog) into a ddproof framework catalog:
 *
 * - each group becomes a parent row (kind: the group's class, else "group");
 * - each control becomes a row under its group, each nested control (an
 *   800-53 enhancement) a row under its control; ids stay OSCAL's (`au-2`,
 *   `si-4.2`) so reports can reference the real controls, and the `label`
 *   prop (`AU-2`, `SI-4(2)`) is kept for display, with the title, and the
 *   id of the control's assessment-objective part (`au-2_obj`) as attribute
 *   `oscal_objective`, which OSCAL assessment results target;
 * - withdrawn controls (prop `status: withdrawn`) are skipped and counted;
 *   a kept control under a withdrawn one moves up to the nearest kept row;
 * - only ids, labels and titles are copied: statements, parameters and
 *   guidance stay in the source.
 *
 * Which controls Datadog evidence can serve is ddproof's judgement, not
 * OSCAL's: it comes in as `monitoringRelevant`, and a row above a relevant
 * one is relevant too.
 */
import { basename } from "node:path";
import { InputError, parseOrThrow } from "../../errors.js";
import { checkCatalogStructure } from "../load.js";
import { FrameworkCatalog, type FrameworkControl, type SourceReference } from "../schema.js";
import { OscalCatalogDocument, type OscalCatalog, type OscalControl, type OscalGroup, type OscalProp } from "./schema.js";

export interface OscalImportOptions {
  /** The framework id (and file name) of the result. */
  id: string;
  /** Default: the OSCAL metadata title. */
  name?: string;
  /** Default: the party named as the catalog's creator, else its first party. */
  publisher?: string;
  /** OSCAL control ids Datadog evidence can serve. */
  monitoringRelevant?: readonly string[];
  /** Where the source file was published, for the catalog's `source.references`. */
  references?: readonly SourceReference[];
  /** Catalog-wide notes to carry (scope, licence). */
  notes?: readonly string[];
}

export interface OscalImport {
  catalog: FrameworkCatalog;
  /** Withdrawn controls skipped, by OSCAL id. */
  withdrawn: string[];
}

export const OSCAL_CONTROL_KIND = "control";
/** Attribute holding the id of a control's assessment-objective part. */
export const OSCAL_OBJECTIVE_ATTRIBUTE = "oscal_objective";
export const OSCAL_ENHANCEMENT_KIND = "enhancement";

const TEXT_POLICY =
  "Control ids, labels and titles are copied unchanged from the OSCAL source named in source.description, under its terms; " +
  "statements, parameters and guidance are not copied. monitoring_relevant is ddproof's judgement of where Datadog evidence applies, not the publisher's guidance.";

function isWithdrawn(control: OscalControl): boolean {
  return (control.props ?? []).some((prop) => prop.name === "status" && prop.value.trim() === "withdrawn");
}

/** The display label: the plain `label` prop (800-53 also has zero-padded and 800-53A ones), else any label. */
function labelOf(props: readonly OscalProp[] | undefined): string | undefined {
  const labels = (props ?? []).filter((prop) => prop.name === "label");
  return (labels.find((prop) => prop.class === undefined) ?? labels[0])?.value;
}

interface Walk {
  rows: FrameworkControl[];
  withdrawn: string[];
}

function objectiveOf(control: OscalControl): string | undefined {
  return control.parts?.find((part) => part.name === "assessment-objective" && part.id !== undefined)?.id;
}

function row(id: string, title: string, parent: string | null, kind: string, label: string | undefined, objective?: string): FrameworkControl {
  return {
    id,
    ...(label === undefined ? {} : { label }),
    title,
    parent,
    kind,
    monitoring_relevant: false,
    ...(objective === undefined ? {} : { attributes: { [OSCAL_OBJECTIVE_ATTRIBUTE]: objective } }),
  };
}

function addControls(walk: Walk, controls: readonly OscalControl[] | undefined, parent: string | null, depth: number): void {
  for (const control of controls ?? []) {
    if (isWithdrawn(control)) {
      walk.withdrawn.push(control.id);
      addControls(walk, control.controls, parent, depth + 1);
      continue;
    }
    const kind = depth === 0 ? OSCAL_CONTROL_KIND : OSCAL_ENHANCEMENT_KIND;
    walk.rows.push(row(control.id, control.title, parent, kind, labelOf(control.props), objectiveOf(control)));
    addControls(walk, control.controls, control.id, depth + 1);
  }
}

function addGroups(walk: Walk, groups: readonly OscalGroup[] | undefined, parent: string | null): void {
  for (const group of groups ?? []) {
    walk.rows.push(row(group.id, group.title, parent, group.class ?? "group", labelOf(group.props)));
    addControls(walk, group.controls, group.id, 0);
    addGroups(walk, group.groups, group.id);
  }
}

/** Marks the chosen controls and every row above them. */
function markRelevant(rows: FrameworkControl[], ids: readonly string[], file: string): void {
  const byId = new Map(rows.map((control) => [control.id, control]));
  for (const id of ids) {
    let control = byId.get(id);
    if (control === undefined) throw new InputError(`${file}: monitoring-relevant control "${id}" is not a control of this catalog (or is withdrawn)`);
    while (control !== undefined && !control.monitoring_relevant) {
      control.monitoring_relevant = true;
      control = control.parent === null ? undefined : byId.get(control.parent);
    }
  }
}

function publisherOf(catalog: OscalCatalog, file: string): string {
  const { parties = [], "responsible-parties": responsible = [] } = catalog.metadata;
  const creator = responsible.find((entry) => entry["role-id"] === "creator")?.["party-uuids"][0];
  const party = parties.find((candidate) => candidate.uuid === creator) ?? parties[0];
  if (party?.name === undefined) throw new InputError(`${file}: metadata.parties: names no publisher; pass one (--publisher)`);
  return party.name;
}

/** Layout hints: top-level groups are named by their class ("Family" in 800-53). */
function presentationOf(catalog: OscalCatalog): FrameworkCatalog["presentation"] {
  const classes = [...new Set((catalog.groups ?? []).map((group) => group.class ?? "group"))];
  const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
  const groupLabel = classes.length === 1 ? capitalised(classes[0]!) : "Group";
  return {
    group_label: groupLabel,
    kind_labels: {
      ...Object.fromEntries(classes.map((kind) => [kind, capitalised(kind)])),
      [OSCAL_CONTROL_KIND]: "Control",
      [OSCAL_ENHANCEMENT_KIND]: "Control enhancement",
    },
    attribute_labels: { [OSCAL_OBJECTIVE_ATTRIBUTE]: "OSCAL assessment objective" },
  };
}

/** Refuses an unresolved profile with a pointer to what to pass instead. */
function checkIsCatalog(data: unknown, file: string): void {
  if (typeof data === "object" && data !== null && "profile" in data && !("catalog" in data)) {
    throw new InputError(`${file}: (top level): this is an OSCAL profile, not a catalog; pass the resolved profile catalog (NIST publishes one per baseline)`);
  }
}

export function importOscalCatalog(data: unknown, file: string, options: OscalImportOptions): OscalImport {
  checkIsCatalog(data, file);
  const { catalog } = parseOrThrow(OscalCatalogDocument, data, file);
  const walk: Walk = { rows: [], withdrawn: [] };
  addControls(walk, catalog.controls, null, 0);
  addGroups(walk, catalog.groups, null);
  if (walk.rows.length === 0) throw new InputError(`${file}: catalog: has no groups or controls that are not withdrawn`);
  markRelevant(walk.rows, options.monitoringRelevant ?? [], file);

  const { metadata } = catalog;
  // Problems found in the result are named on the result, which has no file yet.
  const asFramework = `${file} (as framework "${options.id}")`;
  const result = parseOrThrow(
    FrameworkCatalog,
    {
      id: options.id,
      name: options.name ?? metadata.title,
      version: metadata.version,
      publisher: options.publisher ?? publisherOf(catalog, file),
      text_policy: TEXT_POLICY,
      source: {
        description:
          `Imported by ddproof catalog import-oscal from ${basename(file)}: "${metadata.title}", version ${metadata.version}, ` +
          `OSCAL ${metadata["oscal-version"]}, last modified ${metadata["last-modified"]}, catalog uuid ${catalog.uuid}; ` +
          `${walk.withdrawn.length} withdrawn control${walk.withdrawn.length === 1 ? "" : "s"} skipped.`,
        ...(options.references === undefined || options.references.length === 0 ? {} : { references: [...options.references] }),
      },
      oscal: { catalog_uuid: catalog.uuid, control_kinds: [OSCAL_CONTROL_KIND, OSCAL_ENHANCEMENT_KIND] },
      presentation: presentationOf(catalog),
      ...(options.notes === undefined || options.notes.length === 0 ? {} : { notes: [...options.notes] }),
      controls: walk.rows,
    },
    asFramework,
  );
  checkCatalogStructure(result, asFramework);
  return { catalog: result, withdrawn: walk.withdrawn };
}
