/**
 * Appendix: how the evidence was collected. Per collector what it gathers and
 * the API calls it made with their filters and paging (the collector's own
 * description, snapshot/collector-descriptions.json), its status, requests,
 * retries, duration and errors; the query window and period; and the
 * snapshot's warnings.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { type CollectorDescription, collectorDescription } from "../../../snapshot/collector-descriptions.js";
import { COLLECTOR_IDS, type CollectorParts, type Snapshot } from "../../../snapshot/schema.js";
import type { ReportInput } from "../../contract.js";
import type { NarrativeContext } from "../../templates.js";
import { outlinedHeading, sectionId } from "../blocks/outline.js";
import { swatchText } from "../blocks/status-label.js";
import { GRID_LAYOUT } from "../document.js";
import { narrative } from "../narrative.js";
import { statusSwatch } from "../presentation.js";

export const APPENDIX_HEADING = "Appendix: how this evidence was collected";

function problems(part: CollectorParts[keyof CollectorParts]): string {
  const lines = [...(part.status === "error" ? [part.error] : []), ...part.warnings];
  return lines.length === 0 ? "—" : lines.join("\n");
}

/** What the collector gathers, then each call: the operation in bold, what it asked and how it paged. */
function callsCell(description: CollectorDescription): TableCell {
  const calls = description.calls.flatMap((call) => [
    "\n",
    { text: call.operation, bold: true },
    `: ${call.asks}; ${call.paging}.`,
  ]);
  return { text: [`${description.collects}.`, ...calls], style: "cell" };
}

function collectorRows(snapshot: Snapshot): TableCell[][] {
  return COLLECTOR_IDS.map((id) => {
    const part = snapshot.collectors[id];
    const description = collectorDescription(id);
    const ok = part.status === "ok";
    return [
      { text: [{ text: description.title, bold: true }, `\n${id}`], style: "cell" },
      callsCell(description),
      swatchText(statusSwatch(ok ? "pass" : "fail"), ok ? "OK" : "FAILED"),
      { text: String(part.requests), style: "cell", alignment: "right" },
      { text: String(part.retries), style: "cell", alignment: "right" },
      { text: `${(part.duration_ms / 1000).toFixed(1)} s`, style: "cell", alignment: "right" },
      { text: problems(part), style: "cell" },
    ];
  });
}

export function collectionAppendix(input: ReportInput, context: NarrativeContext): Content[] {
  const { snapshot, assessment } = input;
  const header: TableCell[] = [
    "Collector",
    "What it collected and asked",
    "Status",
    "Requests",
    "Retries",
    "Duration",
    "Errors and warnings",
  ].map((text): TableCell => ({ text, style: "tableHeader" }));
  const warnings = assessment.snapshot_warnings;
  return [
    { ...outlinedHeading(APPENDIX_HEADING, "h1", { id: sectionId("appendix") }), pageBreak: "before" },
    ...narrative(input, context, "collection-appendix"),
    {
      table: {
        widths: [110, "*"],
        body: [
          [
            { text: "Period", bold: true, style: "cell" },
            { text: context.period.label, style: "cell" },
          ],
          [
            { text: "Query window", bold: true, style: "cell" },
            {
              text: `${context.period.from} to ${context.period.to} (${context.period.days} days, end exclusive)`,
              style: "cell",
            },
          ],
          [
            { text: "Collected at", bold: true, style: "cell" },
            { text: context.collected_at, style: "cell" },
          ],
          [
            { text: "Datadog site", bold: true, style: "cell" },
            { text: context.org.site, style: "cell" },
          ],
        ],
      },
      layout: GRID_LAYOUT,
      margin: [0, 0, 0, 8],
    },
    { text: "Collectors", style: "h2" },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: ["13%", "43%", "6%", "8%", "6%", "7%", "17%"],
        body: [header, ...collectorRows(snapshot)],
      },
      layout: GRID_LAYOUT,
    },
    { text: "Snapshot warnings", style: "h2" },
    warnings.length === 0 ? { text: "None.", style: "narrative" } : { ul: warnings, fontSize: 8 },
  ];
}
