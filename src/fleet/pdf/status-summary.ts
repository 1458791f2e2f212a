/**
 * Counts of statuses per framework: first the fleet's (worst-of) counts of
 * every framework, then per framework the fleet's and each assessing org's,
 * so an auditor sees which org pulls a framework down. Every name links to
 * the framework's control matrix.
 */
import type { Content } from "pdfmake/interfaces.js";
import { outlineEntry, sectionId } from "../../report/pdf/blocks/outline.js";
import { statusCountTable } from "../../report/pdf/blocks/status-table.js";
import type { FleetAssessment, FleetFramework } from "../schema.js";
import { orgSummary, orgsNotAssessing, WORST_OF_NOTE } from "./fleet-facts.js";

export const SUMMARY_HEADING = "Statuses by framework";
const SUMMARY_ID = sectionId("summary");

export function fleetMatrixId(framework: Pick<FleetFramework, "id">): string {
  return sectionId("controls", framework.id);
}

function perOrg(fleet: FleetAssessment, framework: FleetFramework): Content[] {
  const rows = [
    { id: framework.id, name: "Fleet", version: framework.version, summary: framework.summary },
    ...framework.orgs.flatMap((org) => {
      const summary = orgSummary(framework, org);
      return summary === null ? [] : [{ id: framework.id, name: org, version: framework.version, summary }];
    }),
  ];
  const missing = orgsNotAssessing(fleet, framework.orgs);
  const title = `${framework.name} ${framework.version}`;
  return [
    {
      text: title,
      style: "h2",
      ...outlineEntry({ id: sectionId("summary", framework.id), parent: SUMMARY_ID, title }),
    },
    ...(missing.length === 0
      ? []
      : [{ text: `Not assessed by ${missing.join(", ")}.`, style: "note" } satisfies Content]),
    statusCountTable(rows, () => fleetMatrixId(framework), "Fleet and each org"),
  ];
}

export function statusSummary(fleet: FleetAssessment): Content[] {
  if (fleet.frameworks.length === 0) return [];
  return [
    {
      text: SUMMARY_HEADING,
      style: "h1",
      pageBreak: "before",
      ...outlineEntry({ id: SUMMARY_ID, title: SUMMARY_HEADING }),
    },
    { text: `${WORST_OF_NOTE} Each name opens the framework's control matrix.`, style: "note" },
    statusCountTable(fleet.frameworks, (id) => fleetMatrixId({ id })),
    ...fleet.frameworks.flatMap((framework) => perOrg(fleet, framework)),
  ];
}
