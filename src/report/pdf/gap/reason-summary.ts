/** Gap counts by typed reason, split into controls and ATT&CK techniques, and by framework. */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { ReasonCode } from "../../../assess/schema.js";
import { GAP_REASON_LABELS, type Gap } from "../../gaps.js";
import { linkTo } from "../blocks/outline.js";
import { GRID_LAYOUT } from "../document.js";

const cell = (value: string | number, bold = false): TableCell => ({
  text: String(value),
  style: "cell",
  alignment: typeof value === "number" ? "right" : "left",
  bold,
});
const header = (labels: readonly string[]): TableCell[] =>
  labels.map((text): TableCell => ({ text, style: "tableHeader" }));

export function reasonSummary(gaps: readonly Gap[]): Content {
  const rows = ReasonCode.options
    .map((code) => {
      const matching = gaps.filter((gap) => gap.reason_code === code);
      const controls = matching.filter((gap) => gap.subject === "control").length;
      return { code, controls, techniques: matching.length - controls, total: matching.length };
    })
    .filter((row) => row.total > 0)
    .map((row) => [
      cell(GAP_REASON_LABELS[row.code], true),
      cell(row.controls),
      cell(row.techniques),
      cell(row.total, true),
    ]);
  const controls = gaps.filter((gap) => gap.subject === "control").length;
  const total = [
    cell("All gaps", true),
    cell(controls, true),
    cell(gaps.length - controls, true),
    cell(gaps.length, true),
  ];
  return {
    table: {
      headerRows: 1,
      widths: ["*", 70, 70, 70],
      body: [header(["Reason", "Controls", "ATT&CK techniques", "Total"]), ...rows, total],
    },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 8],
  };
}

/** Each framework's name links to its section (`sectionOf`). */
export function frameworkSummary(
  gaps: readonly Gap[],
  names: ReadonlyMap<string, string>,
  sectionOf: (framework: string) => string,
): Content {
  const rows = [...names].map(([id, name]) => [
    { ...linkTo(sectionOf(id), name), style: "cell", bold: true },
    cell(gaps.filter((gap) => gap.framework === id).length),
  ]);
  return {
    table: { headerRows: 1, widths: ["*", 70], body: [header(["Framework", "Gaps"]), ...rows] },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 8],
  };
}
