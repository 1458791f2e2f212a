/**
 * Evidence references as reports print them: `type:id` for the reference
 * and, beside it, the files of the pack that hold the full population
 * (rules → populations/rules.csv, hosts → populations/agents.csv, …).
 */
import type { EvidenceRef } from "../assess/schema.js";
import type { Snapshot } from "../snapshot/schema.js";
import { evidencePopulation } from "./csv/populations/files.js";

export function evidenceRefText(ref: EvidenceRef): string {
  return `${ref.type}:${ref.id}`;
}

/** The pack files behind these references, each once, in the order first referenced. */
export function evidenceFilesOf(refs: readonly EvidenceRef[], snapshot: Snapshot): string[] {
  const files = new Set<string>();
  for (const ref of refs) {
    const file = evidencePopulation(ref.type, snapshot);
    if (file !== null) files.add(file);
  }
  return [...files];
}
