/**
 * evidence.xlsx and gaps.xlsx read back where the CSV comparison cannot see:
 * the evidence sheet (no CSV of its own), the covers' titles, sheet lists and
 * closing note, and the population times written as date cells rather than
 * the text the CSV holds.
 */

import { describe, expect, it } from "vitest";
import type XLSX from "xlsx";
import type { RenderedFile } from "../../../src/report/contract.js";
import { EVIDENCE_XLSX, format as evidenceXlsx } from "../../../src/report/formats/evidence-xlsx.js";
import { GAPS_XLSX, format as gapsXlsx } from "../../../src/report/formats/gaps-xlsx.js";
import { detectionRule } from "../../assess/fixtures/snapshot-builder.js";
import { reportInput } from "../data/fixtures/report-input.js";
import { type ReadCell, readWorkbook, sheetRows } from "./read-workbook.js";

async function workbookOf(files: Promise<RenderedFile[]>, path: string): Promise<XLSX.WorkBook> {
  const file = (await files).find((candidate) => candidate.path === path);
  if (file === undefined || !("bytes" in file)) throw new Error(`${path} was not rendered as bytes`);
  return readWorkbook(file.bytes);
}

const SHEET_LIST_HEADER = ["sheet", "rows", "all_rows_in", "note"];

describe("evidence.xlsx", () => {
  it("spreads each control's evidence a row each, with its label and population file", async () => {
    const workbook = await workbookOf(evidenceXlsx.render(reportInput()), EVIDENCE_XLSX);
    expect(sheetRows(workbook.Sheets.Evidence!).slice(0, 4)).toEqual([
      ["framework", "control_id", "evidence", "label", "file"],
      ["test-fw", "1.1", "source:cloudtrail", "92 of 92 days with data", "populations/log-sources.csv"],
      ["test-fw", "1.1", "query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z", "", ""],
      ["test-fw", "2.1", "source:okta", "10 of 92 days with data", "populations/log-sources.csv"],
    ]);
  });

  it("titles its cover, lists every sheet with its rows and CSV, and says where a missing population is explained", async () => {
    const cover = sheetRows((await workbookOf(evidenceXlsx.render(reportInput()), EVIDENCE_XLSX)).Sheets.Cover!);
    expect(cover[0]).toEqual(["ddproof evidence workbook", "", "", ""]);
    const listAt = cover.findIndex((row) => row[0] === "sheet");
    expect(cover.slice(listAt)).toEqual([
      SHEET_LIST_HEADER,
      ["test-fw", "7", "controls-test-fw.csv", ""],
      ["ATT&CK coverage", "5", "attack-coverage.csv", ""],
      ["Gaps", "7", "gaps.csv", ""],
      ["Evidence", "5", "controls-test-fw.csv", ""],
      ["Rules", "5", "populations/rules.csv", ""],
      ["Agents", "3", "populations/agents.csv", ""],
      ["Log sources", "276", "populations/log-sources.csv", ""],
      ["Rule changes", "2", "populations/rule-changes.csv", ""],
      ["Signals", "2", "populations/signals.csv", ""],
      ["A population whose collector failed has no sheet; populations/index.csv says why.", "", "", ""],
    ]);
  });

  it("lists the rules that were collected: detection and agent rules, either alone when the other failed, or no sheet", async () => {
    const rulesOf = async (parts: Parameters<typeof reportInput>[0]) => {
      const workbook = await workbookOf(evidenceXlsx.render(reportInput(parts)), EVIDENCE_XLSX);
      const sheet = workbook.Sheets.Rules;
      return sheet === undefined
        ? null
        : sheetRows(sheet)
            .slice(1)
            .map((row) => `${row[0]} ${row[1]}`);
    };
    const detection = [
      "r-brute Brute force on Windows",
      'r-formula =HYPERLINK("http://x","y")',
      "r-phish Phishing link clicked",
      "r-valid Root login",
    ];
    const agent = ["a-nc Netcat executed"];
    expect(await rulesOf({})).toEqual([...detection, ...agent]);
    expect(await rulesOf({ parts: { rules: "error" } })).toEqual(agent);
    expect(await rulesOf({ parts: { agent_rules: "error" } })).toEqual(detection);
    expect(await rulesOf({ parts: { rules: "error", agent_rules: "error" } })).toBeNull();
  });

  it("writes rule change and signal times as date cells", async () => {
    const workbook = await workbookOf(evidenceXlsx.render(reportInput()), EVIDENCE_XLSX);
    const dateTime = { t: "n", z: "yyyy-mm-dd hh:mm:ss" };
    expect(workbook.Sheets["Rule changes"]!.A2).toMatchObject(dateTime);
    expect(workbook.Sheets.Signals!.B2).toMatchObject(dateTime);
  });

  it("writes a rule's creation and last update times as date cells", async () => {
    // The shared fixture's rules have neither time; this one has both.
    const dated = detectionRule({
      id: "r-dated",
      name: "Dated rule",
      created_at: "2026-07-02T03:04:05Z",
      updated_at: "2026-08-09T10:11:12Z",
    });
    const input = reportInput({ parts: { rules: { rules: [dated] } } });
    const rules = sheetRows((await workbookOf(evidenceXlsx.render(input), EVIDENCE_XLSX)).Sheets.Rules!);
    const times = (row: ReadCell[]) => [row[rules[0]!.indexOf("created_at")], row[rules[0]!.indexOf("updated_at")]];
    expect(rules.map(times)).toEqual([
      ["created_at", "updated_at"],
      [{ instant: Date.parse("2026-07-02T03:04:05Z") }, { instant: Date.parse("2026-08-09T10:11:12Z") }],
      ["", ""],
    ]);
  });
});

describe("gaps.xlsx", () => {
  it("titles its cover and lists its one sheet", async () => {
    const cover = sheetRows((await workbookOf(gapsXlsx.render(reportInput()), GAPS_XLSX)).Sheets.Cover!);
    expect(cover[0]).toEqual(["ddproof gap workbook", "", "", ""]);
    expect(cover.slice(cover.findIndex((row) => row[0] === "sheet"))).toEqual([
      SHEET_LIST_HEADER,
      ["Gaps", "7", "gaps.csv", ""],
    ]);
  });
});
