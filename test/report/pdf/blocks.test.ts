/**
 * The PDF building blocks as pure functions, pinned value for value: bars,
 * swatches, footers, headings, bookmarks, status labels, count tables,
 * legends and the heatmap grid. Inputs are written here, so no assessment is
 * run and every figure, colour, width and font size is the one expected.
 */
import type { CanvasElement, ContentCanvas, ContentTable, ContentText, TableCell } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { FrameworkResult } from "../../../src/assess/schema.js";
import type { AttackTactic } from "../../../src/catalogs/attack/schema.js";
import { stackedBar, swatchSquare } from "../../../src/report/pdf/blocks/bar-chart.js";
import { completenessBanner, evidenceBanner } from "../../../src/report/pdf/blocks/cover.js";
import { pageFooter } from "../../../src/report/pdf/blocks/footer.js";
import { headingWithNote, NOTE_SEPARATOR } from "../../../src/report/pdf/blocks/heading.js";
import { tacticGrids, tacticSectionId, techniquesByTactic } from "../../../src/report/pdf/blocks/heatmap-grid.js";
import { compactScoreLegend, scoreLegend, statusLegend } from "../../../src/report/pdf/blocks/legend.js";
import {
  bookmarkTitle,
  linkTo,
  outlineAnchor,
  outlinedHeading,
  outlineEntry,
  sectionId,
} from "../../../src/report/pdf/blocks/outline.js";
import { statusBadge, statusCell, swatchText } from "../../../src/report/pdf/blocks/status-label.js";
import { statusBars, statusCountTable } from "../../../src/report/pdf/blocks/status-table.js";
import { GRID_LAYOUT } from "../../../src/report/pdf/document.js";
import type { NarrativeContext } from "../../../src/report/templates.js";
import { GRID_VALUES, layoutValues, technique } from "./fixtures/pdf-parts.js";

const TACTICS: AttackTactic[] = [
  { id: "TA0002", shortname: "execution", name: "Execution" },
  { id: "TA0003", shortname: "persistence", name: "Persistence" },
  { id: "TA0040", shortname: "impact", name: "Impact" },
];

describe("stacked bar and swatch", () => {
  it("draws a frame, then one rectangle per positive segment, proportional and a gap apart", () => {
    const bar = stackedBar(
      [
        { value: 1, fill: "#111111" },
        { value: 0, fill: "#222222" },
        { value: 3, fill: "#333333" },
      ],
      100,
      11,
    );
    expect(bar).toEqual({
      canvas: [
        { type: "rect", x: 0, y: 0, w: 100, h: 11, lineColor: "#888888", lineWidth: 0.5 },
        { type: "rect", x: 0, y: 0, w: 24.2, h: 11, color: "#111111" },
        { type: "rect", x: 25, y: 0, w: 74.2, h: 11, color: "#333333" },
      ],
    });
  });

  it("keeps a sliver of half a point for a tiny segment, and draws only the frame when every count is zero", () => {
    const tiny = stackedBar(
      [
        { value: 1, fill: "#111111" },
        { value: 999, fill: "#222222" },
      ],
      100,
      5,
    ).canvas as CanvasElement[];
    expect(tiny[1]).toEqual({ type: "rect", x: 0, y: 0, w: 0.5, h: 5, color: "#111111" });
    expect(tiny[2]).toMatchObject({ x: 0.1, color: "#222222" });
    expect((tiny[2] as { w: number }).w).toBeCloseTo(99.1, 10);
    expect(stackedBar([{ value: 0, fill: "#111111" }], 100, 5).canvas).toHaveLength(1);
    expect(stackedBar([], 100, 5).canvas).toHaveLength(1);
    // Counts that cancel out leave nothing to divide by: only the frame.
    const cancelled = stackedBar(
      [
        { value: 2, fill: "#111111" },
        { value: -2, fill: "#222222" },
      ],
      100,
      5,
    );
    expect(cancelled.canvas).toHaveLength(1);
  });

  it("draws a legend swatch of 8 points by default, or the size asked", () => {
    const square = (fill: string, size: number): ContentCanvas => ({
      canvas: [{ type: "rect", x: 0, y: 1, w: size, h: size, color: fill, lineColor: "#666666", lineWidth: 0.4 }],
    });
    expect(swatchSquare("#ABCDEF")).toEqual(square("#ABCDEF", 8));
    expect(swatchSquare("#ABCDEF", 5)).toEqual(square("#ABCDEF", 5));
  });
});

