/**
 * The snapshot and every assessment input, resolved from the shared assess
 * options exactly as `ddproof assess` resolves them, so `whatif` and `plan`
 * start from what `assess` reports.
 */
import type { AssessInput } from "../assess/index.js";
import { loadAssessInputs } from "../assess/load-inputs.js";
import { readSnapshot } from "../snapshot/read.js";
import type { AssessSettings } from "./assess-options.js";

export interface LoadedAssessInput {
  input: AssessInput;
  /** Tactic shortnames in matrix order, for grouping techniques. */
  tacticOrder: string[];
}

/** `settings` are the flags resolved (resolveAssessSettings), for an org with its frameworks. */
export async function loadAssessInput(settings: AssessSettings, snapshotFile: string): Promise<LoadedAssessInput> {
  const snapshot = await readSnapshot(snapshotFile);
  const inputs = await loadAssessInputs(settings);
  return {
    input: { snapshot, ...inputs, thresholds: settings.config.thresholds, frameworks: settings.frameworks },
    tacticOrder: inputs.attack?.tactics.map((tactic) => tactic.shortname) ?? [],
  };
}
