/**
 * The PDF sections built from blocks, pinned value for value: the cover's
 * facts, the ATT&CK tables (counts per tactic and score, every technique
 * with the rules behind it, the heatmap section), and the gap report's
 * tables (gaps, counts by reason and framework, next actions, changes since
 * the previous run). Tables are built from inputs written here where they
 * can be; the cover and the changes read a real assessment of the fixture.
 */
import type { Content, ContentTable, ContentText, TableCell } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { TechniqueResult } from "../../../src/assess/schema.js";
import type { AttackTactic } from "../../../src/catalogs/attack/schema.js";
import type { PlanAction } from "../../../src/plan/plan.js";
import type { ReportInput } from "../../../src/report/contract.js";
import type { Gap } from "../../../src/report/gaps.js";
import { heatmapSection, NO_ATTACK_TEXT } from "../../../src/report/pdf/attack/heatmap-section.js";
import { tacticScoreTable } from "../../../src/report/pdf/attack/tactic-scores.js";
import { MAX_RULES_LISTED, techniqueRulesTable } from "../../../src/report/pdf/attack/technique-rules.js";
import { cover } from "../../../src/report/pdf/blocks/cover.js";
import { compactScoreLegend, scoreLegend } from "../../../src/report/pdf/blocks/legend.js";
import { GRID_LAYOUT } from "../../../src/report/pdf/document.js";
import { ACTIONS_HEADING, actionsSection, actionsTable } from "../../../src/report/pdf/gap/actions-section.js";
import {
  changesHeading,
  changesSection,
  MAX_RULES_LISTED as MAX_CHANGED_RULES,
} from "../../../src/report/pdf/gap/changes-section.js";
import { gapTable } from "../../../src/report/pdf/gap/gap-table.js";
import { frameworkSummary, reasonSummary } from "../../../src/report/pdf/gap/reason-summary.js";
import { narrativeContext } from "../../../src/report/pdf/narrative.js";
import type { Snapshot } from "../../../src/snapshot/schema.js";
import { detectionRule } from "../../assess/fixtures/snapshot-builder.js";
import { technique } from "./fixtures/pdf-parts.js";
import {
  COMPANY,
  currentSnapshot,
  ODD_RULE_NAME,
  PREVIOUS_LABEL,
  previousSnapshot,
  reportInput,
} from "./fixtures/report-input.js";

const TACTICS: AttackTactic[] = [
  { id: "TA0002", shortname: "execution", name: "Execution" },
  { id: "TA0040", shortname: "impact", name: "Impact" },
];

const texts = (row: readonly TableCell[] | undefined) => (row ?? []).map((cell) => (cell as ContentText).text);
const body = (content: Content | undefined) => (content as ContentTable).table.body as TableCell[][];

