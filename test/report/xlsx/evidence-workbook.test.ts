import { afterEach, describe, expect, it, vi } from "vitest";
import type XLSX from "xlsx";
import type { RenderedFile } from "../../../src/report/contract.js";
import { format as attackCoverageCsv } from "../../../src/report/formats/attack-coverage-csv.js";
import { format as controlsCsv } from "../../../src/report/formats/controls-csv.js";
import { EVIDENCE_XLSX, format as evidenceXlsx } from "../../../src/report/formats/evidence-xlsx.js";
import { format as gapsCsv } from "../../../src/report/formats/gaps-csv.js";
import { GAPS_XLSX, format as gapsXlsx } from "../../../src/report/formats/gaps-xlsx.js";
import { format as populationsCsv } from "../../../src/report/formats/populations-csv.js";
import { evidenceWorkbook } from "../../../src/report/xlsx/evidence-workbook.js";
import { dosTimeOf } from "../../../src/report/xlsx/zip-dates.js";
import { FORMULA_NAME, fileText, reportInput, SIGNALS_FILE, signalLine } from "../data/fixtures/report-input.js";
import { csvRowsWithoutApostrophes, type ReadCell, readWorkbook, sheetRows, zipEntries } from "./read-workbook.js";

function bytesOf(files: RenderedFile[], path: string): Uint8Array {
  const file = files.find((candidate) => candidate.path === path);
  if (file === undefined || !("bytes" in file)) throw new Error(`${path} was not rendered as bytes`);
  return file.bytes;
}

async function csvFiles(input = reportInput()): Promise<Map<string, string>> {
  const files = (
    await Promise.all([controlsCsv, attackCoverageCsv, gapsCsv, populationsCsv].map((format) => format.render(input)))
  ).flat();
  return new Map(await Promise.all(files.map(async (file) => [file.path, await fileText(file)] as const)));
}

/** Every cell of the sheet equals the CSV's; a date cell is the instant the CSV's text names. */
function expectSheetEqualsCsv(sheet: XLSX.WorkSheet, csv: string): void {
  const expected = csvRowsWithoutApostrophes(csv);
  const actual = sheetRows(sheet);
  expect(actual).toHaveLength(expected.length);
  actual.forEach((row, r) => {
    expect(row).toHaveLength(expected[r]!.length);
    row.forEach((cell: ReadCell, c) => {
      const want = expected[r]![c]!;
      if (typeof cell === "string") expect(cell, `row ${r + 1}, column ${c + 1}`).toBe(want);
      else expect(cell.instant, `row ${r + 1}, column ${c + 1} (${want})`).toBe(Date.parse(want));
    });
  });
}

const SHEET_CSV: ReadonlyArray<[string, string]> = [
  ["test-fw", "controls-test-fw.csv"],
  ["ATT&CK coverage", "attack-coverage.csv"],
  ["Gaps", "gaps.csv"],
  ["Rules", "populations/rules.csv"],
  ["Agents", "populations/agents.csv"],
  ["Log sources", "populations/log-sources.csv"],
  ["Rule changes", "populations/rule-changes.csv"],
  ["Signals", "populations/signals.csv"],
];

