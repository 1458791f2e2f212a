/**
 * The fleet PDF's cover: what the pack covers (its orgs, the period, the
 * latest collection time, tool and catalog versions), whether every org's
 * evidence is complete (in words, on a coloured banner), and the orgs in
 * scope with their site, completeness and missing evidence.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { evidenceBanner } from "../../report/pdf/blocks/cover.js";
import { outlineEntry, sectionId } from "../../report/pdf/blocks/outline.js";
import { swatchText } from "../../report/pdf/blocks/status-label.js";
import { GRID_LAYOUT } from "../../report/pdf/document.js";
import { statusSwatch } from "../../report/pdf/presentation.js";
import { formatInstant, periodDays, periodText } from "../../report/pdf/report-time.js";
import type { FleetReportInput } from "../contract.js";
import type { FleetAssessment, FleetOrg } from "../schema.js";
import { FLEET_TITLES, fleetName } from "./fleet-facts.js";

export const ORGS_HEADING = "Orgs in scope";

function factRows(input: FleetReportInput): TableCell[][] {
  const { fleet } = input;
  const zone = fleet.period.timezone;
  const versions = Object.entries(input.versions).map(([name, version]) => `${name} ${version}`);
  const rows: [string, string][] = [
    ["Scope", `${fleetName(fleet)}: ${fleet.orgs.map((org) => org.name).join(", ")}`],
    ["Period", periodText(fleet.period)],
    ["Query window", `${periodDays(fleet.period)} days, the same for every org`],
    ["Evidence collected", `${formatInstant(fleet.collected_at, zone)} (the latest org's collection)`],
    ["Tool and catalog versions", versions.length > 0 ? versions.join(", ") : "(not recorded)"],
  ];
  return rows.map(([label, value]) => [
    { text: label, bold: true, fontSize: 9 },
    { text: value, fontSize: 9 },
  ]);
}

function bannerText(fleet: FleetAssessment): string {
  if (fleet.complete)
    return `COMPLETE: every org's evidence is complete (${fleet.orgs.length} of ${fleet.orgs.length})`;
  const incomplete = fleet.orgs.filter((org) => !org.complete);
  const parts = incomplete.map((org) => `${org.name} (${org.missing_evidence.join(", ") || "unnamed"})`);
  return `INCOMPLETE — evidence missing in ${incomplete.length} of ${fleet.orgs.length} orgs: ${parts.join("; ")}`;
}

function orgRow(org: FleetOrg, index: number, zone: string): TableCell[] {
  const evidence = swatchText(statusSwatch(org.complete ? "pass" : "fail"), org.complete ? "COMPLETE" : "INCOMPLETE");
  return [
    { text: String(index + 1), style: "cell", alignment: "right" },
    { text: org.name, style: "cell", bold: true },
    { text: org.display_name ?? "", style: "cell" },
    { text: org.site, style: "cell" },
    { text: formatInstant(org.collected_at, zone), style: "cell" },
    evidence,
    { text: org.missing_evidence.join(", ") || "none", style: "cell" },
    { text: org.frameworks.join(", "), style: "cell" },
  ];
}

export function fleetCover(input: FleetReportInput): Content[] {
  const { fleet } = input;
  const header = ["#", "Org", "Name", "Datadog site", "Collected", "Evidence", "Missing evidence", "Frameworks"].map(
    (text): TableCell => ({ text, style: "tableHeader" }),
  );
  return [
    { text: FLEET_TITLES[fleet.kind], style: "title" },
    { text: `${fleetName(fleet)} · ${fleet.period.label}`, style: "subtitle" },
    { table: { widths: [130, "*"], body: factRows(input) }, layout: GRID_LAYOUT },
    evidenceBanner(fleet.complete, bannerText(fleet)),
    { text: ORGS_HEADING, style: "h2", ...outlineEntry({ id: sectionId("orgs"), title: ORGS_HEADING }) },
    {
      table: {
        headerRows: 1,
        dontBreakRows: true,
        widths: [14, "14%", "16%", "11%", "13%", 56, "*", "18%"],
        body: [header, ...fleet.orgs.map((org, i) => orgRow(org, i, fleet.period.timezone))],
      },
      layout: GRID_LAYOUT,
    },
  ];
}
