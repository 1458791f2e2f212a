/**
 * attack-heatmap.pdf, for a detection team: on landscape A3, the cover and
 * score ladder, the counts per tactic, the Enterprise matrix (every
 * technique coloured by score and labelled with it), then every technique and
 * sub-technique with the rules behind its score.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportInput } from "../contract.js";
import { heatmapSection, NO_ATTACK_TEXT } from "./attack/heatmap-section.js";
import { tacticScoreTable } from "./attack/tactic-scores.js";
import { techniqueRulesTable } from "./attack/technique-rules.js";
import { cover } from "./blocks/cover.js";
import { headingWithNote } from "./blocks/heading.js";
import { scoreLegend } from "./blocks/legend.js";
import { outlinedHeading, sectionId } from "./blocks/outline.js";
import { reportDocument } from "./document.js";
import { narrative, narrativeContext } from "./narrative.js";

export const MATRIX_HEADING = "Enterprise matrix";
const MATRIX_ID = sectionId("matrix");
export const RULES_HEADING = "Techniques, sub-techniques and the rules behind each score";

function attackContent(input: ReportInput): Content[] {
  const attack = input.assessment.attack;
  if (attack === null || input.attack === null) return [{ text: NO_ATTACK_TEXT, style: "narrative" }];
  return [
    { text: "Score ladder", style: "h2" },
    scoreLegend(attack.gap_below),
    { text: "Techniques per tactic and score", style: "h2" },
    tacticScoreTable(input.attack.tactics, attack.techniques),
    {
      ...headingWithNote(
        MATRIX_HEADING,
        `Tactics in ATT&CK ${attack.version} matrix order; each cell shows the score (0 to 5), the technique id and its name.`,
        MATRIX_ID,
      ),
      pageBreak: "before",
    },
    ...heatmapSection(input, { compact: false, fontSize: 7.5, legend: "none", columns: 6, parent: MATRIX_ID }),
    { ...outlinedHeading(RULES_HEADING, "h1", { id: sectionId("rules") }), pageBreak: "before" },
    {
      text: "Rules are listed by name with what they achieved in the period: fired, effective (their source is ingesting or their hosts run Workload Protection) or not effective.",
      style: "note",
    },
    techniqueRulesTable(attack.techniques, input.snapshot),
  ];
}

export function buildAttackHeatmap(input: ReportInput): TDocumentDefinitions {
  const context = narrativeContext({ ...input, kind: "attack" });
  return reportDocument(
    input,
    {
      title: context.report.title,
      subject: "MITRE ATT&CK detection coverage, scored 0 to 5 per technique",
      pageSize: "A3",
      orientation: "landscape",
    },
    [...cover(input, context), ...narrative(input, context, "attack-intro"), ...attackContent(input)],
  );
}
