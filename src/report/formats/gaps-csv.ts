/**
 * gaps.csv: the nightly gap list, every Gap (gaps.ts) with its typed reason
 * code and label, in the gap model's order.
 */

import type { Snapshot } from "../../snapshot/schema.js";
import type { ReportFormat, ReportInput } from "../contract.js";
import { type Column, csvText, listCell } from "../csv/write-csv.js";
import { evidenceFilesOf, evidenceRefText } from "../evidence-refs.js";
import { GAP_REASON_LABELS, type Gap, gapsOf } from "../gaps.js";

export const GAPS_CSV = "gaps.csv";

export interface GapRow {
  gap: Gap;
  snapshot: Snapshot;
}

export const GAP_COLUMNS: readonly Column<GapRow>[] = [
  { header: "subject", cell: (row) => row.gap.subject },
  { header: "framework", cell: (row) => row.gap.framework },
  { header: "id", cell: (row) => row.gap.id },
  { header: "title", cell: (row) => row.gap.title },
  { header: "status", cell: (row) => row.gap.status },
  { header: "score", cell: (row) => row.gap.score },
  { header: "reason_code", cell: (row) => row.gap.reason_code },
  { header: "reason_label", cell: (row) => GAP_REASON_LABELS[row.gap.reason_code] },
  { header: "reason", cell: (row) => row.gap.reason },
  { header: "evidence", cell: (row) => listCell(row.gap.evidence.map(evidenceRefText)) },
  { header: "evidence_files", cell: (row) => listCell(evidenceFilesOf(row.gap.evidence, row.snapshot)) },
];

/** One row per gap, in the gap model's order (the workbook reuses these). */
export function gapRows(input: Pick<ReportInput, "assessment" | "snapshot">): GapRow[] {
  return gapsOf(input.assessment).map((gap) => ({ gap, snapshot: input.snapshot }));
}

export const format: ReportFormat = {
  id: "gaps-csv",
  kinds: ["gap"],
  description:
    "gaps.csv: every non-passing control and every ATT&CK technique below the gap score, with a typed reason, for triage",
  async render(input) {
    return [{ path: GAPS_CSV, text: csvText(GAP_COLUMNS, gapRows(input)) }];
  },
};
