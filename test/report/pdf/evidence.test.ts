/**
 * The evidence pack's sections, pinned value for value: attestation lines
 * and the attestations table, the control matrix (groups, running headers,
 * bookmarks, indentation, reasons, cut evidence lists), the executive
 * summary and the collection appendix. The control matrix is built from a
 * framework written here; the other sections read the fixture's assessment.
 */
import type { Content, ContentTable, ContentText, TableCell } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { AppliedAttestation, FrameworkResult } from "../../../src/assess/schema.js";
import type { FrameworkCatalog } from "../../../src/catalogs/schema.js";
import { GRID_LAYOUT } from "../../../src/report/pdf/document.js";
import {
  ATTESTATION_STATE_LABELS,
  ATTESTATION_TYPE_LABELS,
  attestationLine,
} from "../../../src/report/pdf/evidence/attestation-text.js";
import { ATTESTATIONS_HEADING, attestationsSection } from "../../../src/report/pdf/evidence/attestations.js";
import { APPENDIX_HEADING, collectionAppendix } from "../../../src/report/pdf/evidence/collection-appendix.js";
import {
  controlMatrix,
  frameworkSectionId,
  MAX_EVIDENCE_LISTED,
  matrixHeading,
} from "../../../src/report/pdf/evidence/control-matrix.js";
import { executiveSummary, SUMMARY_HEADING } from "../../../src/report/pdf/evidence/executive-summary.js";
import { narrativeContext } from "../../../src/report/pdf/narrative.js";
import { control, finding } from "./fixtures/control-results.js";
import { currentSnapshot, incompleteSnapshot, reportInput } from "./fixtures/report-input.js";

const body = (content: Content | undefined) => (content as ContentTable).table.body as TableCell[][];
const texts = (row: readonly TableCell[] | undefined) => (row ?? []).map((cell) => (cell as ContentText).text);

function attestation(overrides: Partial<AppliedAttestation> = {}): AppliedAttestation {
  return {
    type: "evidence",
    owner: "jane@example.com",
    reason: "Reviewed weekly",
    date: "2026-07-01",
    expires: "2027-06-30",
    links: [],
    state: "active",
    ...overrides,
  };
}

describe("an attestation in words", () => {
  it("names type, owner and validity, and the state in bold unless active", () => {
    expect(ATTESTATION_TYPE_LABELS).toEqual({
      evidence: "Evidence",
      risk_acceptance: "Risk acceptance",
      not_applicable: "Not applicable",
    });
    expect(ATTESTATION_STATE_LABELS).toEqual({ active: "active", expired: "EXPIRED", not_yet_valid: "not yet valid" });
    expect(attestationLine(attestation())).toEqual({
      text: ["Evidence by jane@example.com, 2026-07-01 to 2027-06-30: ", { text: "active", bold: false }],
    });
    expect(attestationLine(attestation({ type: "risk_acceptance", state: "expired" }))).toEqual({
      text: ["Risk acceptance by jane@example.com, 2026-07-01 to 2027-06-30: ", { text: "EXPIRED", bold: true }],
    });
    expect(attestationLine(attestation({ type: "not_applicable", state: "not_yet_valid" })).text).toEqual([
      "Not applicable by jane@example.com, 2026-07-01 to 2027-06-30: ",
      { text: "not yet valid", bold: true },
    ]);
  });
});

