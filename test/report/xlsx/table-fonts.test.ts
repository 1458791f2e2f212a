/**
 * The fonts a table sheet's cells are written in, followed from each cell's
 * style index through styles.xml: the header row bold, the cap note below a
 * capped table italic, data cells in the default font; and the cover sheet's
 * title, bold and larger.
 */
import { describe, expect, it } from "vitest";
import { addCoverSheet, fillCoverSheet } from "../../../src/report/xlsx/cover-sheet.js";
import { writeTable } from "../../../src/report/xlsx/table-sheet.js";
import { newWorkbook } from "../../../src/report/xlsx/workbook-file.js";
import { reportInput } from "../data/fixtures/report-input.js";
import { zipEntries } from "./read-workbook.js";

/** The font element a cell is written in, or null for a cell without a style. */
function fontOf(entries: ReturnType<typeof zipEntries>, cell: string): string | null {
  const text = (name: string) => entries.find((entry) => entry.name === name)!.text();
  const sheet = text("xl/worksheets/sheet1.xml");
  const style = new RegExp(`<c r="${cell}"(?: [^>]*?)? s="(\\d+)"`).exec(sheet)?.[1];
  if (style === undefined) return null;
  const styles = text("xl/styles.xml");
  const formats = [.../<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)![1]!.matchAll(/<xf [^>]*?\/?>/g)];
  const fontId = Number(/fontId="(\d+)"/.exec(formats[Number(style)]![0])![1]);
  const fonts = [.../<fonts[^>]*>([\s\S]*?)<\/fonts>/.exec(styles)![1]!.matchAll(/<font>[\s\S]*?<\/font>|<font\/>/g)];
  return fonts[fontId]![0];
}

describe("a table sheet's fonts", () => {
  it("writes the header bold, the data in the default font, and the cap note italic", async () => {
    const file = newWorkbook(new Date("2026-10-01T06:00:07Z"));
    const rows = ["a", "b", "c"].map((name) => ({ name }));
    await writeTable(
      file.workbook,
      { sheet: "Names", columns: [{ header: "name", cell: (row: { name: string }) => row.name }], csvPath: "n.csv" },
      rows,
      2,
    );
    const entries = zipEntries(await file.bytes());
    const header = fontOf(entries, "A1");
    expect(header).toContain("<b/>");
    expect(header).not.toContain("<i/>");
    const data = fontOf(entries, "A2");
    expect(data === null || (!data.includes("<b/>") && !data.includes("<i/>"))).toBe(true);
    // Row 4 is the empty row between the table and its note.
    const note = fontOf(entries, "A5");
    expect(note).toContain("<i/>");
    expect(note).not.toContain("<b/>");
  });
});

describe("the cover sheet's title", () => {
  it("is bold, at 14 points", async () => {
    const input = reportInput();
    const file = newWorkbook(new Date(input.snapshot.collected_at));
    fillCoverSheet(addCoverSheet(file.workbook), {
      title: "ddproof test workbook",
      snapshot: input.snapshot,
      versions: {},
      tables: [],
      cap: 10,
    });
    const entries = zipEntries(await file.bytes());
    const title = fontOf(entries, "A1");
    expect(title).toContain("<b/>");
    expect(title).toContain('<sz val="14"/>');
    expect(fontOf(entries, "A2") ?? "").not.toContain("<b/>");
  });
});
