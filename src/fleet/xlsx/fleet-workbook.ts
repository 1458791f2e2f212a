/**
 * fleet.xlsx: the fleet pack as one workbook for auditors who sample and
 * filter in Excel. A cover, the orgs, one sheet per framework (each control
 * with its fleet status and one column per org) and an ATT&CK sheet (every
 * technique and sub-technique with its weakest score and each org's), plus
 * each org's next actions in a gap pack. Written with exceljs's streaming
 * writer like the org workbooks: typed cells (text never a formula), frozen
 * headers, filters, fitted widths, and bytes that depend only on the fleet
 * (zip times and document dates from its collected_at).
 */
import { SheetNames } from "../../report/xlsx/sheet-names.js";
import { DATE_TIME, type SheetTable, type WrittenTable, writeTable } from "../../report/xlsx/table-sheet.js";
import { newWorkbook } from "../../report/xlsx/workbook-file.js";
import type { FleetAssessment } from "../schema.js";
import {
  ACTION_COLUMNS,
  type ActionRow,
  type ControlRow,
  controlColumns,
  ORG_COLUMNS,
  techniqueColumns,
} from "./fleet-columns.js";
import { addFleetCover, COVER_SHEET, fillFleetCover } from "./fleet-cover-sheet.js";

export const FLEET_SHEETS = { orgs: "Orgs", attack: "ATT&CK", actions: "Next actions" } as const;

/**
 * A fleet sheet holds every row: controls and techniques number in the
 * hundreds, far below any cap, so no sheet stops early and none names a
 * CSV to read the rest from.
 */
const EVERY_ROW = Number.POSITIVE_INFINITY;
const table = <T>(sheet: string, rest: Omit<SheetTable<T>, "sheet" | "csvPath">): SheetTable<T> => ({
  sheet,
  csvPath: "",
  ...rest,
});

export async function fleetWorkbook(fleet: FleetAssessment, versions: Readonly<Record<string, string>>, title: string) {
  const file = newWorkbook(new Date(fleet.collected_at));
  const { workbook } = file;
  const names = new SheetNames([COVER_SHEET, ...Object.values(FLEET_SHEETS)]);
  const orgs = fleet.orgs.map((org) => org.name);
  const cover = addFleetCover(workbook);

  const tables: WrittenTable[] = [];
  const orgsTable = table(FLEET_SHEETS.orgs, { columns: ORG_COLUMNS, dateFormats: { collected_at: DATE_TIME } });
  tables.push(await writeTable(workbook, orgsTable, fleet.orgs, EVERY_ROW));
  for (const framework of fleet.frameworks) {
    const rows: ControlRow[] = framework.controls.map((control) => ({ framework, control }));
    tables.push(
      await writeTable(workbook, table(names.claim(framework.id), { columns: controlColumns(orgs) }), rows, EVERY_ROW),
    );
  }
  if (fleet.attack !== null) {
    const attackTable = table(FLEET_SHEETS.attack, { columns: techniqueColumns(orgs) });
    tables.push(await writeTable(workbook, attackTable, fleet.attack.techniques, EVERY_ROW));
  }
  if (fleet.kind === "gap") {
    const actions: ActionRow[] = fleet.orgs.flatMap((org) =>
      org.top_actions.map((action) => ({ org: org.name, action })),
    );
    tables.push(
      await writeTable(workbook, table(FLEET_SHEETS.actions, { columns: ACTION_COLUMNS }), actions, EVERY_ROW),
    );
  }

  fillFleetCover(cover, { title, fleet, versions, tables });
  return file.bytes();
}
