/**
 * "Next actions by org" in a fleet gap report: each org's ranked actions
 * (its own `ddproof plan`, as its gap report lists them), an org per
 * bookmark. The actions stay per org: each is an edit to that org's
 * Datadog, and a gain is measured on that org's assessment.
 */
import type { Content } from "pdfmake/interfaces.js";
import { outlineEntry, sectionId } from "../../report/pdf/blocks/outline.js";
import { actionsTable } from "../../report/pdf/gap/actions-section.js";
import type { FleetAssessment, FleetOrg } from "../schema.js";

export const TOP_ACTIONS_HEADING = "Next actions by org";
const TOP_ACTIONS_ID = sectionId("next-actions");

function orgActions(org: FleetOrg): Content[] {
  const count = org.top_actions.length;
  const title = `${org.name} (${count} ${count === 1 ? "action" : "actions"})`;
  return [
    {
      text: title,
      style: "h2",
      ...outlineEntry({ id: sectionId("next-actions", org.name), parent: TOP_ACTIONS_ID, title }),
    },
    count === 0
      ? { text: "No change read from this org's evidence would raise its coverage.", style: "narrative" }
      : actionsTable(org.top_actions),
  ];
}

/** Only a gap pack carries plans; other kinds have no section. */
export function topActions(fleet: FleetAssessment): Content[] {
  if (fleet.kind !== "gap") return [];
  return [
    {
      text: TOP_ACTIONS_HEADING,
      style: "h1",
      pageBreak: "before",
      ...outlineEntry({ id: TOP_ACTIONS_ID, title: TOP_ACTIONS_HEADING }),
    },
    {
      text: "Each org's own ranked actions: each is an edit `ddproof whatif` takes against that org's evidence, and its gain counts what it adds to the actions above it in the same org.",
      style: "note",
    },
    ...fleet.orgs.flatMap(orgActions),
  ];
}
