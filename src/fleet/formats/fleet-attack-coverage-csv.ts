/**
 * attack-coverage.csv: every ATT&CK technique across the fleet, scored by
 * its weakest org, with the weakest orgs, why the first of them falls short
 * and one score column per org (`score:<org>`, orgs by name; blank for an
 * org that does not assess ATT&CK). No file when no org assessed ATT&CK.
 */
import { type Column, csvText, listCell } from "../../report/csv/write-csv.js";
import type { FleetFormat } from "../contract.js";
import type { FleetTechnique } from "../schema.js";
import { orgColumnHeader } from "./fleet-controls-csv.js";

export const FLEET_ATTACK_COVERAGE_CSV = "attack-coverage.csv";

export function fleetTechniqueColumns(orgs: readonly string[]): Column<FleetTechnique>[] {
  return [
    { header: "technique_id", cell: (technique) => technique.id },
    { header: "name", cell: (technique) => technique.name },
    { header: "tactics", cell: (technique) => listCell(technique.tactics) },
    { header: "score", cell: (technique) => technique.score },
    { header: "weakest_orgs", cell: (technique) => listCell(technique.weakest_orgs) },
    { header: "reason_code", cell: (technique) => technique.reason },
    ...orgs.map(
      (org): Column<FleetTechnique> => ({
        header: orgColumnHeader("score", org),
        cell: (technique) => technique.orgs[org] ?? null,
      }),
    ),
  ];
}

export const format: FleetFormat = {
  id: "fleet-attack-coverage-csv",
  kinds: ["gap", "evidence", "attack"],
  description:
    "attack-coverage.csv: each ATT&CK technique's weakest-org score 0–5, the weakest orgs and each org's score",
  async render(input) {
    const { attack, orgs } = input.fleet;
    if (attack === null) return [];
    const columns = fleetTechniqueColumns(orgs.map((org) => org.name));
    return [{ path: FLEET_ATTACK_COVERAGE_CSV, text: csvText(columns, attack.techniques) }];
  },
};
