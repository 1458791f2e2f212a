/**
 * The cover sheet: which org and period the workbook describes, whether the
 * collection was complete (and which collectors failed), the tool and
 * catalog versions, and every other sheet with its row count, the CSV it
 * mirrors and whether it stops at the row cap.
 */
import type { Worksheet } from "exceljs";
import type { Snapshot } from "../../snapshot/schema.js";
import { isoInstant, type XlsxCell } from "./cell.js";
import {
  cellTarget,
  count,
  DATE_TIME,
  fitWidths,
  headerRow,
  type WorkbookWriter,
  type WrittenTable,
} from "./table-sheet.js";

export const COVER_SHEET = "Cover";

/** Added first, so it is the first tab; filled and committed last, when the other sheets' rows are known. */
export function addCoverSheet(workbook: WorkbookWriter): Worksheet {
  const sheet = workbook.addWorksheet(COVER_SHEET);
  fitWidths(sheet, [18, 40, 28, 50]);
  return sheet;
}

function failedCollectors(snapshot: Snapshot): string {
  return Object.entries(snapshot.collectors)
    .filter(([, part]) => part.status === "error")
    .map(([id]) => id)
    .join(";");
}

export interface CoverContent {
  title: string;
  snapshot: Snapshot;
  versions: Readonly<Record<string, string>>;
  tables: readonly WrittenTable[];
  cap: number;
  /** A line under the sheet list, e.g. where omitted sheets are explained. */
  omitted?: string;
}

export function fillCoverSheet(sheet: Worksheet, content: CoverContent): void {
  const { snapshot } = content;
  const facts: Array<[string, XlsxCell]> = [
    ["organisation", snapshot.org.name ?? ""],
    ["site", snapshot.org.site],
    ["period", snapshot.period.label],
    ["period_from", isoInstant(snapshot.period.from)],
    ["period_to", isoInstant(snapshot.period.to)],
    ["period_timezone", snapshot.period.timezone],
    ["collected_at", isoInstant(snapshot.collected_at)],
    ["complete", snapshot.complete],
    ["collectors_failed", failedCollectors(snapshot)],
    ...Object.entries(content.versions).map(([name, version]): [string, XlsxCell] => [`version_${name}`, version]),
  ];
  sheet.addRow([content.title]).font = { bold: true, size: 14 };
  sheet.addRow(["Dates and times are in UTC. Text cells are text, never formulas."]);
  sheet.addRow([]);
  for (const [name, value] of facts) {
    const row = sheet.addRow([name, value]);
    if (value instanceof Date) row.getCell(2).numFmt = DATE_TIME;
  }
  sheet.addRow([]);
  headerRow(sheet, ["sheet", "rows", "all_rows_in", "note"]);
  for (const table of content.tables) {
    const note = table.capped ? `stops at the row cap of ${count(content.cap)}; the CSV holds every row` : "";
    const row = sheet.addRow([table.sheet, table.rows, table.csvPath, note]);
    row.getCell(1).value = { text: table.sheet, hyperlink: cellTarget(table.sheet, 1) };
  }
  if (content.omitted !== undefined) sheet.addRow([content.omitted]);
  sheet.commit();
}
