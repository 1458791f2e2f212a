/**
 * Every technique and sub-technique with its score and the rules behind it:
 * each enabled rule by name, marked fired, effective or not effective. The
 * matrix shows only top-level techniques; this table is where sub-technique
 * scores are read. Long rule lists are cut: the full list is in
 * attack-coverage.csv.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { TechniqueResult } from "../../../assess/schema.js";
import type { Snapshot } from "../../../snapshot/schema.js";
import { ATTACK_COVERAGE_CSV } from "../../formats/attack-coverage-csv.js";
import { GAP_REASON_LABELS } from "../../gaps.js";
import { compareIds } from "../../id-order.js";
import { ruleNamer } from "../../rule-names.js";
import { swatchText } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { scoreSwatch } from "../presentation.js";

/** Rules listed per technique before the rest is left to the CSV. */
export const MAX_RULES_LISTED = 8;

function ruleState(technique: TechniqueResult, id: string): string {
  if (technique.rules.fired.includes(id)) return "fired";
  if (technique.rules.effective.includes(id)) return "effective";
  return "not effective";
}

function rulesCell(technique: TechniqueResult, nameOf: (id: string) => string): TableCell {
  const enabled = technique.rules.enabled;
  if (enabled.length === 0) return { text: "no enabled rule", style: "cell", color: "#555555" };
  // Fired rules first: they are what lifts the score.
  const order = ["fired", "effective", "not effective"];
  const lines = enabled
    .map((id) => ({ id, state: ruleState(technique, id) }))
    .sort((a, b) => order.indexOf(a.state) - order.indexOf(b.state) || compareIds(a.id, b.id))
    .map(({ id, state }) => `${nameOf(id)} (${state})`);
  const shown = lines.slice(0, MAX_RULES_LISTED);
  if (lines.length > shown.length) shown.push(`… and ${lines.length - shown.length} more in ${ATTACK_COVERAGE_CSV}`);
  return { text: shown.join("\n"), style: "cell" };
}

export function techniqueRulesTable(techniques: readonly TechniqueResult[], snapshot: Snapshot): Content {
  const nameOf = ruleNamer(snapshot);
  const header: TableCell[] = [
    "ID",
    "Technique",
    "Score",
    "Rules enabled / effective / fired",
    "Rules behind the score",
    "Ingesting sources that see it",
    "Reason",
  ].map((text): TableCell => ({ text, style: "tableHeader" }));
  const rows = [...techniques]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((technique): TableCell[] => {
      const { enabled, effective, fired } = technique.rules;
      const sub = technique.parent !== null;
      return [
        { text: technique.id, style: "cell", bold: !sub },
        { text: sub ? `   ${technique.name}` : technique.name, style: "cell", bold: !sub, preserveLeadingSpaces: true },
        swatchText(scoreSwatch(technique.score), String(technique.score), 7.5),
        { text: `${enabled.length} / ${effective.length} / ${fired.length}`, style: "cell", alignment: "center" },
        rulesCell(technique, nameOf),
        { text: technique.visibility.sources.join(", ") || "none", style: "cell" },
        { text: GAP_REASON_LABELS[technique.reason], style: "cell" },
      ];
    });
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: ["5%", "14%", "3%", "6%", "48%", "17%", "7%"],
      body: [header, ...rows],
    },
    layout: GRID_LAYOUT,
  };
}
