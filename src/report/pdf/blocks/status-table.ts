/**
 * Counts by status per framework: a table (header cells carry the status
 * label on its colour) and a stacked bar per framework.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { FrameworkResult } from "../../../assess/schema.js";
import { GRID_LAYOUT } from "../document.js";
import { STATUS_ORDER, statusSwatch } from "../presentation.js";
import { stackedBar } from "./bar-chart.js";
import { linkTo } from "./outline.js";
import { statusCell } from "./status-label.js";

type Summarised = Pick<FrameworkResult, "id" | "name" | "version" | "summary">;

const total = (framework: Summarised) => STATUS_ORDER.reduce((sum, status) => sum + framework.summary[status], 0);

/** Each framework's name links to its section (`sectionOf`); `rowHeader` heads the names (the fleet lists orgs). */
export function statusCountTable(
  frameworks: readonly Summarised[],
  sectionOf: (framework: string) => string,
  rowHeader = "Framework",
): Content {
  const header: TableCell[] = [
    { text: rowHeader, style: "tableHeader" },
    ...STATUS_ORDER.map((status) => statusCell(status)),
    { text: "Total", style: "tableHeader", alignment: "right" },
  ];
  const rows = frameworks.map((framework): TableCell[] => [
    { ...linkTo(sectionOf(framework.id), framework.name), style: "cell", bold: true },
    ...STATUS_ORDER.map(
      (status): TableCell => ({ text: String(framework.summary[status]), style: "cell", alignment: "right" }),
    ),
    { text: String(total(framework)), style: "cell", alignment: "right", bold: true },
  ]);
  return {
    table: { headerRows: 1, widths: ["*", ...STATUS_ORDER.map(() => 42), 34], body: [header, ...rows] },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 10],
  };
}

/** One labelled bar per framework, the widths of its segments proportional to the counts. */
export function statusBars(frameworks: readonly Summarised[], width: number): Content[] {
  const labelWidth = 150;
  const countWidth = 60;
  const barWidth = width - labelWidth - countWidth - 12;
  return frameworks.map((framework) => ({
    columns: [
      { text: framework.name, width: labelWidth, fontSize: 8, bold: true },
      {
        stack: [
          stackedBar(
            STATUS_ORDER.map((status) => ({ value: framework.summary[status], fill: statusSwatch(status).fill })),
            barWidth,
            11,
          ),
        ],
        width: barWidth,
      },
      { text: `${total(framework)} controls`, width: countWidth, fontSize: 7.5, alignment: "right" },
    ],
    columnGap: 6,
    margin: [0, 0, 0, 5],
  }));
}