describe("ATT&CK: techniques per tactic and score", () => {
  it("counts each tactic's top-level techniques per score, an en dash for none, the tactic linking to its grid", () => {
    const techniques = [
      technique({ id: "T1", name: "A", score: 0 }),
      technique({ id: "T2", name: "B", score: 3 }),
      technique({ id: "T3", name: "C", score: 3 }),
      technique({ id: "T4", name: "D", score: 5, tactics: ["execution", "impact"] }),
      technique({ id: "T4.001", name: "D one", score: 1, parent: "T4" }),
    ];
    const table = tacticScoreTable(TACTICS, techniques) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.widths).toEqual(["*", 62, 62, 62, 62, 62, 62, 50]);
    expect(table.layout).toBe(GRID_LAYOUT);
    const [header, execution, impact] = body(table);
    expect(header![0]).toEqual({ text: "Tactic", style: "tableHeader" });
    expect(header![1]).toEqual({
      text: "0 No coverage",
      fillColor: "#ffffcc",
      color: "#000000",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
    expect(texts(header)).toEqual([
      "Tactic",
      "0 No coverage",
      "1 Visibility only",
      "2 Paper coverage",
      "3 Effective",
      "4 Validated",
      "5 Operated",
      "Techniques",
    ]);
    expect(header![7]).toEqual({ text: "Techniques", style: "tableHeader", alignment: "right" });
    expect(execution![0]).toEqual({
      text: "Execution (TA0002)",
      linkToDestination: "tactic/execution",
      color: "#1A4F8B",
      decoration: "underline",
      style: "cell",
    });
    expect(execution!.slice(1)).toEqual([
      ...["1", "–", "–", "2", "–", "1"].map((text) => ({ text, style: "cell", alignment: "right" })),
      { text: "4", style: "cell", alignment: "right", bold: true },
    ]);
    expect(texts(impact)).toEqual(["Impact (TA0040)", "–", "–", "–", "–", "–", "1", "1"]);
  });
});

describe("ATT&CK: the rules behind each score", () => {
  const snapshot = currentSnapshot();

  it("lists every technique and sub-technique in id order, its rules by name, fired first", () => {
    const techniques: TechniqueResult[] = [
      technique({
        id: "T1110.001",
        name: "Password Guessing",
        parent: "T1110",
        score: 4,
        rules: {
          enabled: ["r-unknown", "r-trail", "r-brute"],
          effective: ["r-brute", "r-trail"],
          fired: ["r-trail"],
          deprecated: [],
          beta: [],
        },
        visibility: { sources: ["okta", "cloudtrail"], log_sources: [] },
        reason: "covered",
      }),
      technique({ id: "T1110", name: "Brute Force", score: 0 }),
      technique({ id: "T1078", name: "Valid Accounts", score: 2, reason: "never_fired" }),
    ];
    const table = techniqueRulesTable(techniques, snapshot) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.dontBreakRows).toBe(true);
    expect(table.table.widths).toEqual(["5%", "14%", "3%", "6%", "48%", "17%", "7%"]);
    expect(table.layout).toBe(GRID_LAYOUT);
    const [header, ...rows] = body(table);
    expect(header).toEqual(
      [
        "ID",
        "Technique",
        "Score",
        "Rules enabled / effective / fired",
        "Rules behind the score",
        "Ingesting sources that see it",
        "Reason",
      ].map((text) => ({ text, style: "tableHeader" })),
    );
    expect(rows.map((row) => (row[0] as ContentText).text)).toEqual(["T1078", "T1110", "T1110.001"]);
    expect(rows[1]).toEqual([
      { text: "T1110", style: "cell", bold: true },
      { text: "Brute Force", style: "cell", bold: true, preserveLeadingSpaces: true },
      { text: "0", fillColor: "#ffffcc", color: "#000000", bold: true, alignment: "center", fontSize: 7.5 },
      { text: "0 / 0 / 0", style: "cell", alignment: "center" },
      { text: "no enabled rule", style: "cell", color: "#555555" },
      { text: "none", style: "cell" },
      { text: "No rule", style: "cell" },
    ]);
    expect(rows[2]).toEqual([
      { text: "T1110.001", style: "cell", bold: false },
      { text: "   Password Guessing", style: "cell", bold: false, preserveLeadingSpaces: true },
      { text: "4", fillColor: "#2c7fb8", color: "#000000", bold: true, alignment: "center", fontSize: 7.5 },
      { text: "3 / 2 / 1", style: "cell", alignment: "center" },
      {
        text: `CloudTrail logging stopped (fired)\n${ODD_RULE_NAME} (effective)\nr-unknown (not effective)`,
        style: "cell",
      },
      { text: "okta, cloudtrail", style: "cell" },
      { text: "Covered", style: "cell" },
    ]);
    expect((rows[0]![6] as ContentText).text).toBe("Never fired");
  });

  it("orders rules of the same state by id, and cuts the list after 8 with a pointer to the CSV", () => {
    expect(MAX_RULES_LISTED).toBe(8);
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `r-${n - i}`);
    const rulesCell = (n: number) => {
      const table = techniqueRulesTable(
        [
          technique({
            id: "T1",
            name: "One",
            rules: { enabled: ids(n), effective: [], fired: [], deprecated: [], beta: [] },
          }),
        ],
        snapshot,
      ) as ContentTable;
      return ((table.table.body[1] as TableCell[])[4] as ContentText).text as string;
    };
    expect(rulesCell(8).split("\n")).toEqual(
      ["r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "r-8"].map((id) => `${id} (not effective)`),
    );
    expect(rulesCell(10).split("\n")).toEqual([
      ...["r-1", "r-2", "r-3", "r-4", "r-5", "r-6", "r-7", "r-8"].map((id) => `${id} (not effective)`),
      "… and 2 more in attack-coverage.csv",
    ]);
  });

  it("orders effective rules before not effective ones whatever their ids", () => {
    const table = techniqueRulesTable(
      [
        technique({
          id: "T1",
          name: "One",
          rules: { enabled: ["a", "b", "c"], effective: ["c", "b"], fired: ["c"], deprecated: [], beta: [] },
        }),
      ],
      snapshot,
    ) as ContentTable;
    expect(((table.table.body[1] as TableCell[])[4] as ContentText).text).toBe(
      "c (fired)\nb (effective)\na (not effective)",
    );
  });
});

