/**
 * evidence.xlsx: the evidence pack as one Excel workbook (cover, control
 * matrices, ATT&CK coverage, gaps, evidence links and the populations up to
 * a row cap), typed and filterable. The CSVs stay the files for programs.
 */
import type { ReportFormat } from "../contract.js";
import { evidenceWorkbook } from "../xlsx/evidence-workbook.js";

export const EVIDENCE_XLSX = "evidence.xlsx";

export const format: ReportFormat = {
  id: "evidence-xlsx",
  kinds: ["evidence"],
  description:
    "evidence.xlsx: the evidence pack in one Excel workbook with typed cells, filters and links from controls to their evidence, for auditors",
  async render(input) {
    return [{ path: EVIDENCE_XLSX, bytes: await evidenceWorkbook(input) }];
  },
};
