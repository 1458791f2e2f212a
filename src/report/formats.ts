/**
 * The registry of report formats. A pack of a given kind holds the files of
 * every format listed for that kind; the pack writer needs no other list.
 */
import { attackLayerFormat } from "./attack-layer.js";
import type { ReportFormat } from "./contract.js";
import { attackCoverageCsvFormat } from "./csv/attack-coverage.js";
import { controlsCsvFormat } from "./csv/controls.js";
import { gapsCsvFormat } from "./csv/gaps.js";
import { populationsCsvFormat } from "./csv/populations/index.js";
import { htmlReportFormat } from "./html/index.js";
import { assessmentJsonFormat, changesJsonFormat, snapshotJsonFormat } from "./json-outputs.js";
import { oscalAssessmentResultsFormat } from "./oscal.js";
import { pdfAttackFormat, pdfEvidenceFormat, pdfGapFormat } from "./pdf/index.js";

export const REPORT_FORMATS: readonly ReportFormat[] = [
  // Inputs first: every pack carries what it was made from.
  snapshotJsonFormat,
  assessmentJsonFormat,
  changesJsonFormat,
  // What people read first.
  pdfEvidenceFormat,
  pdfGapFormat,
  pdfAttackFormat,
  htmlReportFormat,
  controlsCsvFormat,
  gapsCsvFormat,
  attackCoverageCsvFormat,
  attackLayerFormat,
  oscalAssessmentResultsFormat,
  populationsCsvFormat,
];