describe("ATT&CK: the heatmap section", () => {
  const attackInput = (overrides: { assessed?: boolean; catalog?: boolean } = {}) =>
    ({
      assessment: {
        attack:
          overrides.assessed === false
            ? null
            : {
                version: "18.1",
                gap_below: 3,
                missing_evidence: [],
                techniques: [technique({ id: "T1059", name: "Command", score: 2 })],
              },
      },
      attack: overrides.catalog === false ? null : { tactics: TACTICS.slice(0, 1), techniques: [] },
    }) as unknown as ReportInput;
  const grid = { compact: true, fontSize: 7, columns: 10, parent: "attack" } as const;

  it("says why there is no heatmap when ATT&CK was not assessed or its catalog is missing", () => {
    expect(NO_ATTACK_TEXT).toBe("MITRE ATT&CK was not assessed in this run, so there is no heatmap.");
    const none = [{ text: NO_ATTACK_TEXT, style: "narrative" }];
    expect(heatmapSection(attackInput({ assessed: false }), { ...grid, legend: "full" })).toEqual(none);
    expect(heatmapSection(attackInput({ catalog: false }), { ...grid, legend: "full" })).toEqual(none);
  });

  it("puts the legend asked for before the grids", () => {
    const full = heatmapSection(attackInput(), { ...grid, legend: "full" });
    expect(full).toHaveLength(2);
    expect(full[0]).toEqual(scoreLegend(3));
    expect(heatmapSection(attackInput(), { ...grid, legend: "compact" })[0]).toEqual(compactScoreLegend());
    const bare = heatmapSection(attackInput(), { ...grid, legend: "none" });
    expect(bare).toHaveLength(1);
    expect((bare[0] as { stack: ContentText[] }).stack[0]!.outlineText).toBe("Execution (TA0002)");
  });
});

function gap(overrides: Partial<Gap> & Pick<Gap, "id">): Gap {
  return {
    subject: "control",
    framework: "pci",
    title: `Title ${overrides.id}`,
    status: "fail",
    score: null,
    reason_code: "no_rule",
    reason: `Reason ${overrides.id}`,
    evidence: [],
    ...overrides,
  };
}

const GAPS: Gap[] = [
  gap({ id: "10.2.1" }),
  gap({ id: "10.4.1", status: "partial", reason_code: "source_silent" }),
  gap({
    id: "SI-4(2)",
    framework: "nist",
    label: "SI-4(2) label",
    status: "something else",
    reason_code: "source_silent",
  }),
  gap({
    id: "T1110",
    subject: "technique",
    framework: "mitre-attack",
    status: "score 1",
    score: 1,
    reason_code: "source_silent",
  }),
];

const NAMES = new Map([
  ["pci", "PCI DSS"],
  ["nist", "NIST"],
  ["mitre-attack", "MITRE ATT&CK 18.1"],
  ["empty", "Empty framework"],
]);