describe("the attestations section", () => {
  it("tabulates every applied attestation, controls then techniques, the state in words on its colour", async () => {
    const input = await reportInput({ kind: "evidence" });
    const [heading, note, table, ...rest] = attestationsSection(input.assessment);
    expect(rest).toEqual([]);
    expect(ATTESTATIONS_HEADING).toBe("Attestations and risk acceptances");
    expect(heading).toEqual({
      text: "Attestations and risk acceptances",
      style: "h1",
      id: "attestations",
      outline: true,
      outlineText: "Attestations and risk acceptances",
      pageBreak: "before",
      pageOrientation: "portrait",
    });
    expect(note).toEqual({
      text: "3 recorded; 1 expired (an expired attestation no longer counts and its control falls back to its evidence or to manual).",
      style: "note",
    });
    const tableNode = table as ContentTable;
    expect(tableNode.table.headerRows).toBe(1);
    expect(tableNode.table.dontBreakRows).toBe(true);
    expect(tableNode.table.widths).toEqual(["11%", "7%", "9%", "14%", "10%", "10%", "11%", "28%"]);
    expect(tableNode.layout).toBe(GRID_LAYOUT);
    const [header, expired, active, technique] = body(table);
    expect(header).toEqual(
      ["Framework", "Control", "Type", "Owner", "Date", "Expires", "State", "Reason and links"].map((text) => ({
        text,
        style: "tableHeader",
      })),
    );
    expect(expired).toEqual([
      { text: "PCI DSS", style: "cell" },
      { text: "5.4.1", style: "cell", bold: true },
      { text: "Risk acceptance", style: "cell" },
      { text: "ciso@example.com", style: "cell" },
      { text: "2026-01-15", style: "cell" },
      { text: "2026-06-30", style: "cell" },
      { text: "EXPIRED", fillColor: "#D55E00", color: "#000000", bold: true, alignment: "center", fontSize: 7 },
      { text: ["Phishing is handled by the mail gateway"], style: "cell" },
    ]);
    expect(active![6]).toEqual({
      text: "ACTIVE",
      fillColor: "#009E73",
      color: "#000000",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
    expect(active![7]).toEqual({
      text: [
        "Logging failures are reviewed weekly (SOC runbook)",
        "\nhttps://wiki.example.com/soc/runbook#logging-failures-and-a-very-long-anchor-that-cannot-break",
      ],
      style: "cell",
    });
    expect(texts(technique).slice(0, 3)).toEqual(["MITRE ATT&CK 18.1", "T1566", "Risk acceptance"]);
  });

  it("marks a not yet valid attestation on the unknown colour", async () => {
    const input = await reportInput({ kind: "evidence" });
    const [framework] = input.assessment.frameworks;
    const assessment = {
      ...input.assessment,
      attack: null,
      frameworks: [
        {
          ...framework!,
          controls: framework!.controls.map((control, i) => ({
            ...control,
            attestations: i === 0 ? [attestation({ state: "not_yet_valid" })] : [],
          })),
        },
      ],
    };
    const [, note, table] = attestationsSection(assessment);
    expect((note as ContentText).text).toMatch(/^1 recorded; 0 expired /);
    expect(body(table)).toHaveLength(2);
    expect(body(table)[1]![6]).toEqual({
      text: "NOT YET VALID",
      fillColor: "#8C8C8C",
      color: "#000000",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
  });

  it("says so when nothing was attested", async () => {
    const input = await reportInput({ kind: "evidence" });
    const assessment = {
      ...input.assessment,
      attack: null,
      frameworks: input.assessment.frameworks.map((framework) => ({
        ...framework,
        controls: framework.controls.map((control) => ({ ...control, attestations: [] })),
      })),
    };
    const section = attestationsSection(assessment);
    expect(section).toHaveLength(2);
    expect(section[1]).toEqual({
      text: "No attestations or risk acceptances were recorded for this run.",
      style: "narrative",
    });
  });
});

const MANY_REFS = [
  { type: "rule", id: "r1", label: "First rule" },
  { type: "rule", id: "r2" },
  { type: "rule", id: "r1", label: "First rule again" },
  { type: "rule", id: "r3" },
  { type: "host", id: "h1" },
  { type: "rule", id: "r4" },
  { type: "rule", id: "r5" },
  { type: "host", id: "h2" },
] as const;

const FRAMEWORK: FrameworkResult = {
  id: "fw",
  name: "Frame",
  version: "1",
  summary: { pass: 1, partial: 1, fail: 2, unknown: 0, manual: 0, accepted: 0, not_applicable: 1 },
  controls: [
    control({ id: "1", title: "Group one", parent: null, status: "fail", status_from: "children" }),
    control({
      id: "1.1",
      label: "1.1-L",
      parent: "1",
      status: "fail",
      status_from: "own",
      findings: [finding({ status: "fail", reason: "No rule covers it", evidence: [...MANY_REFS] })],
    }),
    control({
      id: "1.1.1",
      parent: "1.1",
      status: "fail",
      status_from: "own",
      findings: [
        finding({ status: "pass", reason: "A rule exists", evidence: [{ type: "rule", id: "r9" }] }),
        finding({ status: "fail", reason: "It never fired", evidence: [{ type: "rule", id: "r9" }] }),
        finding({ status: "manual", reason: "Attest the runbook", informational: true }),
      ],
      attestations: [attestation(), attestation({ state: "expired", owner: "bob@example.com" })],
    }),
    control({ id: "1.1.1.1", parent: "1.1.1", status: "pass", status_from: "own" }),
    control({
      id: "2",
      title: "Group two",
      parent: null,
      status: "partial",
      status_from: "own",
      findings: [finding({ status: "partial", reason: "Half there", evidence: [{ type: "source", id: "okta" }] })],
    }),
    control({ id: "3", title: "Group three", parent: null, status: "not_applicable", status_from: "children" }),
  ],
};

describe("the control matrix", () => {
  const snapshot = currentSnapshot();

  it("opens with a bookmarked heading and a note naming the controls, grouping and CSV", () => {
    expect(matrixHeading(FRAMEWORK)).toBe("Control matrix: Frame");
    expect(frameworkSectionId(FRAMEWORK)).toBe("controls/fw");
    const matrix = controlMatrix(FRAMEWORK, undefined, snapshot);
    expect(matrix[0]).toEqual({
      text: "Control matrix: Frame",
      style: "h1",
      id: "controls/fw",
      outline: true,
      outlineText: "Control matrix: Frame",
      pageBreak: "before",
    });
    expect(matrix[1]).toEqual({
      text: "Frame 1: 6 controls, grouped by group, in the framework's order (also in controls-fw.csv).",
      style: "note",
    });
    // Three groups: an anchor and a table each.
    expect(matrix).toHaveLength(8);
  });

  it("prints the catalog's text policy and notes small, and groups by the catalog's word", () => {
    const catalog = {
      presentation: { group_label: "Requirement" },
      text_policy: "Our own words.",
      notes: ["A subset."],
    } as unknown as FrameworkCatalog;
    const matrix = controlMatrix(FRAMEWORK, catalog, snapshot);
    expect((matrix[1] as ContentText).text).toContain("grouped by requirement,");
    expect(matrix.slice(2, 4)).toEqual([
      { text: "Our own words.", fontSize: 7, color: "#444444", margin: [0, 0, 0, 3] },
      { text: "A subset.", fontSize: 7, color: "#444444", margin: [0, 0, 0, 3] },
    ]);
    expect((matrix[4] as ContentText).outlineText).toBe("Requirement 1: Group one");
    const bare = controlMatrix(FRAMEWORK, { text_policy: "Only policy." } as unknown as FrameworkCatalog, snapshot);
    expect(bare[2]).toEqual({ text: "Only policy.", fontSize: 7, color: "#444444", margin: [0, 0, 0, 3] });
    expect((bare[3] as ContentText).outlineText).toBe("Group 1: Group one");
  });

  it("anchors each group's bookmark above its table, whose running first row names the framework and the roll-up", () => {
    const matrix = controlMatrix(FRAMEWORK, undefined, snapshot);
    expect(matrix[2]).toEqual({
      text: " ",
      fontSize: 1,
      lineHeight: 1,
      margin: [0, 0, 0, 0],
      id: "group/fw/1",
      outline: true,
      outlineText: "Group 1: Group one",
      outlineParentId: "controls/fw",
    });
    const table = matrix[3] as ContentTable;
    expect(table.table.headerRows).toBe(2);
    expect(table.table.dontBreakRows).toBe(true);
    expect(table.table.widths).toEqual(["22%", "9%", "36%", "20%", "13%"]);
    expect(table.layout).toBe(GRID_LAYOUT);
    expect(table.margin).toEqual([0, 6, 0, 4]);
    const [running, header, ...rows] = body(table);
    expect(running).toEqual([
      {
        text: [
          { text: "Frame 1  ›  ", fontSize: 7.5, color: "#333333" },
          { text: " FAIL ", background: "#D55E00", color: "#000000", bold: true, fontSize: 8 },
          { text: "  Group 1: Group one", bold: true, fontSize: 9 },
          { text: "\nRolled up from 1 child controls: 1 fail", fontSize: 7.5, color: "#333333" },
        ],
        colSpan: 5,
        fillColor: "#F2F2F2",
      },
      "",
      "",
      "",
      "",
    ]);
    expect(header).toEqual(
      ["Control", "Status", "Reason", "Evidence", "Attestation"].map((text) => ({ text, style: "tableHeader" })),
    );
    // The group itself rolls up its children, so it is no row of its own.
    expect(rows.map((row) => ((row[0] as ContentText).text as [{ text: string }])[0].text)).toEqual([
      "1.1-L",
      "1.1.1",
      "1.1.1.1",
    ]);
  });

  it("indents by depth, bookmarks each control under its group, and cuts evidence after 5 naming the files", () => {
    expect(MAX_EVIDENCE_LISTED).toBe(5);
    const rows = body(controlMatrix(FRAMEWORK, undefined, snapshot)[3]).slice(2);
    expect(rows[0]).toEqual([
      {
        text: [{ text: "1.1-L", bold: true }, "\nTitle 1.1"],
        style: "cell",
        margin: [0, 0, 0, 0],
        id: "control/fw/1.1",
        outline: true,
        outlineText: "1.1-L Title 1.1",
        outlineParentId: "group/fw/1",
      },
      { text: [{ text: " FAIL ", background: "#D55E00", color: "#000000", bold: true, fontSize: 7 }] },
      { text: "No rule covers it", style: "cell" },
      {
        text: [
          "rule:r1 (First rule)",
          "rule:r2",
          "rule:r3",
          "host:h1",
          "rule:r4",
          "… and 2 more: see controls-fw.csv, populations/rules.csv, populations/agents.csv",
        ].join("\n"),
        style: "cell",
      },
      { text: "—", style: "cell", color: "#555555" },
    ]);
    expect((rows[1]![0] as { margin: number[] }).margin).toEqual([6, 0, 0, 0]);
    expect((rows[2]![0] as { margin: number[] }).margin).toEqual([12, 0, 0, 0]);
  });

  it("shows each counted check of a control with several, its notes marked, and its attestations", () => {
    const row = body(controlMatrix(FRAMEWORK, undefined, snapshot)[3])[3]!;
    expect(row[2]).toEqual({
      stack: [
        { text: [{ text: "PASS: ", bold: true }, "A rule exists"] },
        { text: [{ text: "FAIL: ", bold: true }, "It never fired"] },
        { text: [{ text: "MANUAL (note): ", bold: true }, "Attest the runbook"] },
      ],
      style: "cell",
    });
    // The same reference from two findings is listed once.
    expect(row[3]).toEqual({ text: "rule:r9", style: "cell" });
    expect(row[4]).toEqual({
      stack: [
        attestationLine(attestation()),
        attestationLine(attestation({ state: "expired", owner: "bob@example.com" })),
      ],
      style: "cell",
    });
    // No findings: the verdict says so, and no evidence.
    const empty = body(controlMatrix(FRAMEWORK, undefined, snapshot)[3])[4]!;
    expect(empty[2]).toEqual({ text: "No findings were recorded for this control", style: "cell" });
    expect(empty[3]).toEqual({ text: "—", style: "cell", color: "#555555" });
  });

  it("gives a top-level row judged by its own findings a row of its own, and an empty group only its first row", () => {
    const matrix = controlMatrix(FRAMEWORK, undefined, snapshot);
    const own = body(matrix[5]);
    expect(own).toHaveLength(3);
    expect(((own[0]![0] as ContentText).text as unknown[]).length).toBe(3);
    expect(own[2]!.slice(2, 4)).toEqual([
      { text: "Half there", style: "cell" },
      { text: "source:okta", style: "cell" },
    ]);
    expect((matrix[7] as ContentTable).table.headerRows).toBe(1);
    expect(body(matrix[7])).toHaveLength(1);
    expect(((body(matrix[7])[0]![0] as ContentText).text as unknown[])[3]).toEqual({
      text: "\nRolled up from 0 child controls: ",
      fontSize: 7.5,
      color: "#333333",
    });
  });

  it("cuts a long bookmark title to one line", () => {
    const long = "x".repeat(120);
    const framework = {
      ...FRAMEWORK,
      controls: [control({ id: "9", title: long, parent: null, status: "pass", status_from: "own" })],
    };
    const matrix = controlMatrix(framework, undefined, snapshot);
    expect((matrix[2] as ContentText).outlineText).toBe(`Group 9: ${"x".repeat(80)}…`);
    expect((body(matrix[3])[2]![0] as ContentText).outlineText).toBe(`9 ${"x".repeat(87)}…`);
  });
});

describe("the executive summary", () => {
  it("tabulates the frameworks' counts, draws their bars and legend, and counts techniques per score", async () => {
    const input = await reportInput({ kind: "evidence" });
    const summary = executiveSummary(input, narrativeContext(input), 523);
    expect(SUMMARY_HEADING).toBe("Executive summary");
    expect(summary[0]).toEqual({
      text: "Executive summary",
      style: "h1",
      id: "summary",
      outline: true,
      outlineText: "Executive summary",
    });
    expect(summary.map((node) => (node as ContentText).style ?? Object.keys(node as object)[0])).toEqual([
      "h1",
      "narrative",
      "narrative",
      "h2",
      "table",
      "columns",
      "columns",
      "columns",
      "columns",
      "columns",
      "h2",
      "table",
      "note",
    ]);
    expect(summary[3]).toEqual({ text: "Controls by status", style: "h2" });
    expect((body(summary[4])[1]![0] as ContentText).linkToDestination).toBe("controls/pci-dss-4.0.1");
    expect(summary[10]).toEqual({ text: "MITRE ATT&CK 18.1: techniques by score", style: "h2" });
    const scores = summary[11] as ContentTable;
    expect(scores.table.widths).toEqual(["*", "*", "*", "*", "*", "*"]);
    expect(scores.layout).toBe(GRID_LAYOUT);
    expect(scores.margin).toEqual([0, 0, 0, 6]);
    expect(body(scores)[0]![5]).toEqual({
      text: "5 Operated",
      fillColor: "#253494",
      color: "#FFFFFF",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
    expect(body(scores)[1]).toEqual(
      ["35", "177", "1", "1", "1", "1"].map((text) => ({ text, style: "cell", alignment: "center" })),
    );
    expect(summary[12]).toEqual({
      text: "Techniques scoring below 3 are gaps (684 techniques and sub-techniques). Sub-techniques are counted in attack-coverage.csv.",
      style: "note",
    });
  });

  it("leaves out the framework tables without frameworks and the scores without ATT&CK", async () => {
    const input = await reportInput({ kind: "evidence" });
    const bare = { ...input, assessment: { ...input.assessment, frameworks: [], attack: null } };
    const summary = executiveSummary(bare, narrativeContext(bare), 523);
    expect(summary[0]).toMatchObject({ text: "Executive summary" });
    expect(summary.filter((node) => (node as ContentText).style === "h2")).toEqual([]);
    expect(summary.filter((node) => "table" in (node as object) || "columns" in (node as object))).toEqual([]);
  });
});

describe("the collection appendix", () => {
  it("states the period and window, and lists each collector with what it asked, its status and accounting", async () => {
    const input = await reportInput({ kind: "evidence" });
    const appendix = collectionAppendix(input, narrativeContext(input));
    expect(APPENDIX_HEADING).toBe("Appendix: how this evidence was collected");
    expect(appendix[0]).toEqual({
      text: "Appendix: how this evidence was collected",
      style: "h1",
      id: "appendix",
      outline: true,
      outlineText: "Appendix: how this evidence was collected",
      pageBreak: "before",
    });
    expect((appendix[1] as ContentText).style).toBe("narrative");
    const facts = appendix[3] as ContentTable;
    expect(facts.table.widths).toEqual([110, "*"]);
    expect(facts.layout).toBe(GRID_LAYOUT);
    expect(facts.margin).toEqual([0, 0, 0, 8]);
    expect(facts.table.body).toEqual([
      [
        { text: "Period", bold: true, style: "cell" },
        { text: "2026-Q3", style: "cell" },
      ],
      [
        { text: "Query window", bold: true, style: "cell" },
        { text: "2026-07-01 00:00 UTC to 2026-10-01 00:00 UTC (92 days, end exclusive)", style: "cell" },
      ],
      [
        { text: "Collected at", bold: true, style: "cell" },
        { text: "2026-10-01 06:00 UTC", style: "cell" },
      ],
      [
        { text: "Datadog site", bold: true, style: "cell" },
        { text: "datadoghq.com", style: "cell" },
      ],
    ]);
    expect(appendix[4]).toEqual({ text: "Collectors", style: "h2" });
    const collectors = appendix[5] as ContentTable;
    expect(collectors.table.headerRows).toBe(1);
    expect(collectors.table.dontBreakRows).toBe(true);
    expect(collectors.table.widths).toEqual(["13%", "43%", "6%", "8%", "6%", "7%", "17%"]);
    expect(collectors.layout).toBe(GRID_LAYOUT);
    const [header, rules] = body(collectors);
    expect(header).toEqual(
      [
        "Collector",
        "What it collected and asked",
        "Status",
        "Requests",
        "Retries",
        "Duration",
        "Errors and warnings",
      ].map((text) => ({ text, style: "tableHeader" })),
    );
    expect(body(collectors)).toHaveLength(12);
    expect(rules).toEqual([
      { text: [{ text: "Detection rules", bold: true }, "\nrules"], style: "cell" },
      {
        text: [
          "Detection rules of every type, with their queries, cases, options and enabled state; a rule the client cannot parse is kept from its raw JSON and flagged.",
          "\n",
          { text: "v2 SecurityMonitoringApi.listSecurityMonitoringRules", bold: true },
          ": every rule, no filter; page number from 0, 100 per page, until a short page.",
        ],
        style: "cell",
      },
      { text: "OK", fillColor: "#009E73", color: "#000000", bold: true, alignment: "center", fontSize: 7 },
      { text: "1", style: "cell", alignment: "right" },
      { text: "0", style: "cell", alignment: "right" },
      { text: "0.0 s", style: "cell", alignment: "right" },
      { text: "—", style: "cell" },
    ]);
    expect(appendix.slice(6)).toEqual([
      { text: "Snapshot warnings", style: "h2" },
      { text: "None.", style: "narrative" },
    ]);
  });

  it("marks a failed collector, prints errors and warnings, durations in seconds, and lists the snapshot's warnings", async () => {
    const snapshot = incompleteSnapshot();
    const rules = snapshot.collectors.rules;
    rules.warnings = ["page 3 was retried", "a rule could not be parsed"];
    rules.duration_ms = 1250;
    rules.requests = 4;
    rules.retries = 2;
    const input = await reportInput({ kind: "evidence", snapshot });
    const appendix = collectionAppendix(input, narrativeContext(input));
    const rows = body(appendix[5]);
    expect(rows[1]!.slice(3)).toEqual([
      { text: "4", style: "cell", alignment: "right" },
      { text: "2", style: "cell", alignment: "right" },
      { text: "1.3 s", style: "cell", alignment: "right" },
      { text: "page 3 was retried\na rule could not be parsed", style: "cell" },
    ]);
    const signals = rows.find((row) => ((row[0] as ContentText).text as string[])[1] === "\nsignals")!;
    expect(signals[2]).toEqual({
      text: "FAILED",
      fillColor: "#D55E00",
      color: "#000000",
      bold: true,
      alignment: "center",
      fontSize: 7,
    });
    expect(signals[6]).toEqual({ text: "signals request failed with HTTP 500", style: "cell" });
    expect(appendix.at(-1)).toEqual({ ul: input.assessment.snapshot_warnings, fontSize: 8 });
    expect(input.assessment.snapshot_warnings.length).toBeGreaterThan(0);
  });
});
