/**
 * One table of a workbook on its own sheet: the columns of the CSV it
 * mirrors (the same `Column` declarations, so the two cannot disagree),
 * typed cells, a frozen header row, an autofilter over the rows, column
 * widths that fit the longest value, and at most `cap` rows. Beyond the cap
 * the sheet says, below the table, how many rows it left out and which CSV
 * holds them all.
 *
 * The streaming writer puts column widths before the rows, so the rows (at
 * most `cap`) are turned into cells first, measured, then written and
 * committed one by one.
 */
import type { stream, Worksheet } from "exceljs";
import type { Column } from "../csv/write-csv.js";
import { type XlsxCell, xlsxCell } from "./cell.js";

export interface SheetTable<T> {
  sheet: string;
  columns: readonly Column<T>[];
  /** Columns holding ISO dates, by header, with the number format that shows them. */
  dateFormats?: Readonly<Record<string, string>>;
  /** The pack file with every row. */
  csvPath: string;
  /** A link from one cell of a row (by its column's header) to a place in the workbook. */
  link?: { header: string; target(row: T): string | null };
}

/** What a table sheet holds, for the cover. */
export interface WrittenTable {
  sheet: string;
  csvPath: string;
  rows: number;
  /** True when the sheet stopped at the cap and only the CSV holds every row. */
  capped: boolean;
}

export const DATE_TIME = "yyyy-mm-dd hh:mm:ss";
export const DATE_ONLY = "yyyy-mm-dd";

/** Thousands separated, the same on every machine. */
export const count = (value: number) => value.toLocaleString("en-US");

const MIN_WIDTH = 8;
const MAX_WIDTH = 60;
const LINK_FONT = { color: { argb: "FF0563C1" }, underline: true } as const;

/** `'Log sources'!A12`: a cell of a sheet as a link target. */
export function cellTarget(sheet: string, row: number, column = "A"): string {
  return `'${sheet.replaceAll("'", "''")}'!${column}${row}`;
}

function widthOf(value: XlsxCell, dateFormat: string | undefined): number {
  if (value === null) return 0;
  if (value instanceof Date) return (dateFormat ?? DATE_TIME).length;
  // Only the first line counts: a multi-line cell grows downwards.
  return String(value).split("\n", 1)[0]!.length;
}

export type WorkbookWriter = stream.xlsx.WorkbookWriter;

export function fitWidths(sheet: Worksheet, widths: readonly number[]): void {
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
}

export function headerRow(sheet: Worksheet, headers: readonly string[]): void {
  const row = sheet.addRow([...headers]);
  row.font = { bold: true };
  row.commit();
}

/**
 * Writes the table, reading rows until the cap (and one more, to know that
 * there are more): a streamed population is never read to its end.
 */
export async function writeTable<T>(
  workbook: WorkbookWriter,
  table: SheetTable<T>,
  rows: Iterable<T> | AsyncIterable<T>,
  cap: number,
  totalRows: number | null = null,
): Promise<WrittenTable> {
  const headers = table.columns.map((column) => column.header);
  const formats = headers.map((header) => table.dateFormats?.[header]);
  const linkColumn = table.link === undefined ? -1 : headers.indexOf(table.link.header);
  const widths = headers.map((header) => header.length);
  const pending: Array<{ values: XlsxCell[]; target: string | null }> = [];
  let capped = false;
  for await (const row of rows) {
    if (pending.length === cap) {
      capped = true;
      break;
    }
    const values = table.columns.map((column, index) => xlsxCell(column.cell(row), formats[index] !== undefined));
    values.forEach((value, index) => {
      widths[index] = Math.max(widths[index]!, widthOf(value, formats[index]));
    });
    pending.push({ values, target: linkColumn < 0 ? null : table.link!.target(row) });
  }

  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  fitWidths(sheet, widths);
  headerRow(sheet, headers);
  for (const { values, target } of pending) {
    const added = sheet.addRow(values);
    formats.forEach((format, index) => {
      if (format !== undefined && values[index] instanceof Date) added.getCell(index + 1).numFmt = format;
    });
    const text = values[linkColumn];
    if (target !== null && typeof text === "string") {
      const cell = added.getCell(linkColumn + 1);
      cell.value = { text, hyperlink: target };
      cell.font = LINK_FONT;
    }
    added.commit();
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: pending.length + 1, column: headers.length } };
  if (capped) {
    const of = totalRows === null ? "" : ` of ${count(totalRows)}`;
    sheet.addRow([]).commit();
    const note = sheet.addRow([`This sheet stops at ${count(cap)} rows${of}; ${table.csvPath} holds every row.`]);
    note.font = { italic: true };
    note.commit();
  }
  sheet.commit();
  return { sheet: table.sheet, csvPath: table.csvPath, rows: pending.length, capped };
}
