/**
 * The assessment engine's entry point: a pure function of the snapshot, the
 * catalogs, the mappings, the ATT&CK source table, the attestations and the
 * thresholds. No I/O and no clock: the same inputs give the same Assessment.
 */
import type { AttackCatalog } from "../catalogs/attack/schema.js";
import type { FrameworkCatalog } from "../catalogs/schema.js";
import type { Thresholds } from "../config/schema.js";
import { COLLECTOR_IDS, type Snapshot } from "../snapshot/schema.js";
import { assessAttack } from "./attack/assess-attack.js";
import { ATTACK_FRAMEWORK_ID, type Attestation } from "./attestations.js";
import { evaluateFramework } from "./evaluate-framework.js";
import type { MappingSet } from "./mapping-schema.js";
import type { Assessment } from "./schema.js";
import type { SourceMap } from "./source-map.js";

export interface AssessInput {
  snapshot: Snapshot;
  catalogs: readonly FrameworkCatalog[];
  /** Needed when `frameworks` includes `mitre-attack`. */
  attack: AttackCatalog | null;
  mappings: MappingSet;
  sourceMap: SourceMap;
  attestations: readonly Attestation[];
  thresholds: Thresholds;
  /** Framework ids to assess, in report order; `mitre-attack` adds the ATT&CK section. */
  frameworks: readonly string[];
}

/** Failed collectors and the items collectors kept but flagged, prefixed by collector id. */
function snapshotWarnings(snapshot: Snapshot): string[] {
  return COLLECTOR_IDS.flatMap((id) => {
    const part = snapshot.collectors[id];
    const failed = part.status === "error" ? [`${id}: collector failed: ${part.error}`] : [];
    return [...failed, ...part.warnings.map((warning) => `${id}: ${warning}`)];
  });
}

export function assess(input: AssessInput): Assessment {
  const { snapshot, thresholds } = input;
  const ctx = { thresholds };
  const frameworks = input.frameworks
    .filter((id) => id !== ATTACK_FRAMEWORK_ID)
    .map((id) => {
      const catalog = input.catalogs.find((candidate) => candidate.id === id);
      if (catalog === undefined) throw new Error(`framework ${id} was requested but its catalog was not loaded`);
      return evaluateFramework({
        catalog,
        mapping: input.mappings[id] ?? {},
        attestations: input.attestations,
        snapshot,
        ctx,
      });
    });

  let attack: Assessment["attack"] = null;
  if (input.frameworks.includes(ATTACK_FRAMEWORK_ID)) {
    if (input.attack === null) throw new Error("mitre-attack was requested but the ATT&CK catalog was not loaded");
    attack = assessAttack({
      snapshot,
      catalog: input.attack,
      sourceMap: input.sourceMap,
      attestations: input.attestations,
      thresholds,
    });
  }

  return {
    period: snapshot.period,
    collected_at: snapshot.collected_at,
    complete: COLLECTOR_IDS.every((id) => snapshot.collectors[id].status === "ok"),
    snapshot_warnings: snapshotWarnings(snapshot),
    frameworks,
    attack,
  };
}

export { Assessment } from "./schema.js";
