/**
 * The registry of report formats: one module per format in this folder,
 * named exactly as the format's id, each exporting `format`. A test asserts
 * that the registry lists exactly the files of this folder.
 *
 * A pack of a given kind holds the files of every format listed for that
 * kind, in this order; the pack writer needs no other list.
 */
import type { ReportFormat } from "../contract.js";
import * as actionsCsv from "./actions-csv.js";
import * as actionsJson from "./actions-json.js";
import * as assessmentJson from "./assessment-json.js";
import * as attackCoverageCsv from "./attack-coverage-csv.js";
import * as attackLayer from "./attack-layer.js";
import * as changesJson from "./changes-json.js";
import * as controlsCsv from "./controls-csv.js";
import * as evidenceXlsx from "./evidence-xlsx.js";
import * as gapsCsv from "./gaps-csv.js";
import * as gapsXlsx from "./gaps-xlsx.js";
import * as htmlReport from "./html-report.js";
import * as oscalAssessmentResults from "./oscal-assessment-results.js";
import * as pdfAttack from "./pdf-attack.js";
import * as pdfEvidence from "./pdf-evidence.js";
import * as pdfGap from "./pdf-gap.js";
import * as populationsCsv from "./populations-csv.js";
import * as snapshotJson from "./snapshot-json.js";

export const REPORT_FORMATS: readonly ReportFormat[] = Object.freeze([
  // Inputs first: every pack carries what it was made from.
  snapshotJson.format,
  assessmentJson.format,
  changesJson.format,
  // What people read first.
  pdfEvidence.format,
  pdfGap.format,
  pdfAttack.format,
  htmlReport.format,
  controlsCsv.format,
  gapsCsv.format,
  actionsCsv.format,
  actionsJson.format,
  attackCoverageCsv.format,
  evidenceXlsx.format,
  gapsXlsx.format,
  attackLayer.format,
  oscalAssessmentResults.format,
  populationsCsv.format,
]);