describe("footer and headings", () => {
  it("prints who and when on the left and page X of Y on the right", () => {
    expect(
      pageFooter("Acme · 2026-Q3 · Gap report", 36)(2, 9, { width: 595, height: 842, orientation: "portrait" }),
    ).toEqual({
      columns: [
        { text: "Acme · 2026-Q3 · Gap report", width: "*" },
        { text: "page 2 of 9", width: "auto", alignment: "right" },
      ],
      margin: [36, 14, 36, 0],
      fontSize: 7,
      color: "#555555",
    });
  });

  it("puts a note after a heading on its line, the bookmark titled with the heading alone", () => {
    expect(NOTE_SEPARATOR).toBe("   ");
    expect(headingWithNote("Enterprise matrix", "in matrix order", "matrix")).toEqual({
      text: ["Enterprise matrix", { text: "   in matrix order", style: "note", bold: false }],
      style: "h1",
      id: "matrix",
      outline: true,
      outlineText: "Enterprise matrix",
    });
  });
});

describe("bookmarks and links", () => {
  it("joins a section's kind and ids with slashes", () => {
    expect(sectionId("gap", "pci-dss-4.0.1", "10.7.1")).toBe("gap/pci-dss-4.0.1/10.7.1");
    expect(sectionId("summary")).toBe("summary");
  });

  it("keeps a bookmark title of 90 characters and cuts a longer one to 89 and an ellipsis, without a trailing space", () => {
    const ninety = "x".repeat(90);
    expect(bookmarkTitle(ninety)).toBe(ninety);
    expect(bookmarkTitle(`${ninety}y`)).toBe(`${"x".repeat(89)}…`);
    expect(bookmarkTitle(`${"x".repeat(88)} yyyy`)).toBe(`${"x".repeat(88)}…`);
    expect(bookmarkTitle("")).toBe("");
  });

  it("marks an outline entry with its id, title and, when given, its parent", () => {
    expect(outlineEntry({ id: "a", title: "A" })).toEqual({ id: "a", outline: true, outlineText: "A" });
    expect(Object.keys(outlineEntry({ id: "a", title: "A" }))).not.toContain("outlineParentId");
    expect(outlineEntry({ id: "a", title: "A", parent: "p" })).toEqual({
      id: "a",
      outline: true,
      outlineText: "A",
      outlineParentId: "p",
    });
    expect(outlinedHeading("Every gap", "h1", { id: "all-gaps" })).toEqual({
      text: "Every gap",
      style: "h1",
      id: "all-gaps",
      outline: true,
      outlineText: "Every gap",
    });
  });

  it("anchors a bookmark on an invisible one-point line", () => {
    expect(outlineAnchor({ id: "c", title: "Control", parent: "f" })).toEqual({
      text: " ",
      fontSize: 1,
      lineHeight: 1,
      margin: [0, 0, 0, 0],
      id: "c",
      outline: true,
      outlineText: "Control",
      outlineParentId: "f",
    });
  });

  it("links text to a destination, blue and underlined", () => {
    expect(linkTo("gaps/nist", "NIST")).toEqual({
      text: "NIST",
      linkToDestination: "gaps/nist",
      color: "#1A4F8B",
      decoration: "underline",
    });
  });
});