describe("evidence.xlsx", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("holds the cover, each framework, ATT&CK, gaps, evidence and every population, equal to the CSVs cell for cell", async () => {
    const input = reportInput();
    const workbook = readWorkbook(bytesOf(await evidenceXlsx.render(input), EVIDENCE_XLSX));
    expect(workbook.SheetNames).toEqual([
      "Cover",
      "test-fw",
      "ATT&CK coverage",
      "Gaps",
      "Evidence",
      "Rules",
      "Agents",
      "Log sources",
      "Rule changes",
      "Signals",
    ]);
    const csvs = await csvFiles(input);
    for (const [sheet, path] of SHEET_CSV) expectSheetEqualsCsv(workbook.Sheets[sheet]!, csvs.get(path)!);
  });

  it("writes text starting with = as a string cell, never a formula, and counts and dates as typed cells", async () => {
    const bytes = bytesOf(await evidenceXlsx.render(reportInput()), EVIDENCE_XLSX);
    const workbook = readWorkbook(bytes);
    const rules = workbook.Sheets.Rules!;
    const formulaCells = Object.entries(rules).filter(([, cell]) => (cell as XLSX.CellObject).v === FORMULA_NAME);
    expect(formulaCells.length).toBeGreaterThan(0);
    for (const [, cell] of formulaCells) {
      expect(cell).toMatchObject({ t: "s", v: FORMULA_NAME });
      expect("f" in (cell as object)).toBe(false);
    }
    // No formula anywhere in any sheet's XML.
    const sheets = zipEntries(bytes).filter((entry) => entry.name.startsWith("xl/worksheets/sheet"));
    expect(sheets).toHaveLength(10);
    for (const sheet of sheets) expect(sheet.text()).not.toMatch(/<f[ >]/);

    const sources = workbook.Sheets["Log sources"]!;
    expect(sources.C2).toMatchObject({ t: "n" }); // count
    expect(sources.B2).toMatchObject({ t: "n", z: "yyyy-mm-dd" }); // date
    expect(sources.F2).toMatchObject({ t: "b" }); // ingesting
    expect(workbook.Sheets.Agents!.F2).toMatchObject({ t: "n", z: "yyyy-mm-dd hh:mm:ss" });
    expect(workbook.Sheets["ATT&CK coverage"]!.E2).toMatchObject({ t: "n" }); // score
  });

  it("freezes each table's header row, filters it and sizes its columns", async () => {
    const entries = zipEntries(bytesOf(await evidenceXlsx.render(reportInput()), EVIDENCE_XLSX));
    const matrix = entries.find((entry) => entry.name === "xl/worksheets/sheet2.xml")!.text();
    expect(matrix).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    expect(matrix).toContain('<autoFilter ref="A1:Q8"/>');
    // exceljs writes neighbouring columns of one width as one <col min max>, and leaves out
    // columns of its default width (9).
    const widths = Array.from({ length: 17 }, () => 9);
    for (const match of matrix.matchAll(/<col min="(\d+)" max="(\d+)" width="([\d.]+)"/g)) {
      for (let column = Number(match[1]); column <= Number(match[2]); column += 1)
        widths[column - 1] = Number(match[3]);
    }
    expect(matrix.match(/<col /g)!.length).toBeGreaterThan(10);
    // `title` is wider than `parent`, the long reasons reach the cap, and no column is narrower than its header.
    expect(widths[3]).toBeGreaterThan(widths[2]!);
    expect(widths[7]).toBe(60);
    expect(widths[4]).toBeGreaterThanOrEqual("monitoring_relevant".length);
    expect(Math.max(...widths)).toBeLessThanOrEqual(60);
  });

  it("links a control to its rows on the evidence sheet, and a reference to its population row, inside the workbook", async () => {
    const bytes = bytesOf(await evidenceXlsx.render(reportInput()), EVIDENCE_XLSX);
    const workbook = readWorkbook(bytes);
    const matrix = workbook.Sheets["test-fw"]!;
    const evidence = workbook.Sheets.Evidence!;
    // Control 2.1 (row 6) reads okta.
    expect(matrix.B6).toMatchObject({ v: "2.1", l: { Target: expect.stringMatching(/^#'Evidence'!A\d+$/) } });
    const evidenceRow = Number(/A(\d+)$/.exec(matrix.B6!.l!.Target)![1]);
    expect([evidence[`A${evidenceRow}`]?.v, evidence[`B${evidenceRow}`]?.v]).toEqual(["test-fw", "2.1"]);
    const reference = evidence[`C${evidenceRow}`]!;
    expect(reference.v).toBe("source:okta");
    const target = /^#'Log sources'!A(\d+)$/.exec(reference.l!.Target)!;
    expect(workbook.Sheets["Log sources"]![`A${target[1]}`]?.v).toBe("okta");
    // Links inside the workbook need no relationship (Excel for Windows would open it as a file).
    const rels = zipEntries(bytes).filter((entry) => entry.name.startsWith("xl/worksheets/_rels/"));
    for (const rel of rels) expect(rel.text()).not.toContain("hyperlink");
  });

  it("stops a population at the row cap, says so below the table and on the cover, and reads no further", async () => {
    let read = 0;
    const input = reportInput({
      populations: {
        [SIGNALS_FILE]: async function* lines() {
          for (let i = 1; i <= 100; i += 1) {
            read += 1;
            yield signalLine(i);
          }
        },
      },
    });
    const workbook = readWorkbook(await evidenceWorkbook(input, 3));
    const signals = sheetRows(workbook.Sheets.Signals!);
    expect(signals).toHaveLength(1 + 3 + 2);
    expect(signals[5]![0]).toBe(
      `This sheet stops at 3 rows of ${(input.snapshot.collectors.signals as { data: { total: number } }).data.total}; populations/signals.csv holds every row.`,
    );
    expect(workbook.Sheets.Signals!["!autofilter"]).toEqual({ ref: "A1:H4" });
    expect(read).toBe(4);
    const cover = sheetRows(workbook.Sheets.Cover!);
    expect(cover).toContainEqual([
      "Signals",
      "3",
      "populations/signals.csv",
      "stops at the row cap of 3; the CSV holds every row",
    ]);
  });

  it("gives the same bytes for the same snapshot at any wall-clock time, dated from the collection", async () => {
    const input = reportInput({ collectedAt: "2026-10-01T06:00:07Z" });
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2030-01-02T03:04:05Z"));
    const first = bytesOf(await evidenceXlsx.render(input), EVIDENCE_XLSX);
    vi.setSystemTime(new Date("2031-06-07T08:09:10Z"));
    const second = bytesOf(await evidenceXlsx.render(input), EVIDENCE_XLSX);
    vi.useRealTimers();
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);

    const { time, date } = dosTimeOf(new Date("2026-10-01T06:00:07Z"));
    const entries = zipEntries(first);
    expect(entries.length).toBeGreaterThan(10);
    for (const entry of entries) {
      expect([entry.dosTime, entry.dosDate, entry.localDosTime, entry.localDosDate], entry.name).toEqual([
        time,
        date,
        time,
        date,
      ]);
    }
    const core = entries.find((entry) => entry.name === "docProps/core.xml")!.text();
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-10-01T06:00:07Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-10-01T06:00:07Z</dcterms:modified>');
  });

  it("has a cover naming the org, the period, completeness and versions", async () => {
    const input = reportInput();
    const cover = sheetRows(readWorkbook(bytesOf(await evidenceXlsx.render(input), EVIDENCE_XLSX)).Sheets.Cover!);
    const facts = new Map(cover.map((row) => [row[0], row[1]]));
    expect(facts.get("site")).toBe(input.snapshot.org.site);
    expect(facts.get("period")).toBe(input.snapshot.period.label);
    expect(facts.get("period_from")).toEqual({ instant: Date.parse(input.snapshot.period.from) });
    expect(facts.get("collected_at")).toEqual({ instant: Date.parse(input.snapshot.collected_at) });
    expect(facts.get("complete")).toBe(String(input.snapshot.complete));
    expect(facts.get("version_ddproof")).toBe("0.1.0");
    expect(facts.get("version_mitre-attack")).toBe("18.1");
  });
});

describe("gaps.xlsx", () => {
  it("holds a cover and the gaps, equal to gaps.csv cell for cell", async () => {
    const input = reportInput();
    const workbook = readWorkbook(bytesOf(await gapsXlsx.render(input), GAPS_XLSX));
    expect(workbook.SheetNames).toEqual(["Cover", "Gaps"]);
    expectSheetEqualsCsv(workbook.Sheets.Gaps!, (await csvFiles(input)).get("gaps.csv")!);
  });
});
