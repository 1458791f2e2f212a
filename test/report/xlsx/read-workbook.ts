/**
 * Reads a workbook back for tests, with libraries other than the one that
 * wrote it: SheetJS for cells and links, and Node's zlib for the raw zip
 * entries (their times, and the XML of frozen panes and filters).
 */
import { inflateRawSync } from "node:zlib";
import XLSX from "xlsx";
import { parseCsv } from "../data/fixtures/parse-csv.js";

export function readWorkbook(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { type: "buffer", cellNF: true });
}

/** A cell as the CSV would hold it, or `{ instant }` for a date cell (ms since the epoch). */
export type ReadCell = string | { instant: number };

const EXCEL_EPOCH_DAYS = 25569;
const DAY_MS = 86_400_000;

export function readCell(cell: XLSX.CellObject | undefined): ReadCell {
  if (cell === undefined) return "";
  if (cell.t === "s") return String(cell.v);
  if (cell.t === "b") return cell.v ? "true" : "false";
  if (cell.t === "n" && typeof cell.z === "string" && cell.z.includes("yy"))
    return { instant: Math.round((Number(cell.v) - EXCEL_EPOCH_DAYS) * DAY_MS) };
  if (cell.t === "n") return String(cell.v);
  throw new Error(`unexpected cell type ${cell.t}`);
}

/** Rows of a sheet from A1 to the last used row, as read cells. */
export function sheetRows(sheet: XLSX.WorkSheet): ReadCell[][] {
  const range = XLSX.utils.decode_range(sheet["!ref"] ?? "A1:A1");
  const rows: ReadCell[][] = [];
  for (let r = range.s.r; r <= range.e.r; r += 1) {
    const row: ReadCell[] = [];
    for (let c = range.s.c; c <= range.e.c; c += 1) row.push(readCell(sheet[XLSX.utils.encode_cell({ r, c })]));
    rows.push(row);
  }
  return rows;
}

/** CSV rows with the formula apostrophe the CSVs add taken off again. */
export function csvRowsWithoutApostrophes(text: string): string[][] {
  return parseCsv(text).map((row) => row.map((cell) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell)));
}

export interface ZipEntry {
  name: string;
  dosTime: number;
  dosDate: number;
  localDosTime: number;
  localDosDate: number;
  text(): string;
}

/** The entries of a zip archive, read from its central directory. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const method = buffer.readUInt16LE(at + 10);
    const compressed = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString("utf8", at + 46, at + 46 + nameLength);
    const dataAt = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(dataAt, dataAt + compressed);
    entries.push({
      name,
      dosTime: buffer.readUInt16LE(at + 12),
      dosDate: buffer.readUInt16LE(at + 14),
      localDosTime: buffer.readUInt16LE(local + 10),
      localDosDate: buffer.readUInt16LE(local + 12),
      text: () => (method === 0 ? data : inflateRawSync(data)).toString("utf8"),
    });
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return entries;
}