describe("status labels", () => {
  it("prints a label bold and centred on its swatch, 7 pt unless told", () => {
    const swatch = { label: "X", fill: "#010203", text: "#FFFFFF" };
    expect(swatchText(swatch, "hello")).toEqual({
      text: "hello",
      fillColor: "#010203",
      color: "#FFFFFF",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
    expect(swatchText(swatch, "hello", 12).fontSize).toBe(12);
  });

  it("prints a status cell and an inline badge in the status's words and colours", () => {
    expect(statusCell("fail")).toEqual({
      text: "FAIL",
      fillColor: "#D55E00",
      color: "#000000",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
    expect(statusCell("pass", 9).fontSize).toBe(9);
    expect(statusBadge("accepted")).toEqual({
      text: " ACCEPTED ",
      background: "#CC79A7",
      color: "#000000",
      bold: true,
      fontSize: 8,
    });
    expect(statusBadge("manual", 7).fontSize).toBe(7);
  });
});

const FRAMEWORKS: Pick<FrameworkResult, "id" | "name" | "version" | "summary">[] = [
  {
    id: "pci",
    name: "PCI DSS",
    version: "4.0.1",
    summary: { pass: 3, partial: 1, fail: 2, unknown: 0, manual: 4, accepted: 1, not_applicable: 5 },
  },
  {
    id: "nist",
    name: "NIST 800-53",
    version: "5",
    summary: { pass: 0, partial: 0, fail: 0, unknown: 7, manual: 0, accepted: 0, not_applicable: 0 },
  },
];

describe("counts by status", () => {
  it("tabulates each framework's counts in status order with its total, the name linking to its section", () => {
    const table = statusCountTable(FRAMEWORKS, (id) => `fw/${id}`) as ContentTable;
    const labels = ["PASS", "PARTIAL", "FAIL", "UNKNOWN", "MANUAL", "ACCEPTED", "N/A"];
    expect(table.table.headerRows).toBe(1);
    expect(table.table.widths).toEqual(["*", 42, 42, 42, 42, 42, 42, 42, 34]);
    expect(table.layout).toBe(GRID_LAYOUT);
    expect(table.margin).toEqual([0, 0, 0, 10]);
    const [header, pci, nist] = table.table.body as TableCell[][];
    expect(header![0]).toEqual({ text: "Framework", style: "tableHeader" });
    expect(header!.slice(1, 8).map((cell) => (cell as ContentText).text)).toEqual(labels);
    expect(header!.slice(1, 8)).toEqual(
      ["pass", "partial", "fail", "unknown", "manual", "accepted", "not_applicable"].map((status) =>
        statusCell(status as never),
      ),
    );
    expect(header![8]).toEqual({ text: "Total", style: "tableHeader", alignment: "right" });
    expect(pci![0]).toEqual({
      text: "PCI DSS",
      linkToDestination: "fw/pci",
      color: "#1A4F8B",
      decoration: "underline",
      style: "cell",
      bold: true,
    });
    expect(pci!.slice(1)).toEqual([
      ...["3", "1", "2", "0", "4", "1", "5"].map((text) => ({ text, style: "cell", alignment: "right" })),
      { text: "16", style: "cell", alignment: "right", bold: true },
    ]);
    expect(nist!.map((cell) => (cell as ContentText).text)).toEqual([
      "NIST 800-53",
      "0",
      "0",
      "0",
      "7",
      "0",
      "0",
      "0",
      "7",
    ]);
    expect(
      ((statusCountTable(FRAMEWORKS, (id) => id, "Organisation") as ContentTable).table.body[0] as TableCell[])[0],
    ).toEqual({
      text: "Organisation",
      style: "tableHeader",
    });
  });

  it("draws a labelled bar per framework, its width what is left beside the label and count", () => {
    const [pci, nist] = statusBars(FRAMEWORKS, 523);
    expect(pci).toEqual({
      columns: [
        { text: "PCI DSS", width: 150, fontSize: 8, bold: true },
        {
          stack: [
            stackedBar(
              [
                { value: 3, fill: "#009E73" },
                { value: 1, fill: "#E69F00" },
                { value: 2, fill: "#D55E00" },
                { value: 0, fill: "#8C8C8C" },
                { value: 4, fill: "#56B4E9" },
                { value: 1, fill: "#CC79A7" },
                { value: 5, fill: "#E0E0E0" },
              ],
              301,
              11,
            ),
          ],
          width: 301,
        },
        { text: "16 controls", width: 60, fontSize: 7.5, alignment: "right" },
      ],
      columnGap: 6,
      margin: [0, 0, 0, 5],
    });
    expect((nist as { columns: { text?: string }[] }).columns[2]!.text).toBe("7 controls");
  });
});

describe("legends", () => {
  it("lists every status's swatch and label in report order", () => {
    const legend = statusLegend() as { columns: unknown[]; columnGap: number; margin: number[] };
    expect(legend.columnGap).toBe(12);
    expect(legend.margin).toEqual([0, 2, 0, 10]);
    expect(legend.columns).toHaveLength(7);
    expect(legend.columns[2]).toEqual({
      columns: [
        { stack: [swatchSquare("#D55E00")], width: 10 },
        { text: "FAIL", fontSize: 7, width: "auto" },
      ],
      columnGap: 3,
      width: "auto",
    });
    expect(legend.columns.map((column) => (column as { columns: { text?: string }[] }).columns[1]!.text)).toEqual([
      "PASS",
      "PARTIAL",
      "FAIL",
      "UNKNOWN",
      "MANUAL",
      "ACCEPTED",
      "N/A",
    ]);
  });

  it("prints the score ladder, marking the scores below the gap threshold as gaps", () => {
    const legend = scoreLegend(3) as ContentTable;
    expect(legend.table.widths).toEqual([16, 80, "*"]);
    expect(legend.layout).toBe(GRID_LAYOUT);
    expect(legend.margin).toEqual([0, 0, 0, 8]);
    const body = legend.table.body as TableCell[][];
    expect(body).toHaveLength(6);
    expect(body[0]).toEqual([
      { text: "0", fillColor: "#ffffcc", color: "#000000", bold: true, alignment: "center", fontSize: 8 },
      { text: "No coverage", bold: true, fontSize: 7.5 },
      {
        text: "No enabled rule, and no ingesting source that ATT&CK says can see it. Counted as a gap.",
        fontSize: 7.5,
      },
    ]);
    expect(body.map((row) => ((row[2] as ContentText).text as string).endsWith(" Counted as a gap."))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect((body[3]![2] as ContentText).text).toBe(
      "An enabled rule whose source is ingesting (or whose hosts run Workload Protection).",
    );
    const none = (scoreLegend(null) as ContentTable).table.body as TableCell[][];
    expect(none.map((row) => ((row[2] as ContentText).text as string).includes("gap"))).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("prints the ladder compactly in one row of six equal cells", () => {
    const legend = compactScoreLegend() as ContentTable;
    expect(legend.table.widths).toEqual(Array(6).fill("16.6667%"));
    expect(legend.layout).toBe(GRID_LAYOUT);
    expect(legend.margin).toEqual([0, 0, 0, 6]);
    expect(legend.table.body).toHaveLength(1);
    expect(legend.table.body[0]![5]).toEqual({
      text: [
        { text: "5 Operated: ", bold: true },
        "Two or more effective rules, one fired, and its high/critical signals met the triage SLA.",
      ],
      fillColor: "#253494",
      color: "#FFFFFF",
      fontSize: 7,
    });
  });
});

describe("completeness banner", () => {
  it("says in words, on the pass or fail colour, whether every collector succeeded", () => {
    const complete = {
      complete: true,
      collectors: { total: 9 },
      missing_collectors: [],
    } as unknown as NarrativeContext;
    expect(completenessBanner(complete)).toEqual({
      table: {
        widths: ["*"],
        body: [
          [
            {
              text: "COMPLETE: all 9 collectors succeeded",
              fillColor: "#009E73",
              color: "#000000",
              bold: true,
              alignment: "left",
              fontSize: 12,
              margin: [6, 5, 6, 5],
            },
          ],
        ],
      },
      layout: "noBorders",
      margin: [0, 10, 0, 12],
    });
    const incomplete = {
      complete: false,
      collectors: { total: 9 },
      missing_collectors: ["signals", "agents"],
    } as unknown as NarrativeContext;
    const cell = (completenessBanner(incomplete) as ContentTable).table.body[0]![0] as ContentText;
    expect(cell.text).toBe("INCOMPLETE — evidence missing from: signals, agents");
    expect(cell.fillColor).toBe("#D55E00");
    expect((evidenceBanner(false, "partial") as ContentTable).table.body[0]![0]).toMatchObject({
      text: "partial",
      fillColor: "#D55E00",
    });
  });
});

describe("the heatmap grid", () => {
  const techniques = [
    technique({ id: "T1059", name: "Command and Scripting Interpreter", tactics: ["execution"], score: 3 }),
    technique({ id: "T1053", name: "Scheduled Task/Job", tactics: ["execution", "persistence"], score: 5 }),
    technique({ id: "T1053.005", name: "Scheduled Task", tactics: ["execution"], parent: "T1053", score: 1 }),
    technique({ id: "T1204", name: "User Execution", tactics: ["execution"], score: 0, disposition: "accepted" }),
    technique({
      id: "T1098",
      name: "Account Manipulation",
      tactics: ["persistence"],
      score: 2,
      disposition: "not_applicable",
    }),
    // Same name as another: ordered by id.
    technique({ id: "T1000", name: "User Execution", tactics: ["execution"], score: 4 }),
  ];

  it("places top-level techniques under each of their tactics, sorted by name then id", () => {
    expect(techniquesByTactic(TACTICS, techniques).map((column) => column.map((t) => t.id))).toEqual([
      ["T1059", "T1053", "T1000", "T1204"],
      ["T1098", "T1053"],
      [],
    ]);
  });

  it("gives each tactic a bookmarked heading with its count, and full cells coloured and labelled by score", () => {
    const grids = tacticGrids(TACTICS, techniques, { compact: false, fontSize: 7.5, columns: 3, parent: "matrix" });
    expect(tacticSectionId({ shortname: "execution" })).toBe("tactic/execution");
    expect(grids).toHaveLength(4);
    const [execution, persistence, impact] = grids as { stack: unknown[]; unbreakable: boolean }[];
    expect(execution!.unbreakable).toBe(true);
    expect(execution!.stack[0]).toEqual({
      text: ["Execution (TA0002)", { text: "   4 techniques", style: "note", bold: false }],
      style: "h3",
      id: "tactic/execution",
      outline: true,
      outlineText: "Execution (TA0002)",
      outlineParentId: "matrix",
    });
    const table = execution!.stack[1] as ContentTable;
    expect(table.table.dontBreakRows).toBe(true);
    expect(table.table.widths).toEqual(["33.3333%", "33.3333%", "33.3333%"]);
    expect(layoutValues(table.layout)).toEqual({
      hLineWidth: 1,
      vLineWidth: 1,
      hLineColor: "#FFFFFF",
      vLineColor: "#FFFFFF",
      paddingLeft: 2.5,
      paddingRight: 2.5,
      paddingTop: 1.5,
      paddingBottom: 1,
    });
    expect(table.table.body).toEqual([
      [
        {
          text: [{ text: "3 ", bold: true }, { text: "T1059 ", bold: true }, "Command and Scripting Interpreter"],
          fillColor: "#41b6c4",
          color: "#000000",
          fontSize: 7.5,
          lineHeight: 1,
        },
        {
          text: [{ text: "5 ", bold: true }, { text: "T1053 ", bold: true }, "Scheduled Task/Job"],
          fillColor: "#253494",
          color: "#FFFFFF",
          fontSize: 7.5,
          lineHeight: 1,
        },
        {
          text: [{ text: "4 ", bold: true }, { text: "T1000 ", bold: true }, "User Execution"],
          fillColor: "#2c7fb8",
          color: "#000000",
          fontSize: 7.5,
          lineHeight: 1,
        },
      ],
      [
        {
          text: [{ text: "0 ", bold: true }, { text: "T1204 ", bold: true }, "User Execution (accepted)"],
          fillColor: "#ffffcc",
          color: "#000000",
          fontSize: 7.5,
          lineHeight: 1,
        },
        { text: "", fontSize: 7.5 },
        { text: "", fontSize: 7.5 },
      ],
    ]);
    const persistenceCells = (persistence!.stack[1] as ContentTable).table.body[0]!;
    expect((persistenceCells[0] as ContentText).text).toEqual([
      { text: "2 ", bold: true },
      { text: "T1098 ", bold: true },
      "Account Manipulation (n/a)",
    ]);
    expect(impact).toEqual({
      text: ["Impact (TA0040)", { text: "   0 techniques", style: "note", bold: false }],
      style: "h3",
      id: "tactic/impact",
      outline: true,
      outlineText: "Impact (TA0040)",
      outlineParentId: "matrix",
    });
    expect(grids[3]).toEqual({ text: "No techniques.", style: "note" });
  });

  it("prints compact cells with the score and id only", () => {
    const [execution] = tacticGrids(TACTICS.slice(0, 1), techniques, {
      compact: true,
      fontSize: 7,
      columns: 10,
      parent: "attack",
    }) as { stack: ContentTable[] }[];
    const row = (execution!.stack[1] as ContentTable).table.body[0]!;
    expect(row).toHaveLength(10);
    expect(row[3]).toEqual({
      text: [{ text: "0 ", bold: true }, "T1204 (accepted)"],
      fillColor: "#ffffcc",
      color: "#000000",
      fontSize: 7,
      lineHeight: 1,
    });
    expect(row[4]).toEqual({ text: "", fontSize: 7 });
  });

  it("keeps a tactic's heading and grid together up to 12 rows, and lets a longer grid break", () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => technique({ id: `T${1000 + i}`, name: `Technique ${1000 + i}`, score: 1 }));
    const options = { compact: true, fontSize: 7, columns: 2, parent: "m" };
    const [twelveRows] = tacticGrids(TACTICS.slice(0, 1), many(24), options) as {
      unbreakable: boolean;
      stack: ContentTable[];
    }[];
    expect(twelveRows!.unbreakable).toBe(true);
    expect(twelveRows!.stack[1]!.table.body).toHaveLength(12);
    const [longer] = tacticGrids(TACTICS.slice(0, 1), many(25), options) as {
      unbreakable: boolean;
      stack: ContentTable[];
    }[];
    expect(longer!.unbreakable).toBe(false);
    expect(longer!.stack[1]!.table.body).toHaveLength(13);
  });

  it("says so under a tactic without techniques", () => {
    const grids = tacticGrids(TACTICS.slice(2), techniques, { compact: true, fontSize: 7, columns: 10, parent: "m" });
    expect(grids).toEqual([
      {
        text: ["Impact (TA0040)", { text: "   0 techniques", style: "note", bold: false }],
        style: "h3",
        id: "tactic/impact",
        outline: true,
        outlineText: "Impact (TA0040)",
        outlineParentId: "m",
      },
      { text: "No techniques.", style: "note" },
    ]);
  });
});

describe("the shared grid layout", () => {
  it("draws thin grey rules with snug padding", () => {
    expect(layoutValues(GRID_LAYOUT)).toEqual(GRID_VALUES);
  });
});