describe("gap report: the gap table", () => {
  it("prints each gap's id, title, status in words on its colour, typed reason and sentence", () => {
    const table = gapTable(GAPS, { framework: null }) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.dontBreakRows).toBe(true);
    expect(table.table.widths).toEqual(["11%", "24%", "8%", "12%", "45%"]);
    expect(table.layout).toBe(GRID_LAYOUT);
    const [header, fail, partial, odd, scored] = body(table);
    expect(header).toEqual(["ID", "Title", "Status", "Reason", "Why"].map((text) => ({ text, style: "tableHeader" })));
    expect(fail).toEqual([
      { text: "10.2.1", style: "cell", bold: true },
      { text: "Title 10.2.1", style: "cell" },
      { text: [{ text: " FAIL ", background: "#D55E00", color: "#000000", bold: true, fontSize: 7 }] },
      { text: "No rule", style: "cell", bold: true },
      { text: "Reason 10.2.1", style: "cell" },
    ]);
    expect((partial![2] as ContentText).text).toEqual([
      { text: " PARTIAL ", background: "#E69F00", color: "#000000", bold: true, fontSize: 7 },
    ]);
    expect(odd![0]).toEqual({ text: "SI-4(2) label", style: "cell", bold: true });
    expect(odd![2]).toEqual({ text: "something else", style: "cell" });
    expect(odd![3]).toEqual({ text: "Source silent", style: "cell", bold: true });
    expect(scored![2]).toEqual({
      text: [{ text: " score 1 ", background: "#c7e9b4", color: "#000000", bold: true, fontSize: 7 }],
    });
  });

  it("adds the framework column, a running first row and a bookmark per gap when asked", () => {
    const table = gapTable(GAPS.slice(2, 4), {
      framework: new Map([["nist", "NIST"]]),
      running: "Gaps: NIST",
      outlineParent: "gaps/nist",
    }) as ContentTable;
    expect(table.table.headerRows).toBe(2);
    expect(table.table.widths).toEqual(["13%", "10%", "20%", "8%", "11%", "38%"]);
    const [running, header, nist, attack] = body(table);
    expect(running).toEqual([{ text: "Gaps: NIST", style: "cell", bold: true, colSpan: 6 }, "", "", "", "", ""]);
    expect(texts(header)).toEqual(["Framework", "ID", "Title", "Status", "Reason", "Why"]);
    expect(nist![0]).toEqual({ text: "NIST", style: "cell" });
    expect(nist![1]).toEqual({
      text: "SI-4(2) label",
      style: "cell",
      bold: true,
      id: "gap/nist/SI-4(2)",
      outline: true,
      outlineText: "SI-4(2) label Title SI-4(2)",
      outlineParentId: "gaps/nist",
    });
    // A framework the names do not know is printed by its id.
    expect(attack![0]).toEqual({ text: "mitre-attack", style: "cell" });
    expect(attack![1]).toMatchObject({ text: "T1110", outlineText: "T1110 Title T1110" });
  });
});

describe("gap report: counts by reason and by framework", () => {
  it("counts controls and techniques per reason that occurs, in the reasons' order, and all gaps", () => {
    const table = reasonSummary(GAPS) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.widths).toEqual(["*", 70, 70, 70]);
    expect(table.layout).toBe(GRID_LAYOUT);
    expect(table.margin).toEqual([0, 0, 0, 8]);
    const [header, noRule, silent, all, ...rest] = body(table);
    expect(rest).toEqual([]);
    expect(header).toEqual(
      ["Reason", "Controls", "ATT&CK techniques", "Total"].map((text) => ({ text, style: "tableHeader" })),
    );
    expect(noRule).toEqual([
      { text: "No rule", style: "cell", alignment: "left", bold: true },
      { text: "1", style: "cell", alignment: "right", bold: false },
      { text: "0", style: "cell", alignment: "right", bold: false },
      { text: "1", style: "cell", alignment: "right", bold: true },
    ]);
    expect(texts(silent)).toEqual(["Source silent", "2", "1", "3"]);
    expect(all).toEqual([
      { text: "All gaps", style: "cell", alignment: "left", bold: true },
      { text: "3", style: "cell", alignment: "right", bold: true },
      { text: "1", style: "cell", alignment: "right", bold: true },
      { text: "4", style: "cell", alignment: "right", bold: true },
    ]);
    expect(texts(body(reasonSummary([])).at(-1))).toEqual(["All gaps", "0", "0", "0"]);
    expect(body(reasonSummary([]))).toHaveLength(2);
  });

  it("counts gaps per framework in the names' order, each name linking to its section", () => {
    const table = frameworkSummary(GAPS, NAMES, (id) => `gaps/${id}`) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.widths).toEqual(["*", 70]);
    expect(table.layout).toBe(GRID_LAYOUT);
    expect(table.margin).toEqual([0, 0, 0, 8]);
    const [header, pci, ...rest] = body(table);
    expect(header).toEqual([
      { text: "Framework", style: "tableHeader" },
      { text: "Gaps", style: "tableHeader" },
    ]);
    expect(pci).toEqual([
      {
        text: "PCI DSS",
        linkToDestination: "gaps/pci",
        color: "#1A4F8B",
        decoration: "underline",
        style: "cell",
        bold: true,
      },
      { text: "2", style: "cell", alignment: "right", bold: false },
    ]);
    expect(rest.map(texts)).toEqual([
      ["NIST", "1"],
      ["MITRE ATT&CK 18.1", "1"],
      ["Empty framework", "0"],
    ]);
  });
});

