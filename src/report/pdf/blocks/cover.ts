/**
 * The cover: what was assessed, for whom, when, with which tool and catalog
 * versions, and whether the evidence is complete (in words, on a coloured
 * banner), followed by the cover narrative.
 */
import type { Content, ContentText, TableCell } from "pdfmake/interfaces.js";
import type { ReportInput } from "../../contract.js";
import type { NarrativeContext } from "../../templates.js";
import { GRID_LAYOUT } from "../document.js";
import { narrative } from "../narrative.js";
import { statusSwatch } from "../presentation.js";
import { swatchText } from "./status-label.js";

export function completenessBanner(context: NarrativeContext): Content {
  const complete = context.complete;
  const text = complete
    ? `COMPLETE: all ${context.collectors.total} collectors succeeded`
    : `INCOMPLETE — evidence missing from: ${context.missing_collectors.join(", ")}`;
  return evidenceBanner(complete, text);
}

/** A full-width line in words on the pass or fail colour: whether the evidence is complete, and what is missing. */
export function evidenceBanner(complete: boolean, text: string): Content {
  const cell: ContentText = {
    ...swatchText(statusSwatch(complete ? "pass" : "fail"), text, 12),
    alignment: "left",
    margin: [6, 5, 6, 5],
  };
  return { table: { widths: ["*"], body: [[cell]] }, layout: "noBorders", margin: [0, 10, 0, 12] };
}

function factRows(input: ReportInput, context: NarrativeContext): TableCell[][] {
  const versions = Object.entries(input.versions).map(([name, version]) => `${name} ${version}`);
  const rows: [string, string][] = [
    ["Organisation", context.company],
    ["Datadog site", context.org.site],
    ["Period", context.period.label],
    ["Query window", `${context.period.from} to ${context.period.to} (${context.period.days} days)`],
    ["Evidence collected", context.collected_at],
    ["Collected by", `ddproof ${context.tool_version}`],
    ["Tool and catalog versions", versions.length > 0 ? versions.join(", ") : "(not recorded)"],
  ];
  return rows.map(([label, value]) => [
    { text: label, bold: true, fontSize: 9 },
    { text: value, fontSize: 9 },
  ]);
}

export function cover(input: ReportInput, context: NarrativeContext): Content[] {
  return [
    { text: context.report.title, style: "title" },
    { text: `${context.company} · ${context.period.label}`, style: "subtitle" },
    { table: { widths: [130, "*"], body: factRows(input, context) }, layout: GRID_LAYOUT },
    completenessBanner(context),
    ...narrative(input, context, "cover"),
  ];
}
