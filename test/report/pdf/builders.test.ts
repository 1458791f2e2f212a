/**
 * The document builders as pure functions: the structure of what they
 * return (no rendering), that they leave their input alone and return the
 * same definition for the same input, and that colour never carries meaning
 * alone.
 */

import type { Content, ContentTable, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportInput } from "../../../src/report/contract.js";
import { buildAttackHeatmap, MATRIX_HEADING } from "../../../src/report/pdf/attack-heatmap.js";
import { NOTE_SEPARATOR } from "../../../src/report/pdf/blocks/heading.js";
import { tacticGrids, techniquesByTactic } from "../../../src/report/pdf/blocks/heatmap-grid.js";
import { MAX_EVIDENCE_LISTED, matrixHeading } from "../../../src/report/pdf/evidence/control-matrix.js";
import { buildEvidencePack, HEATMAP_HEADING } from "../../../src/report/pdf/evidence-pack.js";
import { changesHeading } from "../../../src/report/pdf/gap/changes-section.js";
import { buildGapReport } from "../../../src/report/pdf/gap-report.js";
import { scoreSwatch } from "../../../src/report/pdf/presentation.js";
import { PREVIOUS_LABEL, previousSnapshot, reportInput } from "./fixtures/report-input.js";

/** Every object node of a definition, depth first. */
function nodes(value: unknown, out: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(value)) value.forEach((item) => nodes(item, out));
  else if (value !== null && typeof value === "object") {
    out.push(value as Record<string, unknown>);
    Object.values(value).forEach((child) => nodes(child, out));
  }
  return out;
}

function plainText(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return value.map(plainText).join("");
  if (value !== null && typeof value === "object" && "text" in value)
    return plainText((value as { text: unknown }).text);
  return "";
}

const headings = (doc: TDocumentDefinitions) =>
  nodes(doc.content)
    .filter((node) => node.style === "h1")
    // A heading may carry a note after it.
    .map((node) => plainText(node.text).split(NOTE_SEPARATOR)[0]);

const tables = (doc: { content: unknown }) =>
  nodes(doc.content).filter((node): node is ContentTable & Record<string, unknown> => "table" in node);

