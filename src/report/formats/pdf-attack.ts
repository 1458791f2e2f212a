/** attack-heatmap.pdf: the attack pack's PDF (pdf/attack-heatmap.ts builds it). */
import { buildAttackHeatmap } from "../pdf/attack-heatmap.js";
import { pdfFormat } from "../pdf/pdf-format.js";

export const ATTACK_HEATMAP_PDF = "attack-heatmap.pdf";

export const format = pdfFormat(
  "pdf-attack",
  "attack",
  ATTACK_HEATMAP_PDF,
  "MITRE ATT&CK heatmap for detection engineers: the Enterprise matrix scored 0 to 5, and the rules behind each score",
  buildAttackHeatmap,
);
