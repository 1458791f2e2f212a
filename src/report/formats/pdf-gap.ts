/** gap-report.pdf: the gap pack's PDF (pdf/gap-report.ts builds it). */
import { buildGapReport } from "../pdf/gap-report.js";
import { pdfFormat } from "../pdf/pdf-format.js";

export const GAP_REPORT_PDF = "gap-report.pdf";

export const format = pdfFormat(
  "pdf-gap",
  "gap",
  GAP_REPORT_PDF,
  "Nightly gap report for the security team: every gap with its typed reason, and changes since the previous run",
  buildGapReport,
);
