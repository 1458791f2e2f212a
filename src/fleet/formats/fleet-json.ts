/**
 * fleet.json: the fleet assessment itself (worst-of statuses and weakest
 * scores with every org's beside them, the orgs and their packs' hashes),
 * in every kind of fleet pack. Written by stable-json.ts, so the same org
 * packs give the same bytes.
 */
import { stableJson } from "../../report/stable-json.js";
import type { FleetFormat } from "../contract.js";

export const FLEET_JSON = "fleet.json";

export const format: FleetFormat = {
  id: "fleet-json",
  kinds: ["gap", "evidence", "attack"],
  description:
    "fleet.json: each control's worst-of status and each technique's weakest score, with every org's beside them",
  async render(input) {
    return [{ path: FLEET_JSON, text: stableJson(input.fleet) }];
  },
};
