/**
 * `whatif`: the snapshot assessed as collected and again with the edits
 * applied (in the order given; a later edit wins over an earlier one on
 * the same thing), and what moved between the two. Both are full
 * assessments by the engine, so `whatif` is the reference `plan` is held to.
 */
import { type AssessInput, assess } from "../assess/index.js";
import type { Assessment } from "../assess/schema.js";
import { applyEdits } from "./apply-edit.js";
import { type Changes, diffAssessments } from "./changes.js";
import { type Edit, editString } from "./edits.js";

export interface WhatIf extends Changes {
  edits: string[];
}

export interface WhatIfRun {
  result: WhatIf;
  before: Assessment;
  after: Assessment;
}

export function whatIf(input: AssessInput, edits: readonly Edit[]): WhatIfRun {
  const before = assess(input);
  const after = assess({ ...input, snapshot: applyEdits(input.snapshot, edits) });
  return { result: { edits: edits.map(editString), ...diffAssessments(before, after) }, before, after };
}
