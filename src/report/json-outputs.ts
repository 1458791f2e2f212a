/**
 * The pack's JSON files: the snapshot and the assessment it was judged from
 * (every kind of pack carries its inputs, so anyone can re-run the report),
 * and, for a gap report with an earlier run to compare, what changed.
 * All are written by stable-json.ts: sorted keys, byte-identical per input.
 */
import { computeChanges } from "./changes.js";
import type { ReportFormat, ReportInput } from "./contract.js";
import { stableJson } from "./stable-json.js";

export const SNAPSHOT_JSON = "snapshot.json";
export const ASSESSMENT_JSON = "assessment.json";
export const CHANGES_JSON = "changes.json";

/** A format that writes one of the pack's inputs as JSON, in every kind of pack. */
function inputJsonFormat(
  id: string,
  path: string,
  description: string,
  value: (input: ReportInput) => unknown,
): ReportFormat {
  return {
    id,
    kinds: ["evidence", "gap", "attack"],
    description,
    async render(input) {
      return [{ path, text: stableJson(value(input)) }];
    },
  };
}

export const snapshotJsonFormat = inputJsonFormat(
  "snapshot-json",
  SNAPSHOT_JSON,
  "snapshot.json: the frozen evidence every figure comes from",
  (input) => input.snapshot,
);

export const assessmentJsonFormat = inputJsonFormat(
  "assessment-json",
  ASSESSMENT_JSON,
  "assessment.json: every control's status, findings, evidence and attestations, and the ATT&CK scores",
  (input) => input.assessment,
);

export const changesJsonFormat: ReportFormat = {
  id: "changes-json",
  kinds: ["gap"],
  description:
    "changes.json: gaps opened, closed or changed, rules and sources that changed since the previous run (only with --previous)",
  async render(input) {
    if (input.previous === null) return [];
    const changes = computeChanges({ snapshot: input.snapshot, assessment: input.assessment }, input.previous);
    return [{ path: CHANGES_JSON, text: stableJson(changes) }];
  },
};
