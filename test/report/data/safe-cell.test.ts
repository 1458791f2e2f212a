import { describe, expect, it } from "vitest";
import { type CsvCell, safeCell } from "../../../src/report/csv/safe-cell.js";
import { csvText } from "../../../src/report/csv/write-csv.js";

describe("safeCell", () => {
  it.each<[CsvCell, string]>([
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["@SUM(1)", "'@SUM(1)"],
    ["+1", "'+1"],
    ["-2+3", "'-2+3"],
    ["\t=1", "'\t=1"],
    ["\r=1", "'\r=1"],
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ["-mallory", "'-mallory"],
    // Only the first character counts: formulas elsewhere in a cell do not run.
    ["a=1", "a=1"],
    [" =1", " =1"],
    ["plain text", "plain text"],
    ["", ""],
    // Numbers are numbers, negative or not.
    [-2, "-2"],
    [3.5, "3.5"],
    [0, "0"],
    [Number.NaN, ""],
    [true, "true"],
    [false, "false"],
    [null, ""],
  ])("%j → %j", (value, expected) => {
    expect(safeCell(value)).toBe(expected);
  });
});

describe("csvText", () => {
  const columns = [
    { header: "name", cell: (row: { name: string; count: number }) => row.name },
    { header: "count", cell: (row: { name: string; count: number }) => row.count },
  ];

  it("writes a header, RFC 4180 quoting, \\n line endings and no BOM", () => {
    const text = csvText(columns, [
      { name: 'say "hi", twice', count: 1 },
      { name: "two\nlines", count: -4 },
      { name: "carriage\rreturn", count: 0 },
      { name: "=1+1", count: 2 },
    ]);
    expect(text).toBe('name,count\n"say ""hi"", twice",1\n"two\nlines",-4\n"carriage\rreturn",0\n\'=1+1,2\n');
    expect(text.charCodeAt(0)).not.toBe(0xfeff);
    expect(text).not.toContain("\r\n");
  });

  it("writes the header even when there are no rows", () => {
    expect(csvText(columns, [])).toBe("name,count\n");
  });
});