describe("PDF document builders", () => {
  let evidence: ReportInput;
  let attack: ReportInput;

  beforeAll(async () => {
    evidence = await reportInput({ kind: "evidence" });
    attack = await reportInput({ kind: "attack" });
  });

  it("the heatmap has a grid per tactic of the shipped catalog, in matrix order, named from the catalog and bookmarked", () => {
    const tactics = attack.attack?.tactics ?? [];
    expect(tactics).toHaveLength(14);
    const doc = buildAttackHeatmap(attack);
    const tacticHeadings = nodes(doc.content).filter((node) => node.style === "h3" && node.outline === true);
    expect(tacticHeadings.map((node) => node.outlineText)).toEqual(
      tactics.map((tactic) => `${tactic.name} (${tactic.id})`),
    );
    expect(new Set(tacticHeadings.map((node) => node.outlineParentId)).size).toBe(1);
    // Each tactic's grid holds exactly its top-level techniques.
    const byTactic = techniquesByTactic(tactics, attack.assessment.attack!.techniques);
    const grids = tacticGrids(tactics, attack.assessment.attack!.techniques, {
      compact: false,
      fontSize: 7.5,
      columns: 6,
      parent: "matrix",
    });
    const cellTexts = grids.map((grid) =>
      tables({ content: grid })
        .flatMap((table) => table.table.body.flat())
        .map((cell) => plainText(cell))
        .filter((text) => text !== ""),
    );
    expect(cellTexts.map((texts) => texts.length)).toEqual(byTactic.map((column) => column.length));
    expect(doc.pageSize).toBe("A3");
    expect(doc.pageOrientation).toBe("landscape");
    expect(headings(doc)).toContain(MATRIX_HEADING);
  });

  it("colours each technique cell by its score and labels it with the score digit", () => {
    const tactics = attack.attack!.tactics;
    const techniques = attack.assessment.attack!.techniques;
    const credentialAccess = tactics.filter((tactic) => tactic.shortname === "credential-access");
    const grid = tacticGrids(credentialAccess, techniques, { compact: false, fontSize: 7.5, columns: 6, parent: "m" });
    const bruteForce = techniques.find((technique) => technique.id === "T1110")!;
    const cell = tables({ content: grid })
      .flatMap((table) => table.table.body.flat())
      .find((candidate) => plainText(candidate).includes("T1110 "));
    expect(cell).toMatchObject({
      fillColor: scoreSwatch(bruteForce.score).fill,
      color: scoreSwatch(bruteForce.score).text,
    });
    expect(plainText(cell)).toBe(`${bruteForce.score} T1110 Brute Force`);
    expect(bruteForce.score).toBeGreaterThanOrEqual(3);
  });

  it("never uses colour alone: every filled node carries text", () => {
    const docs = [buildEvidencePack(evidence), buildAttackHeatmap(attack)];
    for (const doc of docs) {
      const filled = nodes(doc.content).filter(
        (node) => typeof node.fillColor === "string" || typeof node.background === "string",
      );
      expect(filled.length).toBeGreaterThan(100);
      for (const node of filled) expect(plainText(node).trim(), JSON.stringify(node).slice(0, 200)).not.toBe("");
    }
  });

  it("evidence pack: cover, summary, a matrix per framework, a landscape heatmap page, then portrait again", () => {
    const doc = buildEvidencePack(evidence);
    const names = evidence.assessment.frameworks.map((framework) => matrixHeading(framework));
    expect(headings(doc)).toEqual([
      "Executive summary",
      ...names,
      HEATMAP_HEADING,
      "Attestations and risk acceptances",
      "Appendix: how this evidence was collected",
    ]);
    const oriented = nodes(doc.content).filter((node) => node.pageOrientation !== undefined);
    expect(oriented.map((node) => [plainText(node.text).split(NOTE_SEPARATOR)[0], node.pageOrientation])).toEqual([
      [HEATMAP_HEADING, "landscape"],
      ["Attestations and risk acceptances", "portrait"],
    ]);
    expect(doc.info).toMatchObject({
      author: "ddproof",
      creationDate: new Date("2026-10-01T06:00:00Z"),
      modDate: new Date("2026-10-01T06:00:00Z"),
    });
  });

  it("evidence pack: groups controls under the catalog's group label and cuts long evidence lists", () => {
    const doc = buildEvidencePack(evidence);
    const text = nodes(doc.content)
      .map((node) => (typeof node.text === "string" ? node.text : ""))
      .join("\n");
    const groupHeadings = nodes(doc.content)
      .map((node) => plainText(node))
      // The framework comes first: the row repeats on continuation pages as a running header.
      .filter((line) =>
        /^PCI DSS 4\.0\.1 {2}› {2} \w+ {3}(Requirement|Category|Section|Baseline item) |^HIPAA /.test(line),
      );
    expect(groupHeadings.some((line) => line.includes("Requirement 10:"))).toBe(true);
    expect(groupHeadings.some((line) => line.includes("Section 164.312:"))).toBe(true);
    // seven hosts fall short of an agent control; only MAX_EVIDENCE_LISTED are printed, then the CSV files are named.
    expect(text).toMatch(/… and \d+ more: see controls-[a-z0-9.-]+\.csv, populations\/agents\.csv/);
    expect(MAX_EVIDENCE_LISTED).toBeLessThan(7);
  });

  it("gap report: the changes section appears only with a previous run", async () => {
    const withPrevious = buildGapReport(await reportInput({ kind: "gap", previous: previousSnapshot() }));
    const without = buildGapReport(await reportInput({ kind: "gap" }));
    expect(headings(withPrevious)).toContain(changesHeading(PREVIOUS_LABEL));
    expect(headings(without)).not.toContain(changesHeading(PREVIOUS_LABEL));
    expect(headings(without)).toEqual(["Gaps by reason", "Every gap"]);
  });

  it("are pure: the same input gives the same definition and the input is not changed", () => {
    for (const build of [buildEvidencePack, buildGapReport, buildAttackHeatmap]) {
      const before = JSON.stringify(evidence);
      const first = build(evidence);
      const second = build(evidence);
      expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      expect(JSON.stringify(evidence)).toBe(before);
      const footer = first.footer as (page: number, pages: number, size: unknown) => Content;
      expect(plainText((footer(3, 9, {}) as { columns: Content[] }).columns)).toBe(
        `Smith & Jones <Ltd> · 2026-Q3 · ${String(first.info?.title).split(":")[0]}page 3 of 9`,
      );
    }
  });
});
