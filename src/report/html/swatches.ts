/**
 * Colours and labels of ATT&CK scores and control statuses in report.html.
 * Scores take the shared ladder's labels and colours (attack-score-scale.ts,
 * the one scale of the PDFs and the Navigator layer too); statuses take
 * the PDF's labels and colours, so both reports name a status alike. The
 * text colour of each cell is black or white, whichever contrasts more with
 * its background (WCAG), and every coloured cell also carries its label.
 */
import type { ControlStatus } from "../../assess/schema.js";
import { ATTACK_SCORE_SCALE } from "../attack-score-scale.js";
import { textColourOn } from "../pdf/contrast.js";
import { STATUS_ORDER, statusSwatch } from "../pdf/presentation.js";

export interface ScoreSwatch {
  score: number;
  label: string;
  meaning: string;
  fill: string;
  text: string;
}

export interface StatusSwatch {
  status: ControlStatus;
  label: string;
  fill: string;
  text: string;
}

/** The ladder's meanings are written lower case for running text; here each stands as a sentence. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export const SCORE_SWATCHES: readonly ScoreSwatch[] = ATTACK_SCORE_SCALE.map((step) => ({
  score: step.score,
  label: step.label,
  meaning: sentence(step.meaning),
  fill: step.color,
  text: textColourOn(step.color),
}));

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
