/** report.html of the fleet pack: one self-contained page (see ../html/fleet-page.ts). */
import type { FleetFormat } from "../contract.js";
import { renderFleetPage } from "../html/fleet-page.js";

export const FLEET_HTML_FILE = "report.html";

export const format: FleetFormat = {
  id: "fleet-html",
  kinds: ["gap", "evidence", "attack"],
  description:
    "report.html: the fleet's controls with each org's status and the ATT&CK matrix scored by the weakest org with each org's score, in one offline page linking to each org's page",
  async render(input) {
    return [{ path: FLEET_HTML_FILE, text: await renderFleetPage(input) }];
  },
};
