/**
 * CSV files as ddproof writes them: a header row always, RFC 4180 quoting
 * (a cell holding a comma, a quote, LF or CR is quoted, quotes doubled),
 * `\n` line endings, UTF-8 without a byte-order mark (spreadsheets that want
 * one are told to import as UTF-8; a BOM would break hashing and diffs of
 * the first column), and every text cell neutralised (safe-cell.ts).
 *
 * A table is declared once as columns, so a header can never drift from the
 * cells below it.
 */
import { stringify } from "csv-stringify/sync";
import { type CsvCell, safeCell } from "./safe-cell.js";

export interface Column<T> {
  header: string;
  cell(row: T): CsvCell;
}

/** csv-stringify quotes LF by itself, but a lone CR needs asking for. */
const OPTIONS = { record_delimiter: "\n", quoted_match: /\r/ } as const;

/** Rows per call to the stringifier when streaming: few enough calls, small enough batches. */
const BATCH_ROWS = 1000;
/** Streamed chunks are about this many characters (a few hundred KB). */
export const CHUNK_CHARS = 256 * 1024;

function headerOf<T>(columns: readonly Column<T>[]): string[] {
  return columns.map((column) => column.header);
}

function cellsOf<T>(columns: readonly Column<T>[], row: T): string[] {
  return columns.map((column) => safeCell(column.cell(row)));
}

export function csvText<T>(columns: readonly Column<T>[], rows: Iterable<T>): string {
  const records = [headerOf(columns)];
  for (const row of rows) records.push(cellsOf(columns, row));
  return stringify(records, OPTIONS);
}

/**
 * The same file as text chunks of about `chunkChars` characters, reading
 * `rows` as it goes: memory holds one chunk and one batch, whatever the
 * number of rows.
 */
export async function* csvChunks<T>(
  columns: readonly Column<T>[],
  rows: AsyncIterable<T>,
  chunkChars = CHUNK_CHARS,
): AsyncGenerator<string> {
  let pending = stringify([headerOf(columns)], OPTIONS);
  let batch: string[][] = [];
  for await (const row of rows) {
    batch.push(cellsOf(columns, row));
    if (batch.length < BATCH_ROWS) continue;
    pending += stringify(batch, OPTIONS);
    batch = [];
    if (pending.length >= chunkChars) {
      yield pending;
      pending = "";
    }
  }
  if (batch.length > 0) pending += stringify(batch, OPTIONS);
  if (pending.length > 0) yield pending;
}

/** A list in one cell: values joined with `;`. */
export function listCell(values: readonly string[]): string {
  return values.join(";");
}