const ACTION: PlanAction = {
  rank: 1,
  edit: "--enable-rule r-valid",
  summary: "Enable Console login without MFA",
  gain: 7,
  techniques: [
    { id: "T1078", from: 2, to: 3 },
    { id: "T1110", from: 3, to: 2 },
  ],
  controls: [{ framework: "pci", id: "8.3.9", from: "fail", to: "pass" }],
  cumulative: {
    techniques: [
      { id: "T1078", from: 2, to: 3 },
      { id: "T1059", from: 0, to: 4 },
    ],
    controls: [],
  },
} as unknown as PlanAction;

describe("gap report: next actions", () => {
  const planned = (actions: PlanAction[]) => ({ plan: { candidates: 12, actions } }) as unknown as ReportInput;

  it("is absent without a plan", () => {
    expect(actionsSection({ plan: undefined } as unknown as ReportInput)).toEqual([]);
    expect(actionsSection({ plan: null } as unknown as ReportInput)).toEqual([]);
  });

  it("says so when no candidate would raise coverage", () => {
    expect(actionsSection(planned([]))).toEqual([
      {
        text: "Next actions",
        style: "h1",
        id: "next-actions",
        outline: true,
        outlineText: "Next actions",
        pageBreak: "before",
      },
      { text: "None of the 12 candidate changes read from the evidence would raise coverage.", style: "narrative" },
    ]);
  });

  it("ranks the actions with their edit, what they move, their gain and their effect alone and with those above", () => {
    expect(ACTIONS_HEADING).toBe("Next actions");
    const section = actionsSection(planned([ACTION]));
    expect(section).toHaveLength(3);
    expect(section[1]).toEqual({
      text: "The changes that would raise coverage most, ranked from 12 candidates read from the evidence. Each counts only what the actions above it have not already changed; each is an edit `ddproof whatif` takes, so its effect can be checked offline.",
      style: "narrative",
    });
    expect(section[2]).toEqual(actionsTable([ACTION]));
    const table = actionsTable([ACTION]) as ContentTable;
    expect(table.table.headerRows).toBe(1);
    expect(table.table.dontBreakRows).toBe(true);
    expect(table.table.widths).toEqual([18, "*", 30, 110]);
    expect(table.layout).toBe(GRID_LAYOUT);
    expect(table.margin).toEqual([0, 0, 0, 8]);
    expect(table.table.body).toEqual([
      ["#", "Action", "Gain", "Effect"].map((text) => ({ text, style: "tableHeader" })),
      [
        { text: "1", style: "cell", alignment: "right" },
        {
          stack: [
            { text: "--enable-rule r-valid", style: "cell", bold: true },
            { text: "Enable Console login without MFA", style: "cell" },
            { text: "Moves: T1078 2 to 3, T1110 3 to 2, pci 8.3.9 fail to pass", style: "cell", color: "#4a4a4a" },
          ],
        },
        { text: "7", style: "cell", alignment: "right" },
        {
          text: "1 technique up, 1 control moved; with the actions above: 2 techniques up, 0 controls moved",
          style: "cell",
          alignment: "left",
        },
      ],
    ]);
  });
});

/** The fixture's current snapshot with `extra` more detection rules. */
function withExtraRules(extra: number): Snapshot {
  const snapshot = currentSnapshot();
  const rules = snapshot.collectors.rules;
  if (rules.status !== "ok") throw new Error("the fixture's rules part failed");
  for (let i = 0; i < extra; i += 1)
    rules.data.rules.push(
      detectionRule({ id: `r-bulk-${String(i).padStart(2, "0")}`, name: `Bulk ${String(i).padStart(2, "0")}` }),
    );
  return snapshot;
}

