/**
 * actions.csv: the gap report's next actions (`ddproof plan`), one row per
 * action in rank order, for import into a ticketing system: the `whatif`
 * edit that states the action, what it achieves alone and together with
 * the actions ranked above it. Cells are neutralised like every CSV's.
 */
import type { PlanAction } from "../../plan/plan.js";
import type { ReportFormat } from "../contract.js";
import { type Column, csvText, listCell } from "../csv/write-csv.js";

export const ACTIONS_CSV = "actions.csv";

const techniques = (changes: Pick<PlanAction, "techniques">) =>
  listCell(changes.techniques.map((change) => `${change.id} ${change.from}→${change.to}`));
const controls = (changes: Pick<PlanAction, "controls">) =>
  listCell(changes.controls.map((change) => `${change.framework} ${change.id} ${change.from}→${change.to}`));

export const ACTION_COLUMNS: readonly Column<PlanAction>[] = [
  { header: "rank", cell: (action) => action.rank },
  { header: "edit", cell: (action) => action.edit },
  { header: "summary", cell: (action) => action.summary },
  { header: "gain", cell: (action) => action.gain },
  { header: "techniques", cell: techniques },
  { header: "controls", cell: controls },
  { header: "cumulative_techniques", cell: (action) => action.cumulative.techniques.length },
  { header: "cumulative_controls", cell: (action) => action.cumulative.controls.length },
];

export const format: ReportFormat = {
  id: "actions-csv",
  kinds: ["gap"],
  description:
    "actions.csv: the ranked next actions, each a `ddproof whatif` edit with the techniques and controls it moves, for a ticketing system",
  async render(input) {
    return [{ path: ACTIONS_CSV, text: csvText(ACTION_COLUMNS, input.plan?.actions ?? []) }];
  },
};
