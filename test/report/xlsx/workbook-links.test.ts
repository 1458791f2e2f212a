/**
 * evidence.xlsx's links and sheet names beyond the shared fixture: a log
 * source's reference landing on its first day, rule and host references,
 * links that stop where a sheet's row cap does, two frameworks side by side
 * and frameworks named like the workbook's own sheets.
 */
import { describe, expect, it } from "vitest";
import type XLSX from "xlsx";
import type { ReportInput } from "../../../src/report/contract.js";
import { evidenceWorkbook, SHEETS } from "../../../src/report/xlsx/evidence-workbook.js";
import { reportInput } from "../data/fixtures/report-input.js";
import { frameworksInput } from "./frameworks-input.js";
import { readWorkbook, sheetRows } from "./read-workbook.js";

async function workbookOf(input: ReportInput, cap?: number): Promise<XLSX.WorkBook> {
  return readWorkbook(await evidenceWorkbook(input, cap));
}

/** Each cell of one column, from the second row, as `text → link target` (`-` for no link). */
function linksOf(sheet: XLSX.WorkSheet, column: string): string[] {
  const rows = sheetRows(sheet).length;
  return Array.from({ length: rows - 1 }, (_, index) => {
    const cell = sheet[`${column}${index + 2}`];
    return `${cell?.v ?? ""} → ${cell?.l?.Target ?? "-"}`;
  });
}

describe("evidence.xlsx links", () => {
  it("links a log source's reference to the source's first day of the period", async () => {
    const input = reportInput();
    const workbook = await workbookOf(input);
    const okta = linksOf(workbook.Sheets.Evidence!, "C").find((link) => link.startsWith("source:okta"));
    // cloudtrail's 92 days come first, so okta's first day is row 94.
    expect(okta).toBe("source:okta → #'Log sources'!A94");
    expect(sheetRows(workbook.Sheets["Log sources"]!)[93]!.slice(0, 2)).toEqual([
      "okta",
      { instant: Date.parse(input.snapshot.period.from) },
    ]);
  });

  it("links a reference to its population row only when the sheet holds that row", async () => {
    // At 3 rows, the log sources sheet holds cloudtrail's first three days and none of okta's.
    const workbook = await workbookOf(reportInput(), 3);
    expect(linksOf(workbook.Sheets.Evidence!, "C").slice(0, 3)).toEqual([
      "source:cloudtrail → #'Log sources'!A2",
      "query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z → -",
      "source:okta → -",
    ]);
  });

  it("links rule and host references to their rows on the Rules and Agents sheets", async () => {
    const workbook = await workbookOf(frameworksInput(["test-fw"]));
    expect(linksOf(workbook.Sheets.Evidence!, "C")).toEqual([
      "rule:r-valid → #'Rules'!A5",
      "host:web-1 → #'Agents'!A2",
      "host:web-2 → #'Agents'!A3",
      "host:web-3 → #'Agents'!A4",
      "source:okta → #'Log sources'!A94",
      "query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z → -",
    ]);
    expect(workbook.Sheets.Rules!.A5!.v).toBe("r-valid");
    expect(workbook.Sheets.Agents!.A3!.v).toBe("web-2");
  });

  it("lists two frameworks' evidence on one sheet, naming both controls CSVs as where every row is", async () => {
    const workbook = await workbookOf(frameworksInput(["test-fw", "other-fw"]));
    expect(linksOf(workbook.Sheets["other-fw"]!, "B")).toEqual([
      "1 → -",
      "1.1 → #'Evidence'!A8",
      "1.2 → -",
      "2 → -",
      "2.1 → #'Evidence'!A12",
      "2.2 → -",
      "3 → -",
    ]);
    expect(sheetRows(workbook.Sheets.Cover!)).toContainEqual([
      "Evidence",
      "12",
      "controls-test-fw.csv;controls-other-fw.csv",
      "",
    ]);
  });

  it("links a control to the evidence sheet only when its first evidence row is within the cap", async () => {
    // At 3 rows, the evidence sheet holds three of test-fw's references and none of other-fw's.
    const workbook = await workbookOf(frameworksInput(["test-fw", "other-fw"]), 3);
    expect(linksOf(workbook.Sheets["test-fw"]!, "B").slice(0, 3)).toEqual(["1 → -", "1.1 → #'Evidence'!A2", "1.2 → -"]);
    expect(linksOf(workbook.Sheets["other-fw"]!, "B").slice(0, 3)).toEqual(["1 → -", "1.1 → -", "1.2 → -"]);
  });
});

describe("evidence.xlsx sheet names", () => {
  it("numbers a framework's sheet when its id is the name of one of the workbook's own sheets", async () => {
    const workbook = await workbookOf(frameworksInput(["cover", "rules"]));
    // The workbook's own sheets keep their names (evidence-workbook.test.ts pins them).
    expect(workbook.SheetNames).toEqual(["Cover", "cover (2)", "rules (2)", ...Object.values(SHEETS)]);
    expect(workbook.Sheets["rules (2)"]!.A2!.v).toBe("rules");
  });
});
