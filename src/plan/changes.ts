/**
 * What an edit changes: techniques whose score moves and controls whose
 * status moves (parents whose roll-up moves included), before and after.
 * Techniques in ATT&CK id order, controls by framework (in the order they
 * were assessed) then catalog order. Also the gain `plan` ranks actions by.
 */
import { z } from "zod";
import { type Assessment, AttackScore, ControlStatus } from "../assess/schema.js";
import { compareIds } from "../report/id-order.js";

export const TechniqueChange = z.object({ id: z.string(), from: AttackScore, to: AttackScore });
export type TechniqueChange = z.infer<typeof TechniqueChange>;

export const ControlChange = z.object({
  framework: z.string(),
  id: z.string(),
  from: ControlStatus,
  to: ControlStatus,
});
export type ControlChange = z.infer<typeof ControlChange>;

export const Changes = z.object({ techniques: z.array(TechniqueChange), controls: z.array(ControlChange) });
export type Changes = z.infer<typeof Changes>;

/** The values a diff compares: technique scores and control statuses. */
export interface Outcome {
  /** Technique id → score. */
  techniques: ReadonlyMap<string, number>;
  /** Framework id → control id → status, both in assessment (catalog) order. */
  controls: ReadonlyMap<string, ReadonlyMap<string, z.infer<typeof ControlStatus>>>;
}

export function outcomeOf(assessment: Assessment): Outcome {
  return {
    techniques: new Map((assessment.attack?.techniques ?? []).map((t) => [t.id, t.score])),
    controls: new Map(
      assessment.frameworks.map((framework) => [
        framework.id,
        new Map(framework.controls.map((control) => [control.id, control.status])),
      ]),
    ),
  };
}

export function diffOutcomes(before: Outcome, after: Outcome): Changes {
  const techniques: TechniqueChange[] = [];
  for (const [id, from] of before.techniques) {
    const to = after.techniques.get(id);
    if (to !== undefined && to !== from) techniques.push({ id, from, to });
  }
  techniques.sort((a, b) => compareIds(a.id, b.id));
  const controls: ControlChange[] = [];
  for (const [framework, statuses] of before.controls) {
    const afterStatuses = after.controls.get(framework);
    for (const [id, from] of statuses) {
      const to = afterStatuses?.get(id);
      if (to !== undefined && to !== from) controls.push({ framework, id, from, to });
    }
  }
  return { techniques, controls };
}

export function diffAssessments(before: Assessment, after: Assessment): Changes {
  return diffOutcomes(outcomeOf(before), outcomeOf(after));
}

/** Control statuses from worst to best; others (manual, accepted, not applicable) are off this ladder. */
const CONTROL_LADDER: readonly string[] = ["fail", "unknown", "partial", "pass"];
/** The score a technique must reach to count as effectively covered. */
export const EFFECTIVE_SCORE = 3;

export const GAIN_WEIGHTS = {
  controlPasses: 3,
  controlImproves: 1,
  techniqueReachesEffective: 2,
  techniquePoint: 1,
} as const;

/** How much better a control's status got, by the gain formula; a worse or sideways move counts 0. */
export function controlGain(change: Pick<ControlChange, "from" | "to">): number {
  if (change.to === "pass") return change.from === "pass" ? 0 : GAIN_WEIGHTS.controlPasses;
  const from = CONTROL_LADDER.indexOf(change.from);
  const to = CONTROL_LADDER.indexOf(change.to);
  return from >= 0 && to > from ? GAIN_WEIGHTS.controlImproves : 0;
}

/** Points gained, the point that reaches score 3 weighing 2 and every other point 1; a loss counts 0. */
export function techniqueGain(change: Pick<TechniqueChange, "from" | "to">): number {
  if (change.to <= change.from) return 0;
  const reaches = change.from < EFFECTIVE_SCORE && change.to >= EFFECTIVE_SCORE;
  return reaches
    ? GAIN_WEIGHTS.techniqueReachesEffective + (change.to - change.from - 1) * GAIN_WEIGHTS.techniquePoint
    : (change.to - change.from) * GAIN_WEIGHTS.techniquePoint;
}

export function gainOf(changes: Changes): number {
  return (
    changes.controls.reduce((sum, change) => sum + controlGain(change), 0) +
    changes.techniques.reduce((sum, change) => sum + techniqueGain(change), 0)
  );
}
