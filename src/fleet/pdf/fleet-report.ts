/**
 * fleet.pdf, what an auditor and a detection engineer read of a fleet: the
 * cover with the orgs in scope, statuses by framework (fleet and per org),
 * a control matrix per framework with each org's column, the ATT&CK view by
 * tactic with each org's scores, and in a gap pack each org's next actions.
 * A4 landscape throughout, so per-org columns keep their width
 * (org-columns.ts splits a wide fleet into column groups).
 */
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { pdfDocument } from "../../report/pdf/document.js";
import type { FleetReportInput } from "../contract.js";
import { attackTactics } from "./attack-tactics.js";
import { controlMatrices } from "./control-matrices.js";
import { fleetCover } from "./fleet-cover.js";
import { FLEET_TITLES, fleetName } from "./fleet-facts.js";
import { PAGE } from "./org-columns.js";
import { statusSummary } from "./status-summary.js";
import { topActions } from "./top-actions.js";

const SUBJECTS: Record<FleetReportInput["fleet"]["kind"], string> = {
  evidence: "Audit evidence across several Datadog orgs: worst-of statuses with each org's status beside them",
  gap: "Security monitoring gaps across several Datadog orgs, with each org's statuses, scores and next actions",
  attack: "MITRE ATT&CK coverage across several Datadog orgs, scored by the weakest org, with each org's score",
};

export function buildFleetReport(input: FleetReportInput): TDocumentDefinitions {
  const { fleet } = input;
  return pdfDocument(
    { who: fleetName(fleet), periodLabel: fleet.period.label, collectedAt: fleet.collected_at },
    {
      title: FLEET_TITLES[fleet.kind],
      subject: SUBJECTS[fleet.kind],
      pageSize: PAGE.size,
      orientation: PAGE.orientation,
    },
    [
      ...fleetCover(input),
      ...statusSummary(fleet),
      ...controlMatrices(fleet),
      ...attackTactics(input),
      ...topActions(fleet),
    ],
  );
}
