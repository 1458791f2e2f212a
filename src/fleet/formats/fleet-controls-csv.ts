/**
 * controls.csv: every framework's controls across the fleet, one row per
 * control: the worst-of status, the orgs that have it, then one status
 * column per org (`status:<org>`, orgs by name). A cell is blank where the
 * org does not assess the control's framework.
 */
import { type Column, csvText, listCell } from "../../report/csv/write-csv.js";
import type { FleetFormat } from "../contract.js";
import type { FleetAssessment, FleetControl, FleetFramework } from "../schema.js";

export const FLEET_CONTROLS_CSV = "controls.csv";

export interface FleetControlRow {
  framework: FleetFramework;
  control: FleetControl;
}

/** The per-org column of `org`: its header names the org so no org name can collide with another column. */
export const orgColumnHeader = (measure: "status" | "score", org: string) => `${measure}:${org}`;

export function fleetControlColumns(fleet: FleetAssessment): Column<FleetControlRow>[] {
  return [
    { header: "framework", cell: (row) => row.framework.id },
    { header: "control_id", cell: (row) => row.control.id },
    { header: "title", cell: (row) => row.control.title },
    { header: "status", cell: (row) => row.control.status },
    { header: "worst_orgs", cell: (row) => listCell(row.control.worst_orgs) },
    ...fleet.orgs.map(
      (org): Column<FleetControlRow> => ({
        header: orgColumnHeader("status", org.name),
        cell: (row) => row.control.orgs[org.name] ?? null,
      }),
    ),
  ];
}

/** Every control of every framework, frameworks and controls in the fleet's order. */
export function fleetControlRows(fleet: FleetAssessment): FleetControlRow[] {
  return fleet.frameworks.flatMap((framework) => framework.controls.map((control) => ({ framework, control })));
}

export const format: FleetFormat = {
  id: "fleet-controls-csv",
  kinds: ["gap", "evidence"],
  description: "controls.csv: each control's worst-of status across the orgs, the orgs behind it and each org's status",
  async render(input) {
    return [
      { path: FLEET_CONTROLS_CSV, text: csvText(fleetControlColumns(input.fleet), fleetControlRows(input.fleet)) },
    ];
  },
};
