/**
 * The columns of the fleet workbook's tables, declared once as the CSVs
 * declare theirs (a header can never drift from its cells). A framework
 * sheet and the ATT&CK sheet end with one column per org, headed by the
 * org's name: its status or score, empty where the org does not assess it.
 */

import type { PlanAction } from "../../plan/plan.js";
import { type Column, listCell } from "../../report/csv/write-csv.js";
import { GAP_REASON_LABELS } from "../../report/gaps.js";
import { SCORE_SWATCHES } from "../../report/pdf/presentation.js";
import type { FleetControl, FleetFramework, FleetOrg, FleetTechnique } from "../schema.js";

export const ORG_COLUMNS: readonly Column<FleetOrg>[] = [
  { header: "org", cell: (org) => org.name },
  { header: "display_name", cell: (org) => org.display_name },
  { header: "site", cell: (org) => org.site },
  { header: "collected_at", cell: (org) => org.collected_at },
  { header: "complete", cell: (org) => org.complete },
  { header: "missing_evidence", cell: (org) => listCell(org.missing_evidence) },
  { header: "frameworks", cell: (org) => listCell(org.frameworks) },
  { header: "top_actions", cell: (org) => org.top_actions.length },
  { header: "manifest_sha256", cell: (org) => org.manifest_sha256 },
];

export interface ControlRow {
  framework: FleetFramework;
  control: FleetControl;
}

/** One column per org of the fleet, in its order; `value` is null where the org has none. */
function orgColumns<T>(orgs: readonly string[], value: (row: T, org: string) => string | number | null): Column<T>[] {
  return orgs.map((org) => ({ header: org, cell: (row: T) => value(row, org) }));
}

export function controlColumns(orgs: readonly string[]): Column<ControlRow>[] {
  return [
    { header: "framework", cell: (row) => row.framework.id },
    { header: "control_id", cell: (row) => row.control.id },
    { header: "label", cell: (row) => row.control.label ?? null },
    { header: "parent", cell: (row) => row.control.parent },
    { header: "title", cell: (row) => row.control.title },
    { header: "monitoring_relevant", cell: (row) => row.control.monitoring_relevant },
    { header: "fleet_status", cell: (row) => row.control.status },
    { header: "worst_orgs", cell: (row) => listCell(row.control.worst_orgs) },
    ...orgColumns<ControlRow>(orgs, (row, org) => row.control.orgs[org] ?? null),
  ];
}

export function techniqueColumns(orgs: readonly string[]): Column<FleetTechnique>[] {
  return [
    { header: "technique_id", cell: (technique) => technique.id },
    { header: "name", cell: (technique) => technique.name },
    { header: "parent", cell: (technique) => technique.parent },
    { header: "tactics", cell: (technique) => listCell(technique.tactics) },
    { header: "weakest_score", cell: (technique) => technique.score },
    { header: "weakest_score_label", cell: (technique) => SCORE_SWATCHES[technique.score]?.label ?? null },
    { header: "weakest_orgs", cell: (technique) => listCell(technique.weakest_orgs) },
    { header: "reason", cell: (technique) => GAP_REASON_LABELS[technique.reason] },
    ...orgColumns<FleetTechnique>(orgs, (technique, org) => technique.orgs[org] ?? null),
  ];
}

export interface ActionRow {
  org: string;
  action: PlanAction;
}

export const ACTION_COLUMNS: readonly Column<ActionRow>[] = [
  { header: "org", cell: (row) => row.org },
  { header: "rank", cell: (row) => row.action.rank },
  { header: "edit", cell: (row) => row.action.edit },
  { header: "summary", cell: (row) => row.action.summary },
  { header: "gain", cell: (row) => row.action.gain },
  { header: "techniques_moved", cell: (row) => row.action.techniques.length },
  { header: "controls_moved", cell: (row) => row.action.controls.length },
];
