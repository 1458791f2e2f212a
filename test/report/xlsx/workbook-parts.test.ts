/**
 * The workbook's parts, pinned value for value: typed cells and the cell
 * limit, sheet names, DOS times and their rewrite in a zip archive (and its
 * refusals), and a table sheet and a cover sheet written by the streaming
 * writer and read back: widths, frozen header, filter, cap note, links and
 * date formats.
 */
import { describe, expect, it } from "vitest";
import type { Column } from "../../../src/report/csv/write-csv.js";
import { isoInstant, MAX_CELL_CHARS, textCell, xlsxCell } from "../../../src/report/xlsx/cell.js";
import { addCoverSheet, COVER_SHEET, fillCoverSheet } from "../../../src/report/xlsx/cover-sheet.js";
import { SheetNames } from "../../../src/report/xlsx/sheet-names.js";
import {
  cellTarget,
  count,
  DATE_ONLY,
  DATE_TIME,
  type SheetTable,
  writeTable,
} from "../../../src/report/xlsx/table-sheet.js";
import { newWorkbook } from "../../../src/report/xlsx/workbook-file.js";
import { dosTimeOf, setZipEntryTimes } from "../../../src/report/xlsx/zip-dates.js";
import { reportInput } from "../data/fixtures/report-input.js";
import { readWorkbook, sheetRows, zipEntries } from "./read-workbook.js";

const CUT_NOTE = " … (cut at Excel's cell limit; the CSV holds it whole)";

describe("cells", () => {
  it("keeps text up to Excel's limit and cuts longer text, saying so, to exactly the limit", () => {
    expect(MAX_CELL_CHARS).toBe(32_767);
    const limit = "x".repeat(32_767);
    expect(textCell(limit)).toBe(limit);
    const cut = textCell(`${limit}y`);
    expect(cut).toHaveLength(32_767);
    expect(cut).toBe(`${"x".repeat(32_767 - CUT_NOTE.length)}${CUT_NOTE}`);
  });

  it("reads ISO dates and date-times, date-only at UTC midnight, and nothing else", () => {
    expect(isoInstant("2026-07-01")).toEqual(new Date("2026-07-01T00:00:00Z"));
    expect(isoInstant("2026-07-01T06:30Z")).toEqual(new Date("2026-07-01T06:30:00Z"));
    expect(isoInstant("2026-07-01T06:30:15.250+02:00")).toEqual(new Date("2026-07-01T04:30:15.250Z"));
    expect(isoInstant("2026-07-01T06:30:15-0130")).toEqual(new Date("2026-07-01T08:00:15Z"));
    for (const text of [
      "2026-07-01 06:30:00Z",
      "2026-07-01T06:30",
      "x2026-07-01",
      "2026-07-01x",
      "2026-7-01",
      "2026-07-01T06Z",
      "2026-07-01T06:30:15.Z",
      "2026-13-45",
      "",
    ])
      expect(isoInstant(text), text).toBeNull();
  });

  it("types numbers, booleans and dates, leaves empty text and non-finite numbers empty, and never writes a formula", () => {
    expect(xlsxCell(null, false)).toBeNull();
    expect(xlsxCell(3.5, false)).toBe(3.5);
    expect(xlsxCell(0, true)).toBe(0);
    expect(xlsxCell(Number.NaN, false)).toBeNull();
    expect(xlsxCell(Number.POSITIVE_INFINITY, false)).toBeNull();
    expect(xlsxCell(false, false)).toBe(false);
    expect(xlsxCell(true, true)).toBe(true);
    expect(xlsxCell("2026-07-01", true)).toEqual(new Date("2026-07-01T00:00:00Z"));
    expect(xlsxCell("2026-07-01", false)).toBe("2026-07-01");
    expect(xlsxCell("soon", true)).toBe("soon");
    expect(xlsxCell("", true)).toBeNull();
    expect(xlsxCell("", false)).toBeNull();
    expect(xlsxCell("=1+1", false)).toBe("=1+1");
    expect(xlsxCell("y".repeat(40_000), false)).toHaveLength(32_767);
  });
});

