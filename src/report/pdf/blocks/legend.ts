/** Legends: status colours with their labels, and the ATT&CK score ladder with each score's meaning. */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { equalWidths, GRID_LAYOUT } from "../document.js";
import { SCORE_SWATCHES, STATUS_ORDER, statusSwatch } from "../presentation.js";
import { swatchSquare } from "./bar-chart.js";
import { swatchText } from "./status-label.js";

export function statusLegend(): Content {
  return {
    columns: STATUS_ORDER.map((status) => ({
      columns: [
        { stack: [swatchSquare(statusSwatch(status).fill)], width: 10 },
        { text: statusSwatch(status).label, fontSize: 7, width: "auto" },
      ],
      columnGap: 3,
      width: "auto",
    })),
    columnGap: 12,
    margin: [0, 2, 0, 10],
  };
}

/** Score digit on its colour, the rung's name, and what it means (DESIGN's ladder). */
export function scoreLegend(gapBelow: number | null): Content {
  const body: TableCell[][] = SCORE_SWATCHES.map((swatch) => [
    swatchText(swatch, String(swatch.score), 8),
    { text: swatch.label, bold: true, fontSize: 7.5 },
    {
      text: swatch.meaning + (gapBelow !== null && swatch.score < gapBelow ? " Counted as a gap." : ""),
      fontSize: 7.5,
    },
  ]);
  return { table: { widths: [16, 80, "*"], body }, layout: GRID_LAYOUT, margin: [0, 0, 0, 8] };
}

/** The same ladder in one row of six cells, for a page that must also hold the whole matrix. */
export function compactScoreLegend(): Content {
  const cells: TableCell[] = SCORE_SWATCHES.map((swatch) => ({
    text: [{ text: `${swatch.score} ${swatch.label}: `, bold: true }, swatch.meaning],
    fillColor: swatch.fill,
    color: swatch.text,
    fontSize: 7,
  }));
  return {
    table: { widths: equalWidths(SCORE_SWATCHES.length), body: [cells] },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 6],
  };
}
