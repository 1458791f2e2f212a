/** The evidence pack's executive summary: narrative, counts by status per framework, and a bar per framework. */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { ReportInput } from "../../contract.js";
import type { NarrativeContext } from "../../templates.js";
import { statusLegend } from "../blocks/legend.js";
import { outlinedHeading, sectionId } from "../blocks/outline.js";
import { swatchText } from "../blocks/status-label.js";
import { statusBars, statusCountTable } from "../blocks/status-table.js";
import { GRID_LAYOUT } from "../document.js";
import { narrative } from "../narrative.js";
import { scoreSwatch } from "../presentation.js";
import { frameworkSectionId } from "./control-matrix.js";

export const SUMMARY_HEADING = "Executive summary";

function attackScoreCounts(attack: NonNullable<NarrativeContext["attack"]>): Content {
  const header: TableCell[] = attack.by_score.map((row) =>
    swatchText(scoreSwatch(row.score), `${row.score} ${row.label}`),
  );
  const counts: TableCell[] = attack.by_score.map((row) => ({
    text: String(row.count),
    style: "cell",
    alignment: "center",
  }));
  return {
    table: { widths: attack.by_score.map(() => "*"), body: [header, counts] },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 6],
  };
}

export function executiveSummary(input: ReportInput, context: NarrativeContext, width: number): Content[] {
  const frameworks = input.assessment.frameworks;
  const content: Content[] = [
    outlinedHeading(SUMMARY_HEADING, "h1", { id: sectionId("summary") }),
    ...narrative(input, context, "evidence-summary"),
  ];
  if (frameworks.length > 0) {
    content.push(
      { text: "Controls by status", style: "h2" },
      statusCountTable(frameworks, (id) => frameworkSectionId({ id })),
      ...statusBars(frameworks, width),
      statusLegend(),
    );
  }
  if (context.attack !== null) {
    content.push(
      { text: `MITRE ATT&CK ${context.attack.version}: techniques by score`, style: "h2" },
      attackScoreCounts(context.attack),
      {
        text: `Techniques scoring below ${context.attack.gap_below} are gaps (${context.attack.gaps} techniques and sub-techniques). Sub-techniques are counted in attack-coverage.csv.`,
        style: "note",
      },
    );
  }
  return content;
}
