/**
 * The ATT&CK matrix as a table: one column per tactic in the catalog's
 * matrix order (names from the catalog), one cell per technique coloured by
 * its score AND labelled with the score digit, text colour chosen for the
 * cell's background. Techniques sit under every tactic they belong to,
 * sorted by name as ATT&CK's own matrix shows them.
 */
import type { ContentTable, TableCell } from "pdfmake/interfaces.js";
import type { TechniqueResult } from "../../../assess/schema.js";
import type { AttackTactic } from "../../../catalogs/attack/schema.js";
import { compareText } from "../../id-order.js";
import { equalWidths, gridLayout } from "../document.js";
import { scoreSwatch } from "../presentation.js";

export interface HeatmapOptions {
  /** Compact cells show the id and score only (the evidence pack); full cells add the name. */
  compact: boolean;
  fontSize: number;
}

const DISPOSITION_MARK: Record<NonNullable<TechniqueResult["disposition"]>, string> = {
  accepted: " (accepted)",
  not_applicable: " (n/a)",
};

/** Top-level techniques per tactic shortname, sorted by name. */
export function techniquesByTactic(
  tactics: readonly AttackTactic[],
  techniques: readonly TechniqueResult[],
): TechniqueResult[][] {
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

export function heatmapGrid(
  tactics: readonly AttackTactic[],
  techniques: readonly TechniqueResult[],
  options: HeatmapOptions,
): ContentTable {
  const columns = techniquesByTactic(tactics, techniques);
  const rows = Math.max(0, ...columns.map((column) => column.length));
  const header: TableCell[] = tactics.map((tactic, i) => ({
    text: [
      { text: tactic.name, bold: true },
      { text: `\n${columns[i]?.length ?? 0} techniques`, fontSize: options.fontSize - 0.5, color: "#444444" },
    ],
    fillColor: "#E6E6E6",
    fontSize: options.fontSize + 0.5,
    alignment: "center",
  }));
  const body: TableCell[][] = [header];
  for (let row = 0; row < rows; row += 1) {
    body.push(
      columns.map((column) => {
        const technique = column[row];
        // An empty cell still takes a line of its font size: keep it as small as the others.
        return technique === undefined ? { text: "", fontSize: options.fontSize } : techniqueCell(technique, options);
      }),
    );
  }
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: equalWidths(tactics.length), body },
    // White rules between cells keep neighbouring colours apart.
    layout: gridLayout({ width: 0.6, colour: "#FFFFFF" }, { x: 2, top: 1, bottom: 0.5 }),
  };
}
