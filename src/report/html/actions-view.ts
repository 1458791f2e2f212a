/**
 * The gap report's "Next actions" in report.html: the ranked actions of
 * `ddproof plan`, each with what it moves. Each action carries the gap keys
 * (gaps.ts `gapKey`) of the techniques and controls it moves, so the page's
 * script can highlight them in the gap table when the action is selected.
 */
import { ATTACK_FRAMEWORK_ID } from "../../assess/attestations.js";
import type { ReportInput } from "../contract.js";
import { gapKey } from "../gaps.js";

export interface ActionRow {
  rank: number;
  edit: string;
  summary: string;
  gain: number;
  /** Gap keys of what the action moves, one a line (the script reads them). */
  keys: string;
  /** What it moves, in words: `T1110 2 to 3`, `pci-dss-4.0.1 10.2.1 fail to pass`. */
  moves: string;
}

export interface ActionsView {
  rows: ActionRow[];
}

export function actionsView(input: ReportInput): ActionsView {
  return {
    rows: (input.plan?.actions ?? []).map((action) => ({
      rank: action.rank,
      edit: action.edit,
      summary: action.summary,
      gain: action.gain,
      keys: [
        ...action.techniques.map((change) =>
          gapKey({ subject: "technique", framework: ATTACK_FRAMEWORK_ID, id: change.id }),
        ),
        ...action.controls.map((change) => gapKey({ subject: "control", ...change })),
      ].join("\n"),
      moves: [
        ...action.techniques.map((change) => `${change.id} ${change.from} to ${change.to}`),
        ...action.controls.map((change) => `${change.framework} ${change.id} ${change.from} to ${change.to}`),
      ].join(", "),
    })),
  };
}