describe("sheet names", () => {
  it("replaces forbidden characters, trims apostrophes, cuts at 31 and numbers repeats without regard to case", () => {
    const names = new SheetNames(["Cover", "Gaps"]);
    expect(names.claim("a[b]c:d*e?f/g\\h")).toBe("a-b-c-d-e-f-g-h");
    expect(names.claim("''quoted''")).toBe("quoted");
    expect(names.claim("it's")).toBe("it's");
    expect(names.claim("gaps")).toBe("gaps (2)");
    expect(names.claim("GAPS")).toBe("GAPS (3)");
    expect(names.claim("cover")).toBe("cover (2)");
    expect(names.claim("'''")).toBe("sheet");
    expect(names.claim("")).toBe("sheet (2)");
    const long = "abcdefghijklmnopqrstuvwxyz0123456789";
    expect(names.claim(long)).toBe(long.slice(0, 31));
    expect(names.claim(long)).toBe(`${long.slice(0, 27)} (2)`);
    expect(names.claim(long.toUpperCase())).toBe(`${long.toUpperCase().slice(0, 27)} (3)`);
  });
});

/** A zip archive of stored entries, each with the given extra field and comment, and an archive comment. */
function zip(entries: Array<{ name: string; extra?: number; comment?: number }>, archiveComment = 0): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const local = Buffer.alloc(30 + name.length);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(0x1111, 10);
    local.writeUInt16LE(0x2222, 12);
    local.writeUInt16LE(name.length, 26);
    name.copy(local, 30);
    const central = Buffer.alloc(46 + name.length + (entry.extra ?? 0) + (entry.comment ?? 0));
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(0x1111, 12);
    central.writeUInt16LE(0x2222, 14);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(entry.extra ?? 0, 30);
    central.writeUInt16LE(entry.comment ?? 0, 32);
    central.writeUInt32LE(offset, 42);
    name.copy(central, 46);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22 + archiveComment);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  eocd.writeUInt32LE(offset, 16);
  eocd.writeUInt16LE(archiveComment, 20);
  return new Uint8Array(Buffer.concat([...locals, directory, eocd]));
}

describe("zip entry times", () => {
  it("encodes DOS time and date in UTC, at two-second resolution, with years from 1980 to 2107", () => {
    expect(dosTimeOf(new Date("2026-10-01T06:00:07Z"))).toEqual({
      time: (6 << 11) | (0 << 5) | 3,
      date: (46 << 9) | (10 << 5) | 1,
    });
    expect(dosTimeOf(new Date("2026-12-31T23:59:59Z"))).toEqual({
      time: (23 << 11) | (59 << 5) | 29,
      date: (46 << 9) | (12 << 5) | 31,
    });
    expect(dosTimeOf(new Date("1970-01-01T00:00:00Z"))).toEqual({ time: 0, date: (0 << 9) | (1 << 5) | 1 });
    expect(dosTimeOf(new Date("2200-06-15T00:00:00Z")).date).toBe((127 << 9) | (6 << 5) | 15);
    expect(dosTimeOf(new Date("2107-06-15T00:00:00Z")).date).toBe((127 << 9) | (6 << 5) | 15);
    expect(dosTimeOf(new Date("1980-06-15T00:00:00Z")).date).toBe((0 << 9) | (6 << 5) | 15);
  });

  it("rewrites every central entry and local header, past names, extra fields and comments", () => {
    const bytes = zip(
      [
        { name: "a.xml", extra: 4, comment: 3 },
        { name: "bb/c.xml", extra: 0, comment: 7 },
        { name: "d", extra: 9 },
      ],
      5,
    );
    const instant = new Date("2026-10-01T06:00:07Z");
    const { time, date } = dosTimeOf(instant);
    expect(setZipEntryTimes(bytes, instant)).toBe(bytes);
    const entries = zipEntries(bytes);
    expect(entries.map((entry) => entry.name)).toEqual(["a.xml", "bb/c.xml", "d"]);
    for (const entry of entries)
      expect([entry.dosTime, entry.dosDate, entry.localDosTime, entry.localDosDate], entry.name).toEqual([
        time,
        date,
        time,
        date,
      ]);
  });

  it("works on a view into a larger buffer, and on an archive with a long comment", () => {
    const inner = zip([{ name: "x" }], 300);
    const outer = new Uint8Array(inner.length + 10);
    outer.set(inner, 10);
    const view = outer.subarray(10);
    setZipEntryTimes(view, new Date("2026-10-01T06:00:07Z"));
    expect(zipEntries(view)[0]!.dosTime).toBe(dosTimeOf(new Date("2026-10-01T06:00:07Z")).time);
  });

  it("refuses an archive without its records, naming what is missing and where", () => {
    const when = new Date("2026-10-01T06:00:07Z");
    expect(() => setZipEntryTimes(new Uint8Array(100), when)).toThrow(
      "the workbook's zip archive has no end-of-central-directory record",
    );
    expect(() => setZipEntryTimes(new Uint8Array(10), when)).toThrow(
      "the workbook's zip archive has no end-of-central-directory record",
    );
    const badCentral = zip([{ name: "a" }]);
    Buffer.from(badCentral.buffer).writeUInt32LE(0, 31);
    expect(() => setZipEntryTimes(badCentral, when)).toThrow(
      "the workbook's zip archive has no central directory entry at byte 31",
    );
    const badLocal = zip([{ name: "a" }]);
    Buffer.from(badLocal.buffer).writeUInt32LE(0, 0);
    expect(() => setZipEntryTimes(badLocal, when)).toThrow(
      "the workbook's zip archive has no local file header at byte 0",
    );
    // A directory offset past the end.
    const past = zip([{ name: "a" }]);
    Buffer.from(past.buffer).writeUInt32LE(past.length - 2, past.length - 22 + 16);
    expect(() => setZipEntryTimes(past, when)).toThrow(
      `the workbook's zip archive has no central directory entry at byte ${past.length - 2}`,
    );
  });
});

