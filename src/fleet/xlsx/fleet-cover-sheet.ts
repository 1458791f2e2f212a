/**
 * The fleet workbook's cover: the fleet's period and collection time, how
 * many orgs and which are incomplete, the tool and catalog versions, and
 * every other sheet with its row count, each a link to its sheet.
 */
import type { Worksheet } from "exceljs";
import { isoInstant, type XlsxCell } from "../../report/xlsx/cell.js";
import { COVER_SHEET } from "../../report/xlsx/cover-sheet.js";
import {
  cellTarget,
  DATE_TIME,
  fitWidths,
  headerRow,
  type WorkbookWriter,
  type WrittenTable,
} from "../../report/xlsx/table-sheet.js";
import type { FleetAssessment } from "../schema.js";

export { COVER_SHEET };

/** Added first, so it is the first tab; filled and committed last, when the other sheets' rows are known. */
export function addFleetCover(workbook: WorkbookWriter): Worksheet {
  const sheet = workbook.addWorksheet(COVER_SHEET);
  fitWidths(sheet, [22, 40, 20]);
  return sheet;
}

export interface FleetCoverContent {
  title: string;
  fleet: FleetAssessment;
  versions: Readonly<Record<string, string>>;
  tables: readonly WrittenTable[];
}

export function fillFleetCover(sheet: Worksheet, content: FleetCoverContent): void {
  const { fleet } = content;
  const facts: Array<[string, XlsxCell]> = [
    ["kind", fleet.kind],
    ["orgs", fleet.orgs.length],
    [
      "orgs_incomplete",
      fleet.orgs
        .filter((org) => !org.complete)
        .map((org) => org.name)
        .join(";"),
    ],
    ["period", fleet.period.label],
    ["period_from", isoInstant(fleet.period.from)],
    ["period_to", isoInstant(fleet.period.to)],
    ["period_timezone", fleet.period.timezone],
    ["collected_at", isoInstant(fleet.collected_at)],
    ["complete", fleet.complete],
    ...Object.entries(content.versions).map(([name, version]): [string, XlsxCell] => [`version_${name}`, version]),
  ];
  sheet.addRow([content.title]).font = { bold: true, size: 14 };
  sheet.addRow([
    "Dates and times are in UTC. Text cells are text, never formulas. Fleet status: the worst of the orgs that assess the framework; fleet score: the weakest org's. An empty org cell: that org does not assess it.",
  ]);
  sheet.addRow([]);
  for (const [name, value] of facts) {
    const row = sheet.addRow([name, value]);
    if (value instanceof Date) row.getCell(2).numFmt = DATE_TIME;
  }
  sheet.addRow([]);
  headerRow(sheet, ["sheet", "rows"]);
  for (const table of content.tables) {
    const row = sheet.addRow([table.sheet, table.rows]);
    row.getCell(1).value = { text: table.sheet, hyperlink: cellTarget(table.sheet, 1) };
  }
  sheet.commit();
}
