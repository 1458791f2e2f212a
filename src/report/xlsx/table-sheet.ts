/**
 * One table of a workbook on its own sheet: the columns of the CSV it
 * mirrors (the same `Column` declarations, so the two cannot disagree),
 * typed cells, a frozen header row, an autofilter over the rows, column
 * widths that fit the longest value, and at most `cap` rows. Beyond the cap
 * the sheet says, below the table, how many rows it left out and which CSV
 * holds them all.
 */
import type { Workbook, Worksheet } from "exceljs";
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

export function fitWidths(sheet: Worksheet, widths: readonly number[]): void {
  widths.forEach((width, index) => {
    sheet.getColumn(index + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, width + 2));
  });
}

export function headerRow(sheet: Worksheet, headers: readonly string[]): void {
  sheet.addRow([...headers]).font = { bold: true };
}

/**
 * Writes the table, reading rows until the cap (and one more, to know that
 * there are more): a streamed population is never read to its end.
 */
export async function writeTable<T>(
  workbook: Workbook,
  table: SheetTable<T>,
  rows: Iterable<T> | AsyncIterable<T>,
  cap: number,
  totalRows: number | null = null,
): Promise<WrittenTable> {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: "frozen", ySplit: 1 }] });
  const headers = table.columns.map((column) => column.header);
  const formats = headers.map((header) => table.dateFormats?.[header]);
  const linkColumn = table.link === undefined ? -1 : headers.indexOf(table.link.header);
  const widths = headers.map((header) => header.length);
  headerRow(sheet, headers);
  let written = 0;
  let capped = false;
  for await (const row of rows) {
    if (written === cap) {
      capped = true;
      break;
    }
    const values = table.columns.map((column, index) => xlsxCell(column.cell(row), formats[index] !== undefined));
    values.forEach((value, index) => {
      widths[index] = Math.max(widths[index]!, widthOf(value, formats[index]));
    });
    const added = sheet.addRow(values);
    formats.forEach((format, index) => {
      if (format !== undefined && values[index] instanceof Date) added.getCell(index + 1).numFmt = format;
    });
    const target = linkColumn < 0 ? null : table.link!.target(row);
    const text = values[linkColumn];
    if (target !== null && typeof text === "string") {
      const cell = added.getCell(linkColumn + 1);
      cell.value = { text, hyperlink: target };
      cell.font = LINK_FONT;
    }
    written += 1;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: written + 1, column: headers.length } };
  fitWidths(sheet, widths);
  if (capped) {
    const of = totalRows === null ? "" : ` of ${count(totalRows)}`;
    sheet.addRow([]);
    sheet.addRow([`This sheet stops at ${count(cap)} rows${of}; ${table.csvPath} holds every row.`]).font = {
      italic: true,
    };
  }
  return { sheet: table.sheet, csvPath: table.csvPath, rows: written, capped };
}
