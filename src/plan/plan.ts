/**
 * `plan`: the actions that would raise coverage most, ranked, in the shape
 * `ddproof plan --json` prints. Each action's own effect is what `whatif`
 * with its edit prints; `cumulative` is what `whatif` with the edits of
 * ranks 1 to that one prints.
 */
import { z } from "zod";
import type { AssessInput } from "../assess/index.js";
import { candidateEdits } from "./candidates.js";
import { Changes } from "./changes.js";
import { editString } from "./edits.js";
import { rankActions } from "./rank.js";
import { actionSummary } from "./summary.js";

export const DEFAULT_TOP = 10;

export const PlanAction = z.object({
  rank: z.number().int().positive(),
  /** The `whatif` flag and its value. */
  edit: z.string(),
  summary: z.string(),
  /** What the action adds to those ranked above it, by the gain formula. */
  gain: z.number().int().positive(),
  techniques: Changes.shape.techniques,
  controls: Changes.shape.controls,
  cumulative: Changes,
});
export type PlanAction = z.infer<typeof PlanAction>;

export const Plan = z.object({
  /** Candidate actions considered and ranked. */
  candidates: z.number().int().nonnegative(),
  actions: z.array(PlanAction),
});
export type Plan = z.infer<typeof Plan>;

export function makePlan(input: AssessInput, top: number = DEFAULT_TOP): Plan {
  const candidates = candidateEdits(input.snapshot, input.mappings, input.frameworks);
  const ranking = rankActions(input, candidates, top);
  return {
    candidates: ranking.candidates,
    actions: ranking.actions.map((action) => ({
      rank: action.rank,
      edit: editString(action.edit),
      summary: actionSummary(input.snapshot, action.edit),
      gain: action.gain,
      techniques: action.own.techniques,
      controls: action.own.controls,
      cumulative: action.cumulative,
    })),
  };
}