interface Row {
  name: string;
  when: string;
  day: string;
  size: number;
}

const COLUMNS: readonly Column<Row>[] = [
  { header: "name", cell: (row) => row.name },
  { header: "when", cell: (row) => row.when },
  { header: "day", cell: (row) => row.day },
  { header: "size", cell: (row) => row.size },
];

const ROWS: Row[] = [
  { name: "first\nsecond line that is long", when: "2026-07-01T06:00:00Z", day: "2026-07-01", size: 1 },
  { name: "x".repeat(80), when: "not a date", day: "2026-07-02", size: 22 },
  { name: "it's", when: "2026-07-03T06:00:00Z", day: "", size: 333 },
];

async function written(table: Partial<SheetTable<Row>>, rows: Row[], cap: number, total: number | null = null) {
  const file = newWorkbook(new Date("2026-10-01T06:00:07Z"));
  const result = await writeTable(
    file.workbook,
    { sheet: "Table's", columns: COLUMNS, csvPath: "t.csv", ...table },
    rows,
    cap,
    total,
  );
  const bytes = await file.bytes();
  const xml = zipEntries(bytes)
    .find((entry) => entry.name === "xl/worksheets/sheet1.xml")!
    .text();
  return { result, bytes, xml, sheet: readWorkbook(bytes).Sheets["Table's"]! };
}

/** Column widths as written (exceljs joins neighbours of one width and leaves out its default of 9). */
function widths(xml: string, columns: number): number[] {
  const out = Array.from({ length: columns }, () => 9);
  for (const match of xml.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g))
    for (let column = Number(match[1]); column <= Number(match[2]); column += 1) out[column - 1] = Number(match[3]);
  return out;
}

