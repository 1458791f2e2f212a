/**
 * Cell values as the workbook writes them: the CSV columns' own values with
 * real types. Numbers and booleans stay numbers and booleans, ISO dates in a
 * date column become dates, and every other value is a string cell, never a
 * formula: text starting with `=`, `+`, `-` or `@` is written as it is (no
 * apostrophe, unlike the CSVs), because a string cell is never evaluated.
 */
import type { CsvCell } from "../csv/safe-cell.js";

export type XlsxCell = string | number | boolean | Date | null;

/** Excel refuses cells longer than this; longer text is cut and says so. */
export const MAX_CELL_CHARS = 32_767;
const CUT_NOTE = " … (cut at Excel's cell limit; the CSV holds it whole)";

/** `2026-07-01`, or a date-time with seconds, optional fraction and a zone. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/;

export function textCell(text: string): string {
  return text.length <= MAX_CELL_CHARS ? text : text.slice(0, MAX_CELL_CHARS - CUT_NOTE.length) + CUT_NOTE;
}

/** An ISO date or date-time as an instant (date-only values at UTC midnight), or null. */
export function isoInstant(text: string): Date | null {
  if (!ISO_DATE.test(text)) return null;
  const instant = new Date(text.length === 10 ? `${text}T00:00:00Z` : text);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

export function xlsxCell(value: CsvCell, isDateColumn: boolean): XlsxCell {
  if (value === null) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (isDateColumn) {
    const instant = isoInstant(value);
    if (instant !== null) return instant;
  }
  return value === "" ? null : textCell(value);
}
