/**
 * The registry of fleet formats: one module per format in this folder,
 * named exactly as the format's id, each exporting `format`. A test asserts
 * that the registry lists exactly the files of this folder.
 *
 * A fleet pack of a given kind holds the files of every format listed for
 * that kind, in this order; writeFleetPack needs no other list.
 */
import type { FleetFormat } from "../contract.js";
import * as fleetActionsCsv from "./fleet-actions-csv.js";
import * as fleetAttackCoverageCsv from "./fleet-attack-coverage-csv.js";
import * as fleetAttackLayer from "./fleet-attack-layer.js";
import * as fleetControlsCsv from "./fleet-controls-csv.js";
import * as fleetHtml from "./fleet-html.js";
import * as fleetJson from "./fleet-json.js";
import * as fleetOscalAssessmentResults from "./fleet-oscal-assessment-results.js";
import * as fleetPdf from "./fleet-pdf.js";
import * as fleetXlsx from "./fleet-xlsx.js";

export const FLEET_FORMATS: readonly FleetFormat[] = Object.freeze([
  // What it was combined from first: the fleet assessment itself.
  fleetJson.format,
  // What people read first.
  fleetPdf.format,
  fleetHtml.format,
  fleetControlsCsv.format,
  fleetAttackCoverageCsv.format,
  fleetActionsCsv.format,
  fleetXlsx.format,
  fleetAttackLayer.format,
  fleetOscalAssessmentResults.format,
]);
