/** fleet.pdf: the fleet pack's PDF (../pdf/fleet-report.ts builds it). */
import { renderPdf } from "../../report/pdf/render-pdf.js";
import type { FleetFormat } from "../contract.js";
import { buildFleetReport } from "../pdf/fleet-report.js";

export const FLEET_PDF = "fleet.pdf";

export const format: FleetFormat = {
  id: "fleet-pdf",
  kinds: ["gap", "evidence", "attack"],
  description:
    "fleet.pdf: every org in scope with its completeness, worst-of statuses with each org's status per control, and ATT&CK by tactic with each org's score, for auditors and detection engineers",
  async render(input) {
    return [{ path: FLEET_PDF, bytes: await renderPdf(buildFleetReport(input)) }];
  },
};
