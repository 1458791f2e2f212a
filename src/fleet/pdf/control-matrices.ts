/**
 * One control table per framework: each control in the framework's order
 * with the fleet status (the worst of the assessing orgs) and each org's
 * status beside it, in words on its colour; `—` where an org does not
 * assess the framework. Top-level rows (requirements, criteria) are shaded
 * and bookmarked. A fleet wider than one table is split into column groups
 * (org-columns.ts), each group's table on its own pages with its own
 * bookmark under the framework's.
 */
import type { Content } from "pdfmake/interfaces.js";
import { bookmarkTitle, outlineAnchor, outlineEntry, sectionId } from "../../report/pdf/blocks/outline.js";
import { statusCell } from "../../report/pdf/blocks/status-label.js";
import type { FleetAssessment, FleetControl, FleetFramework } from "../schema.js";
import { controlDepth, orgsNotAssessing, WORST_OF_NOTE } from "./fleet-facts.js";
import { groupTitle, type OrgColumnGroup, orgColumnGroups } from "./org-columns.js";
import { type GridItem, NOT_ASSESSED, orgGridTable } from "./org-grid.js";
import { fleetMatrixId } from "./status-summary.js";

export function fleetMatrixHeading(framework: Pick<FleetFramework, "name">): string {
  return `Control matrix: ${framework.name}`;
}

function controlItem(
  control: FleetControl,
  depth: number,
  framework: FleetFramework,
  group: { id: string; index: number },
): GridItem {
  const label = control.label ?? control.id;
  const topLevel = control.parent === null;
  return {
    kind: "item",
    label: {
      text: [{ text: label, bold: true }, ` ${control.title}`],
      style: "cell",
      margin: [Math.max(0, depth - 1) * 6, 0, 0, 0],
    },
    fleet: statusCell(control.status),
    orgCell: (org) => {
      const status = control.orgs[org];
      return status === undefined ? null : statusCell(status);
    },
    shaded: topLevel,
    ...(topLevel
      ? {
          bookmark: {
            id: sectionId("group", framework.id, String(group.index), control.id),
            parent: group.id,
            title: bookmarkTitle(`${label} ${control.title}`),
          },
        }
      : {}),
  };
}

function groupTable(framework: FleetFramework, group: OrgColumnGroup, split: boolean): Content[] {
  const byId = new Map(framework.controls.map((control) => [control.id, control]));
  const anchorId = split ? sectionId("controls", framework.id, `orgs-${group.index + 1}`) : fleetMatrixId(framework);
  const table = orgGridTable({
    running: `${framework.name} ${framework.version}`,
    labelHeader: "Control",
    fleetHeader: "Fleet",
    group,
    rows: framework.controls.map((control) =>
      controlItem(control, controlDepth(control, byId, 10), framework, { id: anchorId, index: group.index }),
    ),
  });
  if (!split) return [table];
  return [
    {
      ...outlineAnchor({ id: anchorId, parent: fleetMatrixId(framework), title: groupTitle(group) }),
      ...(group.index === 0 ? {} : { pageBreak: "before" as const }),
    },
    table,
  ];
}

function frameworkMatrix(fleet: FleetAssessment, framework: FleetFramework): Content[] {
  const groups = orgColumnGroups(fleet.orgs.map((org) => org.name));
  const missing = orgsNotAssessing(fleet, framework.orgs);
  const heading = fleetMatrixHeading(framework);
  return [
    {
      text: heading,
      style: "h1",
      pageBreak: "before",
      ...outlineEntry({ id: fleetMatrixId(framework), title: heading }),
    },
    {
      text: [
        `${framework.name} ${framework.version}: ${framework.controls.length} controls in the framework's order. ${WORST_OF_NOTE}`,
        missing.length === 0 ? "" : ` Not assessed by ${missing.join(", ")} (${NOT_ASSESSED} in their columns).`,
        groups.length > 1 ? ` ${groups.length} tables of at most ${groups[0]?.orgs.length} orgs each.` : "",
      ].join(""),
      style: "note",
    },
    ...groups.flatMap((group) => groupTable(framework, group, groups.length > 1)),
  ];
}

export function controlMatrices(fleet: FleetAssessment): Content[] {
  return fleet.frameworks.flatMap((framework) => frameworkMatrix(fleet, framework));
}
