/**
 * Colours and labels of ATT&CK scores and control statuses in report.html.
 * Scores take the shared ladder's labels and colours (attack-score-scale.ts,
 * the one scale of the PDFs and the Navigator layer too); statuses take
 * the PDF's labels and colours, so both reports name a status alike. The
 * text colour of each cell is black or white, whichever contrasts more with
 * its background (WCAG), and every coloured cell also carries its label.
 */
import type { ControlStatus } from "../../assess/schema.js";
import { SCORE_SWATCHES, STATUS_ORDER, statusSwatch } from "../pdf/presentation.js";

// The PDFs' score swatches, built once from the shared ladder: the page uses the very same cells.
export { SCORE_SWATCHES, type ScoreSwatch } from "../pdf/presentation.js";

export interface StatusSwatch {
  status: ControlStatus;
  label: string;
  fill: string;
  text: string;
}

/** In report order: pass first, not applicable last. */
export const STATUS_SWATCHES: readonly StatusSwatch[] = STATUS_ORDER.map((status) => ({
  status,
  ...statusSwatch(status),
}));

export function scoreLabel(score: number): string {
  const swatch = SCORE_SWATCHES[score];
  if (swatch === undefined) throw new Error(`no ATT&CK score ${score} on the ladder`);
  return swatch.label;
}

export function statusLabel(status: ControlStatus): string {
  return statusSwatch(status).label;
}
