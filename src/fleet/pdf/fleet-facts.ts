/**
 * Facts every fleet view states alike (the PDF, report.html and the
 * workbook): the title of each kind of fleet pack, how the fleet is named,
 * each org's own counts of statuses, read back from the per-org columns, and
 * how deep a control sits under its top-level row.
 */
import type { StatusSummary } from "../../assess/schema.js";
import type { FleetAssessment, FleetControl, FleetFramework } from "../schema.js";

export const FLEET_TITLES: Record<FleetAssessment["kind"], string> = {
  evidence: "Fleet audit evidence pack",
  gap: "Fleet gap report",
  attack: "Fleet MITRE ATT&CK coverage",
};

/** `3 orgs`: the fleet as headers, footers and document titles name it. */
export function fleetName(fleet: Pick<FleetAssessment, "orgs">): string {
  return `${fleet.orgs.length} ${fleet.orgs.length === 1 ? "org" : "orgs"}`;
}

/** The rule the fleet column follows, in words. */
export const WORST_OF_NOTE =
  "The fleet status is the worst of the orgs that assess the framework, in the order fail, unknown, partial, manual, accepted, pass, not applicable.";
export const WEAKEST_NOTE = "The fleet score of a technique is its weakest org's score.";

function emptySummary(): StatusSummary {
  return { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 };
}

/** One org's count of each status in a framework; null when the org does not assess it. */
export function orgSummary(framework: FleetFramework, org: string): StatusSummary | null {
  if (!framework.orgs.includes(org)) return null;
  const summary = emptySummary();
  for (const control of framework.controls) {
    const status = control.orgs[org];
    if (status !== undefined) summary[status] += 1;
  }
  return summary;
}

/** The orgs of the fleet that do not assess this framework. */
export function orgsNotAssessing(fleet: Pick<FleetAssessment, "orgs">, assessing: readonly string[]): string[] {
  return fleet.orgs.map((org) => org.name).filter((name) => !assessing.includes(name));
}

/** How deep a control sits under its top-level row (0 for that row), for indentation; at most `max`. */
export function controlDepth(control: FleetControl, byId: ReadonlyMap<string, FleetControl>, max: number): number {
  let depth = 0;
  for (let parent = control.parent; parent !== null && depth < max; parent = byId.get(parent)?.parent ?? null)
    depth += 1;
  return depth;
}
