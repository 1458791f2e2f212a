/**
 * evidence-pack.pdf, the quarterly audit export an auditor reads: cover,
 * executive summary, a control matrix per framework, the ATT&CK heatmap
 * (compact, on a landscape page), attestations and risk acceptances, and how
 * the evidence was collected. Summaries and matrices only: populations are
 * in the pack's CSV files.
 */
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportInput } from "../contract.js";
import { heatmapSection } from "./attack/heatmap-section.js";
import { cover } from "./blocks/cover.js";
import { headingWithNote } from "./blocks/heading.js";
import { sectionId } from "./blocks/outline.js";
import { contentWidth, reportDocument } from "./document.js";
import { attestationsSection } from "./evidence/attestations.js";
import { collectionAppendix } from "./evidence/collection-appendix.js";
import { controlMatrix } from "./evidence/control-matrix.js";
import { executiveSummary } from "./evidence/executive-summary.js";
import { narrative, narrativeContext } from "./narrative.js";

export const HEATMAP_HEADING = "MITRE ATT&CK coverage";
const HEATMAP_ID = sectionId("attack");
const HEATMAP_NOTE =
  "Each cell: score (0 to 5) and technique id. Names, sub-techniques and the rules behind each score: attack-heatmap.pdf, attack-coverage.csv.";

function heatmapPage(input: ReportInput, context: ReturnType<typeof narrativeContext>): Content[] {
  return [
    {
      ...headingWithNote(HEATMAP_HEADING, HEATMAP_NOTE, HEATMAP_ID),
      pageBreak: "before",
      pageOrientation: "landscape",
    },
    ...narrative(input, context, "attack-intro"),
    ...heatmapSection(input, { compact: true, fontSize: 7, legend: "compact", columns: 10, parent: HEATMAP_ID }),
  ];
}

export function buildEvidencePack(input: ReportInput): TDocumentDefinitions {
  const context = narrativeContext({ ...input, kind: "evidence" });
  const width = contentWidth("A4", "portrait");
  const matrices = input.assessment.frameworks.flatMap((framework) =>
    controlMatrix(
      framework,
      input.catalogs.find((catalog) => catalog.id === framework.id),
      input.snapshot,
    ),
  );
  return reportDocument(
    input,
    {
      title: context.report.title,
      subject: "Audit evidence: security monitoring controls, coverage and how the evidence was collected",
      pageSize: "A4",
      orientation: "portrait",
    },
    [
      ...cover(input, context),
      { text: "", pageBreak: "after" },
      ...executiveSummary(input, context, width),
      ...matrices,
      ...heatmapPage(input, context),
      ...attestationsSection(input.assessment),
      ...collectionAppendix(input, context),
    ],
  );
}
