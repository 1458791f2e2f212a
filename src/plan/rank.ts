/**
 * Ranking candidate actions greedily by marginal gain. Every candidate's
 * own effect is computed once, by the engine, on the snapshot as collected
 * (what `whatif` with its edit prints). Each round then takes the candidate
 * whose effect adds most among the techniques and controls the actions
 * above it have not already changed (ties broken by the edit string), until
 * `top` actions are taken or none adds anything. What the actions taken so
 * far change together (`cumulative`) is computed by applying their edits in
 * rank order, again by the engine.
 */
import type { AssessInput } from "../assess/index.js";
import { type Changes, controlGain, diffOutcomes, techniqueGain } from "./changes.js";
import { editProblem } from "./edit-targets.js";
import { type Edit, editString } from "./edits.js";
import { AssessmentModel, AssessmentState } from "./incremental.js";

export interface RankedAction {
  rank: number;
  edit: Edit;
  /** What the action adds to the ones ranked above it. */
  gain: number;
  /** The action alone, on the snapshot as collected: what `whatif` with its edit prints. */
  own: Changes;
  /** Ranks 1 to this one together: what `whatif` with all their edits prints. */
  cumulative: Changes;
}

export interface Ranking {
  actions: RankedAction[];
  /** Candidates considered: each one's effect computed on the snapshot. */
  candidates: number;
}

interface Candidate {
  edit: Edit;
  text: string;
  own: Changes;
}

const controlKey = (change: { framework: string; id: string }) => `${change.framework}\u0000${change.id}`;

/** The gain of an effect, counting only techniques and controls not already changed. */
export function gainBeyond(own: Changes, changed: { techniques: ReadonlySet<string>; controls: ReadonlySet<string> }) {
  let gain = 0;
  for (const change of own.techniques) if (!changed.techniques.has(change.id)) gain += techniqueGain(change);
  for (const change of own.controls) if (!changed.controls.has(controlKey(change))) gain += controlGain(change);
  return gain;
}

export function rankActions(input: AssessInput, edits: readonly Edit[], top: number): Ranking {
  const base = input.snapshot;
  const model = new AssessmentModel(input, base);
  const start = AssessmentState.of(model, base);
  const baseOutcome = start.outcome();

  const valid = dedupe(edits).filter((edit) => editProblem(base, edit) === null);
  const candidates: Candidate[] = valid.map((edit) => ({
    edit,
    text: editString(edit),
    own: start.changesOf(start.evaluate(edit, true)),
  }));

  const actions: RankedAction[] = [];
  const changed = { techniques: new Set<string>(), controls: new Set<string>() };
  const taken = new Set<Candidate>();
  let state = start;
  while (actions.length < top) {
    let best: { candidate: Candidate; gain: number } | null = null;
    for (const candidate of candidates) {
      if (taken.has(candidate)) continue;
      const gain = gainBeyond(candidate.own, changed);
      if (gain <= 0) continue;
      if (best === null || gain > best.gain || (gain === best.gain && candidate.text < best.candidate.text))
        best = { candidate, gain };
    }
    if (best === null) break;
    taken.add(best.candidate);
    state = state.commit(state.evaluate(best.candidate.edit));
    const cumulative = diffOutcomes(baseOutcome, state.outcome());
    for (const change of cumulative.techniques) changed.techniques.add(change.id);
    for (const change of cumulative.controls) changed.controls.add(controlKey(change));
    actions.push({
      rank: actions.length + 1,
      edit: best.candidate.edit,
      gain: best.gain,
      own: best.candidate.own,
      cumulative,
    });
  }
  return { actions, candidates: valid.length };
}

function dedupe(edits: readonly Edit[]): Edit[] {
  const byText = new Map(edits.map((edit) => [editString(edit), edit]));
  return [...byText.values()];
}