describe("a table sheet", () => {
  it("names a cell as a link target, quoting the sheet, and prints counts the same everywhere", () => {
    expect(cellTarget("It's", 12)).toBe("'It''s'!A12");
    expect(cellTarget("Gaps", 2, "C")).toBe("'Gaps'!C2");
    expect(count(1234567)).toBe("1,234,567");
    expect(DATE_TIME).toBe("yyyy-mm-dd hh:mm:ss");
    expect(DATE_ONLY).toBe("yyyy-mm-dd");
  });

  it("writes typed cells under a bold frozen header, filtered, with widths from the first line of the longest value", async () => {
    const { result, xml, sheet } = await written({ dateFormats: { when: DATE_TIME, day: DATE_ONLY } }, ROWS, 10);
    expect(result).toEqual({ sheet: "Table's", csvPath: "t.csv", rows: 3, capped: false });
    expect(xml).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(xml).toContain('<autoFilter ref="A1:D4"/>');
    // name: 80 characters → the cap of 60; when: the date format's 19 + 2; day: 10 + 2 → 12; size: the header's 4 + 2 → the floor of 8.
    expect(widths(xml, 4)).toEqual([60, 21, 12, 8]);
    expect(sheetRows(sheet)).toEqual([
      ["name", "when", "day", "size"],
      [
        "first\nsecond line that is long",
        { instant: Date.parse("2026-07-01T06:00:00Z") },
        { instant: Date.parse("2026-07-01") },
        "1",
      ],
      ["x".repeat(80), "not a date", { instant: Date.parse("2026-07-02") }, "22"],
      ["it's", { instant: Date.parse("2026-07-03T06:00:00Z") }, "", "333"],
    ]);
    expect(sheet.B2).toMatchObject({ t: "n", z: DATE_TIME });
    expect(sheet.C2).toMatchObject({ t: "n", z: DATE_ONLY });
    expect(sheet.B3).toMatchObject({ t: "s" });
    expect(xml).toMatch(/<c r="A1" s="(\d+)"/);
    expect(xml).not.toMatch(/<c r="A2" s=/);
  });

  it("measures only the first line of a multi-line value, and a date by its format", async () => {
    const rows = [{ name: "ab\nabcdefghijklmnopqrstuvwxyz", when: "2026-07-01T06:00:00Z", day: "", size: 1 }];
    const { xml } = await written({ dateFormats: { when: DATE_ONLY } }, rows, 10);
    expect(widths(xml, 4)).toEqual([8, 12, 8, 8]);
    const undated = await written({}, rows, 10);
    expect(widths(undated.xml, 4)).toEqual([8, 22, 8, 8]);
  });

  it("stops at the cap, reading one row more, and says below the table how many rows the CSV holds", async () => {
    let read = 0;
    async function* rows() {
      for (const row of [...ROWS, ...ROWS]) {
        read += 1;
        yield row;
      }
    }
    const { result, sheet, xml } = await written({}, rows() as unknown as Row[], 2, 2500);
    expect(read).toBe(3);
    expect(result).toEqual({ sheet: "Table's", csvPath: "t.csv", rows: 2, capped: true });
    expect(xml).toContain('<autoFilter ref="A1:D3"/>');
    const all = sheetRows(sheet);
    expect(all).toHaveLength(5);
    expect(all[3]).toEqual(["", "", "", ""]);
    expect(all[4]![0]).toBe("This sheet stops at 2 rows of 2,500; t.csv holds every row.");
    const unknownTotal = await written({}, ROWS, 1);
    expect(sheetRows(unknownTotal.sheet)[3]![0]).toBe("This sheet stops at 1 rows; t.csv holds every row.");
    const exact = await written({}, ROWS, 3);
    expect(exact.result.capped).toBe(false);
    expect(sheetRows(exact.sheet)).toHaveLength(4);
  });

  it("links a column's text cells to their targets inside the workbook, blue and underlined", async () => {
    const { sheet, xml, bytes } = await written(
      {
        link: {
          header: "name",
          target: (row) => (row.size === 22 ? null : `'Other'!A${row.size + 1}`),
        },
      },
      ROWS,
      10,
    );
    expect(sheet.A2!.l?.Target).toBe("#'Other'!A2");
    expect(sheet.A3!.l).toBeUndefined();
    expect(sheet.A4!.l?.Target).toBe("#'Other'!A334");
    expect(xml).toContain(
      '<hyperlinks><hyperlink ref="A2" location="&apos;Other&apos;!A2"/><hyperlink ref="A4" location="&apos;Other&apos;!A334"/></hyperlinks>',
    );
    const rels = zipEntries(bytes).filter((entry) => entry.name.startsWith("xl/worksheets/_rels/"));
    for (const rel of rels) expect(rel.text()).not.toContain("hyperlink");
    const styles = zipEntries(bytes)
      .find((entry) => entry.name === "xl/styles.xml")!
      .text();
    expect(styles).toMatch(/<font><u\/><sz val="11"\/><color rgb="FF0563C1"\/>|<color rgb="FF0563C1"\/>/);
    // A number in the link column is not linked.
    const numbers = await written({ link: { header: "size", target: () => "'Other'!A1" } }, ROWS, 10);
    expect(numbers.sheet.D2!.l).toBeUndefined();
  });

  it("leaves an external link to exceljs, with its relationship", async () => {
    const { sheet, bytes } = await written(
      { link: { header: "name", target: () => "https://example.com/x" } },
      ROWS,
      1,
    );
    expect(sheet.A2!.l?.Target).toBe("https://example.com/x");
    const rels = zipEntries(bytes)
      .find((entry) => entry.name === "xl/worksheets/_rels/sheet1.xml.rels")!
      .text();
    expect(rels).toContain('Target="https://example.com/x"');
    expect(rels).toContain('TargetMode="External"');
  });
});

