/**
 * Edges of the workbook and report.html parts: a five-digit year, an archive
 * comment of the longest length, a cover's text facts without a date format,
 * a break-out named by its own line, a partial named by a string, technique
 * details sorted whatever the assessment's order, and ATT&CK coverage when
 * only this run assessed it.
 */
import { describe, expect, it } from "vitest";
import { attackSection } from "../../../src/report/html/attack-view.js";
import { changesView } from "../../../src/report/html/gaps-view.js";
import { checkInlineAsset } from "../../../src/report/html/inline-assets.js";
import { checkHtmlTemplate } from "../../../src/report/html/templates.js";
import { isoInstant } from "../../../src/report/xlsx/cell.js";
import { addCoverSheet, fillCoverSheet } from "../../../src/report/xlsx/cover-sheet.js";
import { newWorkbook } from "../../../src/report/xlsx/workbook-file.js";
import { dosTimeOf, setZipEntryTimes } from "../../../src/report/xlsx/zip-dates.js";
import { assessed, reportInput } from "../data/fixtures/report-input.js";
import { readWorkbook } from "./read-workbook.js";

describe("workbook edges", () => {
  it("reads no date out of a longer number that ends like one", () => {
    expect(isoInstant("12026-07-01")).toBeNull();
  });

  it("finds the end record behind the longest archive comment", () => {
    const eocd = Buffer.alloc(22 + 0xffff);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(0xffff, 20);
    const bytes = new Uint8Array(eocd);
    expect(setZipEntryTimes(bytes, new Date("2026-10-01T06:00:07Z"))).toBe(bytes);
    expect(dosTimeOf(new Date("2026-10-01T06:00:07Z")).time).toBe(12291);
  });

  it("gives the cover's text facts no date format", async () => {
    const input = reportInput();
    const file = newWorkbook(new Date(input.snapshot.collected_at));
    fillCoverSheet(addCoverSheet(file.workbook), {
      title: "t",
      snapshot: input.snapshot,
      versions: {},
      tables: [],
      cap: 1,
    });
    const bytes = await file.bytes();
    const sheet = readWorkbook(bytes).Sheets.Cover!;
    expect(sheet.B5).toMatchObject({ t: "s", v: "datadoghq.com" });
    expect(sheet.B5!.z ?? "General").toBe("General");
    expect(sheet.B7!.z).toBe("yyyy-mm-dd hh:mm:ss");
  });
});

describe("report.html edges", () => {
  it("names the line of the break-out, not the last line of the block", () => {
    expect(() => checkInlineAsset("a\n</style>\nb\nc", "style", "s.css")).toThrow(
      's.css: line 2: "</style" would end the inline <style> element early; remove it',
    );
  });

  it("refuses a partial named by a string, known name or not", () => {
    expect(() => checkHtmlTemplate('{{> "header"}}', "f.hbs")).toThrow(
      "f.hbs: line 1: unknown partial; the HTML report has ",
    );
  });

  it("details techniques in id order whatever the assessment's order", () => {
    const base = reportInput();
    const input = { ...base, assessment: structuredClone(base.assessment) };
    input.assessment.attack!.techniques.reverse();
    expect(attackSection(input).details.map((detail) => detail.id)).toEqual([
      "T1059",
      "T1078",
      "T1110",
      "T1110.001",
      "T1566",
    ]);
  });

  it("counts ATT&CK coverage when only this run assessed it", () => {
    const before = { ...assessed({ frameworks: ["test-fw"], collectedAt: "2026-09-30T06:00:00Z" }), label: "prev" };
    const view = changesView({ ...reportInput(), previous: before }, true)!;
    expect(view.coverage[0]).toEqual({ what: "ATT&CK techniques covered", before: 0, after: 2, delta: "+2" });
  });
});
