/**
 * fleet.xlsx: the fleet pack as one Excel workbook (cover, orgs, one sheet
 * per framework and an ATT&CK sheet, each with one column per org), typed
 * and filterable, for auditors who sample in a spreadsheet.
 */
import type { FleetFormat } from "../contract.js";
import { FLEET_TITLES } from "../pdf/fleet-facts.js";
import { fleetWorkbook } from "../xlsx/fleet-workbook.js";

export const FLEET_XLSX = "fleet.xlsx";

export const format: FleetFormat = {
  id: "fleet-xlsx",
  kinds: ["gap", "evidence", "attack"],
  description:
    "fleet.xlsx: the fleet in one Excel workbook (orgs, each framework's controls and ATT&CK techniques with one column per org) with typed cells and filters, for auditors",
  async render(input) {
    const title = `ddproof workbook: ${FLEET_TITLES[input.fleet.kind]}`;
    return [{ path: FLEET_XLSX, bytes: await fleetWorkbook(input.fleet, input.versions, title) }];
  },
};
