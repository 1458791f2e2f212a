/**
 * The ATT&CK matrix, tactic by tactic in the catalog's matrix order (names
 * from the catalog): one cell per technique coloured by its score AND
 * labelled with the score digit, text colour chosen for the cell's
 * background. Techniques sit under every tactic they belong to, sorted by
 * name as ATT&CK's own matrix shows them. A grid per tactic, rather than
 * one column per tactic, lets every label print at 7 pt or more.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { TechniqueResult } from "../../../assess/schema.js";
import type { AttackTactic } from "../../../catalogs/attack/schema.js";
import { compareText } from "../../id-order.js";
import { equalWidths, gridLayout } from "../document.js";
import { scoreSwatch } from "../presentation.js";
import { outlineEntry, sectionId } from "./outline.js";

export interface HeatmapOptions {
  /** Compact cells show the id and score only (the evidence pack); full cells add the name. */
  compact: boolean;
  fontSize: number;
}

const DISPOSITION_MARK: Record<NonNullable<TechniqueResult["disposition"]>, string> = {
  accepted: " (accepted)",
  not_applicable: " (n/a)",
};

/** What placing a technique in the matrix reads: an org's technique result, or a fleet's. */
export type PlacedTechnique = Pick<TechniqueResult, "id" | "name" | "tactics" | "parent" | "score">;

/** Top-level techniques per tactic shortname, sorted by name. */
export function techniquesByTactic<T extends PlacedTechnique>(
  tactics: readonly AttackTactic[],
  techniques: readonly T[],
): T[][] {
  const topLevel = techniques.filter((technique) => technique.parent === null);
  return tactics.map((tactic) =>
    topLevel
      .filter((technique) => technique.tactics.includes(tactic.shortname))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id)),
  );
}

function techniqueCell(technique: TechniqueResult, options: HeatmapOptions): TableCell {
  const swatch = scoreSwatch(technique.score);
  const mark = technique.disposition === null ? "" : DISPOSITION_MARK[technique.disposition];
  const text = options.compact
    ? [{ text: `${technique.score} `, bold: true }, `${technique.id}${mark}`]
    : [
        { text: `${technique.score} `, bold: true },
        { text: `${technique.id} `, bold: true },
        `${technique.name}${mark}`,
      ];
  return { text, fillColor: swatch.fill, color: swatch.text, fontSize: options.fontSize, lineHeight: 1 };
}

export function tacticSectionId(tactic: Pick<AttackTactic, "shortname">): string {
  return sectionId("tactic", tactic.shortname);
}

/**
 * One block per tactic in matrix order: a heading (a bookmark under
 * `options.parent`, and the target of the tactic summary's links) and its
 * techniques in rows of `options.columns` cells. A tactic's grid is short
 * enough to stay whole, so no row repeats and every cell keeps a readable size.
 */
export function tacticGrids(
  tactics: readonly AttackTactic[],
  techniques: readonly TechniqueResult[],
  options: HeatmapOptions & { columns: number; parent: string },
): Content[] {
  const columns = techniquesByTactic(tactics, techniques);
  return tactics.flatMap((tactic, i): Content[] => {
    const own = columns[i] ?? [];
    const title = `${tactic.name} (${tactic.id})`;
    const heading: Content = {
      text: [title, { text: `   ${own.length} techniques`, style: "note", bold: false }],
      style: "h3",
      ...outlineEntry({ id: tacticSectionId(tactic), parent: options.parent, title }),
    };
    if (own.length === 0) return [heading, { text: "No techniques.", style: "note" }];
    const body: TableCell[][] = [];
    for (let start = 0; start < own.length; start += options.columns) {
      const row = own.slice(start, start + options.columns).map((technique) => techniqueCell(technique, options));
      while (row.length < options.columns) row.push({ text: "", fontSize: options.fontSize });
      body.push(row);
    }
    return [
      {
        stack: [
          heading,
          {
            table: { dontBreakRows: true, widths: equalWidths(options.columns), body },
            // White rules between cells keep neighbouring colours apart.
            layout: gridLayout({ width: 1, colour: "#FFFFFF" }, { x: 2.5, top: 1.5, bottom: 1 }),
          },
        ],
        unbreakable: own.length <= options.columns * UNBREAKABLE_ROWS,
      },
    ];
  });
}

/** Up to this many rows a tactic's heading and grid move to the next page together. */
const UNBREAKABLE_ROWS = 12;
