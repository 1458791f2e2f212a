/**
 * The matrix with its legend, or a sentence saying why there is none (ATT&CK
 * not assessed, or its catalog not loaded, since tactic names and order come
 * only from the catalog).
 */
import type { Content } from "pdfmake/interfaces.js";
import type { ReportInput } from "../../contract.js";
import { type HeatmapOptions, tacticGrids } from "../blocks/heatmap-grid.js";
import { compactScoreLegend, scoreLegend } from "../blocks/legend.js";

export const NO_ATTACK_TEXT = "MITRE ATT&CK was not assessed in this run, so there is no heatmap.";

export function heatmapSection(
  input: ReportInput,
  options: HeatmapOptions & { legend: "full" | "compact" | "none"; columns: number; parent: string },
): Content[] {
  const attack = input.assessment.attack;
  if (attack === null || input.attack === null) return [{ text: NO_ATTACK_TEXT, style: "narrative" }];
  return [
    ...(options.legend === "none"
      ? []
      : [options.legend === "full" ? scoreLegend(attack.gap_below) : compactScoreLegend()]),
    ...tacticGrids(input.attack.tactics, attack.techniques, options),
  ];
}
