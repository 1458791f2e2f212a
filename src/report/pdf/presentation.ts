/**
 * Labels and colours of statuses and ATT&CK scores, with the text colour
 * each background needs. Status colours come from presentation.json; score
 * labels, meanings and colours from the shared ATT&CK score scale, so the
 * PDFs, report.html and the Navigator layer show the rungs alike.
 */
import { z } from "zod";
import { ControlStatus } from "../../assess/schema.js";
import { parseOrThrow } from "../../errors.js";
import { ATTACK_SCORE_SCALE } from "../attack-score-scale.js";
import { textColourOn } from "./contrast.js";
import data from "./presentation.json" with { type: "json" };

const Colour = z.string().regex(/^#[0-9A-Fa-f]{6}$/, "expected a colour such as #1A2B3C");

const PresentationFile = z
  .object({
    $comment: z.string(),
    statuses: z.array(z.object({ status: ControlStatus, label: z.string().min(1), colour: Colour }).strict()),
  })
  .strict()
  .refine((file) => ControlStatus.options.every((status) => file.statuses.some((row) => row.status === status)), {
    path: ["statuses"],
    message: "expected a row for every control status",
  });

const presentation = parseOrThrow(PresentationFile, data, "src/report/pdf/presentation.json");

export interface Swatch {
  label: string;
  /** Background. */
  fill: string;
  /** Text colour readable on `fill`. */
  text: string;
}

export type ScoreSwatch = Swatch & { score: number; meaning: string };

/** Statuses in report order (the order of presentation.json). */
export const STATUS_ORDER: readonly ControlStatus[] = presentation.statuses.map((row) => row.status);

const STATUS_SWATCHES = new Map<ControlStatus, Swatch>(
  presentation.statuses.map((row) => [
    row.status,
    { label: row.label, fill: row.colour, text: textColourOn(row.colour) },
  ]),
);

/** The ladder's own words are written lower case for running text; a legend cell starts a sentence. */
const sentence = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;

export const SCORE_SWATCHES: readonly ScoreSwatch[] = ATTACK_SCORE_SCALE.map((step) => ({
  score: step.score,
  label: step.label,
  meaning: sentence(step.meaning),
  fill: step.color,
  text: textColourOn(step.color),
}));

export function statusSwatch(status: ControlStatus): Swatch {
  const swatch = STATUS_SWATCHES.get(status);
  if (swatch === undefined) throw new Error(`no presentation for status ${status}`);
  return swatch;
}

export function scoreSwatch(score: number): ScoreSwatch {
  const swatch = SCORE_SWATCHES[score];
  if (swatch === undefined) throw new Error(`no presentation for ATT&CK score ${score}`);
  return swatch;
}