/** Each node of a changes section in short: an h2's text, "None.", a table's widths and rows. */
function outlineOf(section: Content[]): unknown[] {
  return section.map((node) => {
    const table = node as ContentTable;
    if (table.table === undefined) return node;
    return {
      widths: table.table.widths,
      headerRows: table.table.headerRows,
      dontBreakRows: table.table.dontBreakRows,
      grid: table.layout === GRID_LAYOUT,
      rows: table.table.body.length - 1,
    };
  });
}

describe("gap report: changes since the previous run", () => {
  it("is absent without a previous run", async () => {
    const input = await reportInput({ kind: "gap" });
    expect(changesSection(input, narrativeContext(input))).toEqual([]);
  });

  it("lists new, closed and changed gaps, rules and log sources with their counts, None. for an empty list", async () => {
    const input = await reportInput({ kind: "gap", previous: previousSnapshot() });
    const section = changesSection(input, narrativeContext(input));
    expect(changesHeading(PREVIOUS_LABEL)).toBe("Changes since nightly-2026-09-30");
    expect(section[0]).toEqual({
      text: "Changes since nightly-2026-09-30",
      style: "h1",
      id: "changes",
      outline: true,
      outlineText: "Changes since nightly-2026-09-30",
      pageBreak: "before",
    });
    expect(section[1]).toEqual({
      text: "Compared with the run nightly-2026-09-30, collected 2026-09-30 06:00 UTC. New gaps opened since then, closed gaps no longer appear, and changed gaps are open in both runs with a different reason.",
      style: "narrative",
    });
    const none = { text: "None.", style: "narrative" };
    const h2 = (text: string) => ({ text, style: "h2" });
    const gapTableShape = (rows: number) => ({
      widths: ["13%", "10%", "20%", "8%", "11%", "38%"],
      headerRows: 1,
      dontBreakRows: true,
      grid: true,
      rows,
    });
    const ruleShape = { widths: ["56%", "22%", "22%"], headerRows: 1, dontBreakRows: true, grid: true, rows: 1 };
    expect(outlineOf(section.slice(2))).toEqual([
      h2("New gaps (10)"),
      gapTableShape(10),
      h2("Closed gaps (0)"),
      none,
      h2("Gaps with a new reason (3)"),
      { widths: ["15%", "11%", "44%", "15%", "15%"], headerRows: 1, dontBreakRows: true, grid: true, rows: 3 },
      h2("Rules added (0)"),
      none,
      h2("Rules removed (1)"),
      ruleShape,
      h2("Rules enabled (0)"),
      none,
      h2("Rules disabled (1)"),
      ruleShape,
      h2("Log sources gone silent (1)"),
      { text: "github", style: "narrative" },
      h2("Log sources back (0)"),
      none,
    ]);
    // New gaps name their framework.
    expect(body(section[3])[1]![0]).toEqual({ text: "PCI DSS", style: "cell" });
    expect(body(section[7])).toEqual([
      ["Framework", "ID", "Title", "Reason before", "Reason now"].map((text) => ({ text, style: "tableHeader" })),
      [
        { text: "PCI DSS", style: "cell" },
        { text: "8.3.9", style: "cell", bold: true },
        {
          text: "Password-only access: rotate every 90 days or use dynamic risk-based access analysis.",
          style: "cell",
        },
        { text: "Attestation missing", style: "cell" },
        { text: "Rule disabled", style: "cell", bold: true },
      ],
      ...body(section[7]).slice(2),
    ]);
    expect(body(section[11])).toEqual([
      ["Rule", "ID", "Type"].map((text) => ({ text, style: "tableHeader" })),
      [
        { text: "Legacy VPN brute force", style: "cell" },
        { text: "r-retired", style: "cell" },
        { text: "log_detection", style: "cell" },
      ],
    ]);
    expect(texts(body(section[15])[1])).toEqual(["Console login without MFA", "r-valid", "log_detection"]);
  });

  it("lists the other direction: closed gaps, rules added and enabled, sources back", async () => {
    const input = await reportInput({ kind: "gap", snapshot: previousSnapshot(), previous: currentSnapshot() });
    const section = changesSection(input, narrativeContext(input));
    const headings = section
      .filter((node) => (node as ContentText).style === "h2")
      .map((node) => (node as ContentText).text);
    expect(headings).toEqual([
      "New gaps (0)",
      "Closed gaps (10)",
      "Gaps with a new reason (3)",
      "Rules added (1)",
      "Rules removed (0)",
      "Rules enabled (1)",
      "Rules disabled (0)",
      "Log sources gone silent (0)",
      "Log sources back (1)",
    ]);
    expect(section.at(-1)).toEqual({ text: "github", style: "narrative" });
  });

  it("lists 50 rules and leaves the rest to changes.json", async () => {
    expect(MAX_CHANGED_RULES).toBe(50);
    const fifty = await reportInput({ kind: "gap", snapshot: withExtraRules(50), previous: currentSnapshot() });
    const exact = changesSection(fifty, narrativeContext(fifty));
    const addedAt = exact.findIndex((node) => (node as ContentText).text === "Rules added (50)");
    expect(body(exact[addedAt + 1])).toHaveLength(51);
    expect(exact[addedAt + 2]).toEqual({ text: "Rules removed (0)", style: "h2" });

    const more = await reportInput({ kind: "gap", snapshot: withExtraRules(52), previous: currentSnapshot() });
    const cut = changesSection(more, narrativeContext(more));
    const at = cut.findIndex((node) => (node as ContentText).text === "Rules added (52)");
    const rows = body(cut[at + 1]);
    expect(rows).toHaveLength(51);
    expect(texts(rows[50])).toEqual(["Bulk 49", "r-bulk-49", "log_detection"]);
    expect(cut[at + 2]).toEqual({ text: "… and 2 more in changes.json.", style: "note" });
  });

  it("prints the notes on lists it could not compare", async () => {
    const failed = currentSnapshot();
    const { data: _, ...meta } = failed.collectors.rules as { data: unknown };
    failed.collectors.rules = { ...meta, status: "error", error: "rules request failed with HTTP 500" } as never;
    const input = await reportInput({ kind: "gap", snapshot: failed, previous: previousSnapshot() });
    const section = changesSection(input, narrativeContext(input));
    const notes = section.filter((node) => (node as ContentText).style === "note");
    expect(notes.length).toBeGreaterThan(0);
    expect(notes[0]).toEqual({
      text: expect.stringContaining("are not compared: the rules collector failed in the current snapshot"),
      style: "note",
    });
    expect(section.indexOf(notes[0]!)).toBe(2);
  });
});

