/**
 * The population files of an evidence pack and the collector parts each is
 * made from. A file is written when at least one of its parts succeeded;
 * otherwise it is omitted (never written empty, which would read as "none
 * found") and populations/index.csv says why.
 */
import type { EvidenceType } from "../../../assess/schema.js";
import type { CollectorId, Snapshot } from "../../../snapshot/schema.js";

export interface PopulationFile {
  path: string;
  parts: readonly CollectorId[];
}

export const POPULATIONS = {
  rules: { path: "populations/rules.csv", parts: ["rules", "agent_rules"] },
  agents: { path: "populations/agents.csv", parts: ["agents"] },
  logSources: { path: "populations/log-sources.csv", parts: ["log_sources"] },
  ruleChanges: { path: "populations/rule-changes.csv", parts: ["audit"] },
  signals: { path: "populations/signals.csv", parts: ["signals"] },
} as const satisfies Record<string, PopulationFile>;

export const POPULATION_INDEX = "populations/index.csv";

/** Which population file holds the full list behind an evidence reference. */
const FILE_OF_EVIDENCE: Partial<Record<EvidenceType, PopulationFile>> = {
  rule: POPULATIONS.rules,
  host: POPULATIONS.agents,
  source: POPULATIONS.logSources,
  signals: POPULATIONS.signals,
};

/**
 * Whether the pack will hold the file for this snapshot. Signals also need
 * the population file the collector writes beside the snapshot.
 */
export function populationWritten(file: PopulationFile, snapshot: Snapshot): boolean {
  if (file === POPULATIONS.signals) {
    const part = snapshot.collectors.signals;
    return part.status === "ok" && part.data.population_file !== null;
  }
  return file.parts.some((part) => snapshot.collectors[part].status === "ok");
}

/** The population file behind one kind of evidence, when the pack holds it. */
export function evidencePopulation(type: EvidenceType, snapshot: Snapshot): string | null {
  const file = FILE_OF_EVIDENCE[type];
  return file !== undefined && populationWritten(file, snapshot) ? file.path : null;
}
