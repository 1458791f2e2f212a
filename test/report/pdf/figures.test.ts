/**
 * The figures the PDFs print, read back with PDF.js and compared with the
 * assessment each PDF was rendered from: counts per status per framework
 * (evidence pack), gap counts by reason and by framework (gap report), and
 * technique counts per score, overall and per tactic (evidence pack and
 * ATT&CK heatmap). Expected values are computed from the input, never
 * written down, so a table that prints the wrong column fails here.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ControlStatus } from "../../../src/assess/schema.js";
import type { ReportFormat, ReportInput } from "../../../src/report/contract.js";
import { format as pdfAttackFormat } from "../../../src/report/formats/pdf-attack.js";
import { format as pdfEvidenceFormat } from "../../../src/report/formats/pdf-evidence.js";
import { format as pdfGapFormat } from "../../../src/report/formats/pdf-gap.js";
import { GAP_REASON_LABELS, gapsOf } from "../../../src/report/gaps.js";
import { MATRIX_HEADING } from "../../../src/report/pdf/attack-heatmap.js";
import { matrixHeading } from "../../../src/report/pdf/evidence/control-matrix.js";
import { SUMMARY_HEADING } from "../../../src/report/pdf/evidence/executive-summary.js";
import { frameworkNames } from "../../../src/report/pdf/framework-names.js";
import { ALL_GAPS_HEADING, SUMMARY_HEADING as GAP_SUMMARY_HEADING } from "../../../src/report/pdf/gap-report.js";
import { SCORE_SWATCHES, STATUS_ORDER, statusSwatch } from "../../../src/report/pdf/presentation.js";
import { pdfText } from "../../helpers/pdf.js";
import { previousSnapshot, reportInput } from "./fixtures/report-input.js";

async function renderText(format: ReportFormat, input: ReportInput): Promise<string> {
  const [file] = await format.render(input);
  if (file === undefined || !("bytes" in file)) throw new Error(`${format.id} did not return bytes`);
  return pdfText(file.bytes, { layout: true });
}

/** The text between two headings (the first occurrence of each, in order). */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from);
  expect(start, `"${from}" in the PDF`).toBeGreaterThanOrEqual(0);
  const end = text.indexOf(to, start + from.length);
  expect(end, `"${to}" after "${from}"`).toBeGreaterThan(start);
  return text.slice(start, end);
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The cells after `label` on the one table row (a layout line) that starts with it and continues
 * with exactly `cells` figures; an en dash (printed for zero) reads as 0.
 */
function rowFigures(text: string, label: string, cells: number): number[] {
  const figure = "(?:\\d+|–)";
  const pattern = new RegExp(`^\\s*${literal(label)}((?:\\s+${figure}){${cells}})\\s*$`);
  const rows = text.split("\n").filter((line) => pattern.test(line));
  expect(rows, `one row "${label}" with ${cells} figures`).toHaveLength(1);
  const [, figures = ""] = pattern.exec(rows[0] ?? "") ?? [];
  return figures
    .trim()
    .split(/\s+/)
    .map((cell) => (cell === "–" ? 0 : Number(cell)));
}

/** The labels must occur on one line of `text`, left to right. */
function expectHeaderOrder(text: string, labels: readonly string[]): void {
  const line = text.split("\n").find((candidate) => labels.every((label) => candidate.includes(label))) ?? "";
  const positions = labels.map((label) => line.indexOf(label));
  expect(
    positions.every((position) => position >= 0),
    `a header line holding ${labels.join(", ")}`,
  ).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
}

