/**
 * Which log sources ATT&CK says can see each technique (the "visibility" rung
 * of the coverage score). ATT&CK has modelled this two ways:
 *
 * - v18 and later: technique ← `detects` ← x-mitre-detection-strategy →
 *   `x_mitre_analytic_refs` → x-mitre-analytic → `x_mitre_log_source_references[].name`
 *   (`AWS:CloudTrail`, `WinEventLog:Security`, `ebpf:syscalls`).
 * - v17 and earlier: technique ← `detects` ← x-mitre-data-component →
 *   `x_mitre_data_source_ref` → x-mitre-data-source, named as ATT&CK wrote
 *   them: `Process: Process Creation`.
 *
 * The model is chosen by what the data contains, never both at once: the two
 * naming schemes would need different rows in the Datadog source mapping.
 * Revoked or deprecated relationships, strategies, analytics, components and
 * sources contribute nothing.
 */
import { InputError } from "../../errors.js";
import type { LogSourceModel } from "./schema.js";
import { describeAt, isActive, type StixIndex } from "./stix-index.js";
import { type StixObjectOf, typeOfId } from "./stix-objects.js";

export interface TechniqueLogSources {
  model: LogSourceModel;
  /** Sorted unique names per attack-pattern STIX id; techniques without any are absent. */
  byAttackPattern: Map<string, string[]>;
}

type Relationship = StixObjectOf<"relationship">;

function analyticLogSources(index: StixIndex, strategy: StixObjectOf<"x-mitre-detection-strategy">): string[] {
  if (!isActive(strategy)) return [];
  return strategy.x_mitre_analytic_refs.flatMap((ref, i) => {
    const analytic = index.get("x-mitre-analytic", ref);
    if (analytic === undefined) {
      throw new InputError(
        describeAt(
          strategy.origin,
          ["x_mitre_analytic_refs", i],
          `${ref} is not in the data (expected an x-mitre-analytic object)`,
        ),
      );
    }
    if (!isActive(analytic)) return [];
    return analytic.x_mitre_log_source_references
      .filter((logSource) => {
        const component =
          logSource.x_mitre_data_component_ref &&
          index.get("x-mitre-data-component", logSource.x_mitre_data_component_ref);
        return !component || isActive(component);
      })
      .map((logSource) => logSource.name);
  });
}

function dataComponentLogSources(index: StixIndex, component: StixObjectOf<"x-mitre-data-component">): string[] {
  if (!isActive(component)) return [];
  const dataSource = index.get("x-mitre-data-source", component.x_mitre_data_source_ref ?? "");
  if (dataSource === undefined) {
    throw new InputError(
      describeAt(
        component.origin,
        ["x_mitre_data_source_ref"],
        'expected the id of an x-mitre-data-source in the data (pre-v18 log sources are named "<data source>: <data component>")',
      ),
    );
  }
  return isActive(dataSource) ? [`${dataSource.name}: ${component.name}`] : [];
}

function collect(
  index: StixIndex,
  detects: Relationship[],
  namesOf: (sourceRef: string) => string[],
): Map<string, string[]> {
  const found = new Map<string, Set<string>>();
  for (const rel of detects) {
    const technique = index.get("attack-pattern", rel.target_ref);
    if (technique === undefined || !isActive(technique)) continue;
    const names = found.get(rel.target_ref) ?? new Set<string>();
    for (const name of namesOf(rel.source_ref)) names.add(name);
    if (names.size > 0) found.set(rel.target_ref, names);
  }
  // Code-unit order, not locale order, so the file is identical on every machine.
  return new Map([...found].map(([id, names]) => [id, [...names].sort()]));
}

/**
 * The models, newest first: the first whose `detects` relationships appear in
 * the data is used. Each names the log sources of one relationship's source.
 */
const MODELS: ReadonlyArray<{
  model: LogSourceModel;
  sourceType: string;
  namesOf: (index: StixIndex, ref: string) => string[];
}> = [
  {
    model: "detection-strategies",
    sourceType: "x-mitre-detection-strategy",
    namesOf: (index, ref) => {
      const strategy = index.get("x-mitre-detection-strategy", ref);
      return strategy === undefined ? [] : analyticLogSources(index, strategy);
    },
  },
  {
    model: "data-components",
    sourceType: "x-mitre-data-component",
    namesOf: (index, ref) => {
      const component = index.get("x-mitre-data-component", ref);
      return component === undefined ? [] : dataComponentLogSources(index, component);
    },
  },
];

export function collectLogSources(index: StixIndex): TechniqueLogSources {
  const detects = index.relationships("detects");
  for (const { model, sourceType, namesOf } of MODELS) {
    const relationships = detects.filter((rel) => typeOfId(rel.source_ref) === sourceType);
    if (relationships.length > 0) {
      return { model, byAttackPattern: collect(index, relationships, (ref) => namesOf(index, ref)) };
    }
  }
  return { model: "none", byAttackPattern: new Map() };
}
