/** How many techniques of each tactic reach each score: the matrix in numbers. */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { AttackTactic } from "../../../catalogs/attack/schema.js";
import { type PlacedTechnique, tacticSectionId, techniquesByTactic } from "../blocks/heatmap-grid.js";
import { linkTo } from "../blocks/outline.js";
import { swatchText } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { SCORE_SWATCHES } from "../presentation.js";

export function tacticScoreTable(tactics: readonly AttackTactic[], techniques: readonly PlacedTechnique[]): Content {
  const columns = techniquesByTactic(tactics, techniques);
  const header: TableCell[] = [
    { text: "Tactic", style: "tableHeader" },
    ...SCORE_SWATCHES.map((swatch) => swatchText(swatch, `${swatch.score} ${swatch.label}`)),
    { text: "Techniques", style: "tableHeader", alignment: "right" },
  ];
  const rows = tactics.map((tactic, i): TableCell[] => {
    const column = columns[i] ?? [];
    return [
      { ...linkTo(tacticSectionId(tactic), `${tactic.name} (${tactic.id})`), style: "cell" },
      ...SCORE_SWATCHES.map((swatch): TableCell => {
        const count = column.filter((technique) => technique.score === swatch.score).length;
        return { text: count === 0 ? "–" : String(count), style: "cell", alignment: "right" };
      }),
      { text: String(column.length), style: "cell", alignment: "right", bold: true },
    ];
  });
  return {
    table: { headerRows: 1, widths: ["*", ...SCORE_SWATCHES.map(() => 62), 50], body: [header, ...rows] },
    layout: GRID_LAYOUT,
  };
}
