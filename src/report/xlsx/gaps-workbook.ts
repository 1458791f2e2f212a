/**
 * gaps.xlsx: the gap pack's gap list as a workbook (a cover and the gaps
 * sheet), with the same columns and rows as gaps.csv.
 */
import type { ReportInput } from "../contract.js";
import { GAP_COLUMNS, GAPS_CSV, gapRows } from "../formats/gaps-csv.js";
import { addCoverSheet, fillCoverSheet } from "./cover-sheet.js";
import { ROW_CAP, SHEETS } from "./evidence-workbook.js";
import { writeTable } from "./table-sheet.js";
import { newWorkbook } from "./workbook-file.js";

export async function gapsWorkbook(input: ReportInput): Promise<Uint8Array> {
  const collectedAt = new Date(input.snapshot.collected_at);
  const file = newWorkbook(collectedAt);
  const { workbook } = file;
  const cover = addCoverSheet(workbook);
  const table = { sheet: SHEETS.gaps, columns: GAP_COLUMNS, csvPath: GAPS_CSV };
  const gaps = await writeTable(workbook, table, gapRows(input), ROW_CAP);
  fillCoverSheet(cover, {
    title: "ddproof gap workbook",
    snapshot: input.snapshot,
    versions: input.versions,
    tables: [gaps],
    cap: ROW_CAP,
  });
  return file.bytes();
}
