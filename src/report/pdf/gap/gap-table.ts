/** Gaps as table rows: id, title, status or score (in words on its colour), typed reason and its sentence. */
import type { Content, ContentText, TableCell } from "pdfmake/interfaces.js";
import { ControlStatus } from "../../../assess/schema.js";
import { GAP_REASON_LABELS, type Gap } from "../../gaps.js";
import { statusBadge } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { scoreSwatch } from "../presentation.js";

function gapStatus(gap: Gap): ContentText {
  if (gap.score !== null) {
    const swatch = scoreSwatch(gap.score);
    return { text: [{ text: ` score ${gap.score} `, background: swatch.fill, color: swatch.text, bold: true, fontSize: 6.5 }] };
  }
  const status = ControlStatus.safeParse(gap.status);
  return status.success ? { text: [statusBadge(status.data, 6.5)] } : { text: gap.status, style: "cell" };
}

export interface GapTableOptions {
  /** Show the framework column (lists mixing frameworks, such as new and closed gaps). */
  framework: ReadonlyMap<string, string> | null;
}

export function gapTable(gaps: readonly Gap[], options: GapTableOptions): Content {
  const names = options.framework;
  const header: TableCell[] = [...(names === null ? [] : ["Framework"]), "ID", "Title", "Status", "Reason", "Why"].map(
    (text): TableCell => ({ text, style: "tableHeader" }),
  );
  const rows = gaps.map((gap): TableCell[] => [
    ...(names === null ? [] : [{ text: names.get(gap.framework) ?? gap.framework, style: "cell" } satisfies TableCell]),
    { text: gap.label ?? gap.id, style: "cell", bold: true },
    { text: gap.title, style: "cell" },
    gapStatus(gap),
    { text: GAP_REASON_LABELS[gap.reason_code], style: "cell", bold: true },
    { text: gap.reason, style: "cell" },
  ]);
  const widths = names === null ? ["11%", "24%", "8%", "12%", "45%"] : ["13%", "10%", "20%", "8%", "11%", "38%"];
  return { table: { headerRows: 1, dontBreakRows: true, widths, body: [header, ...rows] }, layout: GRID_LAYOUT };
}