describe("the cover sheet", () => {
  it("lists the facts, the versions and each sheet with its rows, CSV and cap note, each sheet linked", async () => {
    const input = reportInput();
    const file = newWorkbook(new Date(input.snapshot.collected_at));
    const cover = addCoverSheet(file.workbook);
    expect(COVER_SHEET).toBe("Cover");
    const snapshot = structuredClone(input.snapshot);
    snapshot.org.name = null;
    snapshot.complete = false;
    const { data: _, ...meta } = snapshot.collectors.signals as { data: unknown };
    snapshot.collectors.signals = { ...meta, status: "error", error: "x" } as never;
    const { data: __, ...auditMeta } = snapshot.collectors.audit as { data: unknown };
    snapshot.collectors.audit = { ...auditMeta, status: "error", error: "y" } as never;
    fillCoverSheet(cover, {
      title: "ddproof test workbook",
      snapshot,
      versions: { ddproof: "0.1.0", "mitre-attack": "18.1" },
      tables: [
        { sheet: "Gaps", csvPath: "gaps.csv", rows: 7, capped: false },
        { sheet: "Signals", csvPath: "populations/signals.csv", rows: 25000, capped: true },
      ],
      cap: 25000,
      omitted: "Some sheets are left out.",
    });
    const bytes = await file.bytes();
    const sheet = readWorkbook(bytes).Sheets.Cover!;
    expect(sheetRows(sheet)).toEqual([
      ["ddproof test workbook", "", "", ""],
      ["Dates and times are in UTC. Text cells are text, never formulas.", "", "", ""],
      ["", "", "", ""],
      ["organisation", "", "", ""],
      ["site", "datadoghq.com", "", ""],
      ["period", "2026-Q3", "", ""],
      ["period_from", { instant: Date.parse("2026-07-01T00:00:00Z") }, "", ""],
      ["period_to", { instant: Date.parse("2026-10-01T00:00:00Z") }, "", ""],
      ["period_timezone", "UTC", "", ""],
      ["collected_at", { instant: Date.parse(input.snapshot.collected_at) }, "", ""],
      ["complete", "false", "", ""],
      ["collectors_failed", "signals;audit", "", ""],
      ["version_ddproof", "0.1.0", "", ""],
      ["version_mitre-attack", "18.1", "", ""],
      ["", "", "", ""],
      ["sheet", "rows", "all_rows_in", "note"],
      ["Gaps", "7", "gaps.csv", ""],
      ["Signals", "25000", "populations/signals.csv", "stops at the row cap of 25,000; the CSV holds every row"],
      ["Some sheets are left out.", "", "", ""],
    ]);
    expect(sheet.B7).toMatchObject({ z: DATE_TIME });
    expect(sheet.A17!.l?.Target).toBe("#'Gaps'!A1");
    expect(sheet.A18!.l?.Target).toBe("#'Signals'!A1");
    const xml = zipEntries(bytes)
      .find((entry) => entry.name === "xl/worksheets/sheet1.xml")!
      .text();
    expect(widths(xml, 4)).toEqual([20, 42, 30, 52]);
    const styles = zipEntries(bytes)
      .find((entry) => entry.name === "xl/styles.xml")!
      .text();
    expect(styles).toContain('<sz val="14"/>');
  });

  it("names the org and adds no line under the list unless told", async () => {
    const input = reportInput();
    const file = newWorkbook(new Date(input.snapshot.collected_at));
    fillCoverSheet(addCoverSheet(file.workbook), {
      title: "t",
      snapshot: input.snapshot,
      versions: {},
      tables: [],
      cap: 1,
    });
    const rows = sheetRows(readWorkbook(await file.bytes()).Sheets.Cover!);
    expect(rows[3]![1]).toBe("Test org");
    expect(rows.at(-1)).toEqual(["sheet", "rows", "all_rows_in", "note"]);
    expect(rows.find((row) => row[0] === "collectors_failed")![1]).toBe("");
  });
});