describe("the cover", () => {
  it("titles the report, names the company and period, and lists the facts of the evidence", async () => {
    const input = await reportInput({ kind: "gap" });
    const context = narrativeContext(input);
    const [title, subtitle, facts, banner, ...narrative] = cover(input, context);
    expect(title).toEqual({ text: "Gap report", style: "title" });
    expect(subtitle).toEqual({ text: `${COMPANY} · 2026-Q3`, style: "subtitle" });
    expect((facts as ContentTable).table.widths).toEqual([130, "*"]);
    expect((facts as ContentTable).layout).toBe(GRID_LAYOUT);
    const rows = body(facts);
    expect(rows[0]).toEqual([
      { text: "Organisation", bold: true, fontSize: 9 },
      { text: COMPANY, fontSize: 9 },
    ]);
    expect(rows.map(texts)).toEqual([
      ["Organisation", COMPANY],
      ["Datadog site", "datadoghq.com"],
      ["Period", "2026-Q3"],
      ["Query window", "2026-07-01 00:00 UTC to 2026-10-01 00:00 UTC (92 days)"],
      ["Evidence collected", "2026-10-01 06:00 UTC"],
      ["Collected by", "ddproof 0.0.0-test"],
      [
        "Tool and catalog versions",
        "ddproof 0.0.0-test, pci-dss-4.0.1 4.0.1, soc2-2017 2017 (points of focus 2022), hipaa-security-rule 45 CFR 164.308–164.316, datadog-baseline 1, mitre-attack 18.1",
      ],
    ]);
    expect(((banner as ContentTable).table.body[0]![0] as ContentText).text).toBe(
      "COMPLETE: all 11 collectors succeeded",
    );
    expect(narrative.map((node) => (node as ContentText).style)).toEqual(["narrative", "narrative"]);
    expect((narrative[0] as ContentText).text).toMatch(/^Gap report for Smith & Jones <Ltd>, covering 2026-Q3/);
    const unversioned = body(cover({ ...input, versions: {} }, context)[2]);
    expect(texts(unversioned[6])).toEqual(["Tool and catalog versions", "(not recorded)"]);
  });
});
