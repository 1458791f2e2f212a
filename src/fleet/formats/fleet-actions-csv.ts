/**
 * actions.csv: each org's ranked next actions (its gap pack's plan), orgs
 * by name and each org's actions in rank order, so a fleet's owners can
 * ticket them per org. Gap packs only.
 */
import type { PlanAction } from "../../plan/plan.js";
import { type Column, csvText } from "../../report/csv/write-csv.js";
import type { FleetFormat } from "../contract.js";

export const FLEET_ACTIONS_CSV = "actions.csv";

export interface FleetActionRow {
  org: string;
  action: PlanAction;
}

export const FLEET_ACTION_COLUMNS: readonly Column<FleetActionRow>[] = [
  { header: "org", cell: (row) => row.org },
  { header: "rank", cell: (row) => row.action.rank },
  { header: "edit", cell: (row) => row.action.edit },
  { header: "summary", cell: (row) => row.action.summary },
  { header: "gain", cell: (row) => row.action.gain },
];

export const format: FleetFormat = {
  id: "fleet-actions-csv",
  kinds: ["gap"],
  description: "actions.csv: each org's ranked next actions (`ddproof whatif` edits), one row per org and action",
  async render(input) {
    const rows = input.fleet.orgs.flatMap((org) => org.top_actions.map((action) => ({ org: org.name, action })));
    return [{ path: FLEET_ACTIONS_CSV, text: csvText(FLEET_ACTION_COLUMNS, rows) }];
  },
};
