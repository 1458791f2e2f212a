/** Gaps as table rows: id, title, status or score (in words on its colour), typed reason and its sentence. */
import type { Content, ContentText, TableCell } from "pdfmake/interfaces.js";
import { ControlStatus } from "../../../assess/schema.js";
import { GAP_REASON_LABELS, type Gap } from "../../gaps.js";
import { outlineEntry, sectionId } from "../blocks/outline.js";
import { statusBadge } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { scoreSwatch } from "../presentation.js";

function gapStatus(gap: Gap): ContentText {
  if (gap.score !== null) {
    const swatch = scoreSwatch(gap.score);
    return {
      text: [{ text: ` score ${gap.score} `, background: swatch.fill, color: swatch.text, bold: true, fontSize: 7 }],
    };
  }
  const status = ControlStatus.safeParse(gap.status);
  return status.success ? { text: [statusBadge(status.data, 7)] } : { text: gap.status, style: "cell" };
}

export interface GapTableOptions {
  /** Show the framework column (lists mixing frameworks, such as new and closed gaps). */
  framework: ReadonlyMap<string, string> | null;
  /** A first row repeated on every page the table runs onto, naming what the table lists. */
  running?: string;
  /** Makes every gap a bookmark under this entry. */
  outlineParent?: string;
}

export function gapTable(gaps: readonly Gap[], options: GapTableOptions): Content {
  const names = options.framework;
  const header: TableCell[] = [...(names === null ? [] : ["Framework"]), "ID", "Title", "Status", "Reason", "Why"].map(
    (text): TableCell => ({ text, style: "tableHeader" }),
  );
  const parent = options.outlineParent;
  const rows = gaps.map((gap): TableCell[] => [
    ...(names === null ? [] : [{ text: names.get(gap.framework) ?? gap.framework, style: "cell" } satisfies TableCell]),
    {
      text: gap.label ?? gap.id,
      style: "cell",
      bold: true,
      ...(parent === undefined
        ? {}
        : outlineEntry({
            id: sectionId("gap", gap.framework, gap.id),
            parent,
            title: `${gap.label ?? gap.id} ${gap.title}`,
          })),
    },
    { text: gap.title, style: "cell" },
    gapStatus(gap),
    { text: GAP_REASON_LABELS[gap.reason_code], style: "cell", bold: true },
    { text: gap.reason, style: "cell" },
  ]);
  const widths = names === null ? ["11%", "24%", "8%", "12%", "45%"] : ["13%", "10%", "20%", "8%", "11%", "38%"];
  const running: TableCell[][] =
    options.running === undefined
      ? []
      : [
          [
            { text: options.running, style: "cell", bold: true, colSpan: header.length },
            ...header.slice(1).map(() => ""),
          ],
        ];
  return {
    table: { headerRows: running.length + 1, dontBreakRows: true, widths, body: [...running, header, ...rows] },
    layout: GRID_LAYOUT,
  };
}