describe("PDF figures match the assessment they were rendered from", () => {
  let evidenceInput: ReportInput;
  let evidenceText: string;
  let gapInput: ReportInput;
  let gapText: string;
  let attackInput: ReportInput;
  let attackText: string;

  beforeAll(async () => {
    [evidenceInput, gapInput, attackInput] = await Promise.all([
      reportInput({ kind: "evidence" }),
      reportInput({ kind: "gap", previous: previousSnapshot() }),
      reportInput({ kind: "attack" }),
    ]);
    [evidenceText, gapText, attackText] = await Promise.all([
      renderText(pdfEvidenceFormat, evidenceInput),
      renderText(pdfGapFormat, gapInput),
      renderText(pdfAttackFormat, attackInput),
    ]);
  });

  it("evidence pack: the count of every status, and the total, per framework", () => {
    const frameworks = evidenceInput.assessment.frameworks;
    expect(frameworks.length).toBeGreaterThan(0);
    const [first] = frameworks;
    const summary = section(evidenceText, SUMMARY_HEADING, first === undefined ? "" : matrixHeading(first));
    expectHeaderOrder(summary, ["Framework", ...STATUS_ORDER.map((status) => statusSwatch(status).label), "Total"]);
    for (const framework of frameworks) {
      const counts = STATUS_ORDER.map((status) => framework.summary[status]);
      const total = counts.reduce((sum, count) => sum + count, 0);
      expect(total, `${framework.id} has controls`).toBe(framework.controls.length);
      expect(rowFigures(summary, framework.name, STATUS_ORDER.length + 1), framework.name).toEqual([...counts, total]);
      // The bar under the table is labelled with the same total.
      expect(summary).toMatch(new RegExp(`^\\s*${literal(framework.name)}\\s+${total} controls\\s*$`, "m"));
    }
    // The fixture has controls of several statuses, so a column showing another's count cannot pass.
    const seen = new Set<ControlStatus>(
      frameworks.flatMap((framework) => STATUS_ORDER.filter((status) => framework.summary[status] > 0)),
    );
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it("evidence pack: ATT&CK techniques per score", () => {
    const attack = evidenceInput.assessment.attack;
    if (attack === null) throw new Error("the evidence fixture has an ATT&CK assessment");
    const heading = `MITRE ATT&CK ${attack.version}: techniques by score`;
    const block = section(evidenceText, heading, "Techniques scoring below");
    const labels = SCORE_SWATCHES.map((swatch) => `${swatch.score} ${swatch.label}`);
    expectHeaderOrder(block, labels);
    const topLevel = attack.techniques.filter((technique) => technique.parent === null);
    const expected = SCORE_SWATCHES.map(
      (swatch) => topLevel.filter((technique) => technique.score === swatch.score).length,
    );
    const countsLine = block.split("\n").find((line) => /^(\s+\d+){6}\s*$/.test(line)) ?? "";
    expect(countsLine.trim().split(/\s+/).map(Number), countsLine).toEqual(expected);
    // A technique below the threshold is a gap unless a disposition was recorded for it.
    const gaps = attack.techniques.filter(
      (technique) => technique.score < attack.gap_below && technique.disposition === null,
    ).length;
    expect(evidenceText).toContain(`Techniques scoring below ${attack.gap_below} are gaps (${gaps} techniques`);
  });

  it("gap report: gaps by reason (controls, techniques, total) and by framework", () => {
    const gaps = gapsOf(gapInput.assessment);
    expect(gaps.length).toBeGreaterThan(0);
    const summary = section(gapText, GAP_SUMMARY_HEADING, ALL_GAPS_HEADING);
    const reasons = [...new Set(gaps.map((gap) => gap.reason_code))];
    expect(reasons.length).toBeGreaterThan(1);
    for (const reason of reasons) {
      const matching = gaps.filter((gap) => gap.reason_code === reason);
      const controls = matching.filter((gap) => gap.subject === "control").length;
      expect(rowFigures(summary, GAP_REASON_LABELS[reason], 3), reason).toEqual([
        controls,
        matching.length - controls,
        matching.length,
      ]);
    }
    const controls = gaps.filter((gap) => gap.subject === "control").length;
    expect(rowFigures(summary, "All gaps", 3)).toEqual([controls, gaps.length - controls, gaps.length]);
    // Every control gap is a control of the framework that does not pass.
    const byFramework = section(summary, "Gaps by framework", "Changes since");
    for (const [id, name] of frameworkNames(gapInput.assessment)) {
      const own = gaps.filter((gap) => gap.framework === id);
      const framework = gapInput.assessment.frameworks.find((candidate) => candidate.id === id);
      if (framework !== undefined) {
        const notPassing = framework.controls.filter((control) =>
          ["fail", "unknown", "partial", "manual"].includes(control.status),
        ).length;
        expect(own.length, id).toBeLessThanOrEqual(notPassing);
      }
      expect(rowFigures(byFramework, name, 1), name).toEqual([own.length]);
    }
  });

  it("ATT&CK heatmap: techniques per tactic and score, and per tactic in the matrix", () => {
    const attack = attackInput.assessment.attack;
    const tactics = attackInput.attack?.tactics ?? [];
    if (attack === null) throw new Error("the attack fixture has an ATT&CK assessment");
    expect(tactics.length).toBeGreaterThan(0);
    const table = section(attackText, "Techniques per tactic and score", MATRIX_HEADING);
    expectHeaderOrder(table, [
      "Tactic",
      ...SCORE_SWATCHES.map((swatch) => `${swatch.score} ${swatch.label}`),
      "Techniques",
    ]);
    const topLevel = attack.techniques.filter((technique) => technique.parent === null);
    const totals: number[] = [];
    for (const tactic of tactics) {
      const own = topLevel.filter((technique) => technique.tactics.includes(tactic.shortname));
      const expected = SCORE_SWATCHES.map(
        (swatch) => own.filter((technique) => technique.score === swatch.score).length,
      );
      expect(rowFigures(table, `${tactic.name} (${tactic.id})`, SCORE_SWATCHES.length + 1), tactic.id).toEqual([
        ...expected,
        own.length,
      ]);
      totals.push(own.length);
    }
    // More than one score is reached somewhere, so swapped score columns cannot pass.
    expect(new Set(topLevel.map((technique) => technique.score)).size).toBeGreaterThan(2);
    // The matrix heads each tactic's grid with its technique count, in tactic order.
    const matrix = attackText.slice(attackText.indexOf(MATRIX_HEADING));
    expect([...matrix.matchAll(/\(TA\d{4}\)\s+(\d+) techniques/g)].map((match) => Number(match[1]))).toEqual(totals);
  });
});
