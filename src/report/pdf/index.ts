/**
 * The PDF report formats: one ReportFormat per PDF, each a pure document
 * builder rendered by render-pdf.ts.
 */
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportFormat, ReportInput, ReportKind } from "../contract.js";
import { buildAttackHeatmap } from "./attack-heatmap.js";
import { buildEvidencePack } from "./evidence-pack.js";
import { buildGapReport } from "./gap-report.js";
import { renderPdf } from "./render-pdf.js";

function pdfFormat(
  id: string,
  kind: ReportKind,
  path: string,
  description: string,
  build: (input: ReportInput) => TDocumentDefinitions,
): ReportFormat {
  return {
    id,
    kinds: [kind],
    description,
    async render(input) {
      return [{ path, bytes: await renderPdf(build(input)) }];
    },
  };
}

export const EVIDENCE_PACK_PDF = "evidence-pack.pdf";
export const GAP_REPORT_PDF = "gap-report.pdf";
export const ATTACK_HEATMAP_PDF = "attack-heatmap.pdf";

export const pdfEvidenceFormat = pdfFormat(
  "pdf-evidence",
  "evidence",
  EVIDENCE_PACK_PDF,
  "Audit evidence summary for auditors: cover, status per framework, control matrices, ATT&CK heatmap, attestations, how evidence was collected",
  buildEvidencePack,
);

export const pdfGapFormat = pdfFormat(
  "pdf-gap",
  "gap",
  GAP_REPORT_PDF,
  "Nightly gap report for the security team: every gap with its typed reason, and changes since the previous run",
  buildGapReport,
);

export const pdfAttackFormat = pdfFormat(
  "pdf-attack",
  "attack",
  ATTACK_HEATMAP_PDF,
  "MITRE ATT&CK heatmap for detection engineers: the Enterprise matrix scored 0 to 5, and the rules behind each score",
  buildAttackHeatmap,
);

export const PDF_FORMATS: readonly ReportFormat[] = [pdfEvidenceFormat, pdfGapFormat, pdfAttackFormat];
