/** evidence-pack.pdf: the evidence pack's PDF (pdf/evidence-pack.ts builds it). */
import { buildEvidencePack } from "../pdf/evidence-pack.js";
import { pdfFormat } from "../pdf/pdf-format.js";

export const EVIDENCE_PACK_PDF = "evidence-pack.pdf";

export const format = pdfFormat(
  "pdf-evidence",
  "evidence",
  EVIDENCE_PACK_PDF,
  "Audit evidence summary for auditors: cover, status per framework, control matrices, ATT&CK heatmap, attestations, how evidence was collected",
  buildEvidencePack,
);
