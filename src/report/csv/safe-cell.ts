/**
 * Turns a value into the text of one CSV cell, neutralising cells a
 * spreadsheet would run as a formula (OWASP "CSV Injection"): a text cell
 * that starts with `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, so
 * `=HYPERLINK("http://x")` in a rule name is shown, never run.
 *
 * Only text is neutralised. A number is written as a number (a negative
 * count stays `-2`), because it cannot carry a formula and a spreadsheet
 * should still sum it. Quoting is csv-stringify's job (write-csv.ts).
 */
export type CsvCell = string | number | boolean | null;

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export function safeCell(value: CsvCell): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "boolean") return value ? "true" : "false";
  return neutralise(value);
}
