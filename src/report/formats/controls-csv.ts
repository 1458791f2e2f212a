/**
 * controls-<framework>.csv: the control matrix of one framework, one row per
 * control in catalog order, with the status, the sentence that explains it,
 * the checks behind it, the evidence and the attestations.
 */
import type { ControlResult, EvidenceRef, FrameworkResult } from "../../assess/schema.js";
import type { Snapshot } from "../../snapshot/schema.js";
import type { ReportFormat } from "../contract.js";
import { type ControlVerdict, controlVerdict } from "../control-reason.js";
import { type Column, csvText, listCell } from "../csv/write-csv.js";
import { evidenceFilesOf, evidenceRefText } from "../evidence-refs.js";
import { GAP_REASON_LABELS } from "../gaps.js";

export interface ControlRow {
  framework: FrameworkResult;
  control: ControlResult;
  verdict: ControlVerdict;
  evidence: EvidenceRef[];
  snapshot: Snapshot;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

const attestationList = (row: ControlRow, field: "type" | "owner" | "expires" | "state") =>
  listCell(row.control.attestations.map((attestation) => attestation[field]));

export const CONTROL_COLUMNS: readonly Column<ControlRow>[] = [
  { header: "framework", cell: (row) => row.framework.id },
  { header: "control_id", cell: (row) => row.control.id },
  { header: "parent", cell: (row) => row.control.parent },
  { header: "title", cell: (row) => row.control.title },
  { header: "monitoring_relevant", cell: (row) => row.control.monitoring_relevant },
  { header: "status", cell: (row) => row.control.status },
  { header: "status_from", cell: (row) => row.control.status_from },
  { header: "reason", cell: (row) => row.verdict.reason },
  { header: "reason_code", cell: (row) => row.verdict.reason_code },
  {
    header: "reason_label",
    cell: (row) => (row.verdict.reason_code === null ? null : GAP_REASON_LABELS[row.verdict.reason_code]),
  },
  { header: "checks", cell: (row) => listCell(unique(row.control.findings.map((finding) => finding.check))) },
  { header: "evidence", cell: (row) => listCell(unique(row.evidence.map(evidenceRefText))) },
  { header: "evidence_files", cell: (row) => listCell(evidenceFilesOf(row.evidence, row.snapshot)) },
  { header: "attestation_type", cell: (row) => attestationList(row, "type") },
  { header: "attestation_owner", cell: (row) => attestationList(row, "owner") },
  { header: "attestation_expires", cell: (row) => attestationList(row, "expires") },
  { header: "attestation_state", cell: (row) => attestationList(row, "state") },
];

/** A framework id as part of a file name: only `[a-z0-9.-]`, so never a path separator. */
export function fileSafeId(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9.-]/g, "-");
}

export function controlsCsvPath(framework: Pick<FrameworkResult, "id">): string {
  return `controls-${fileSafeId(framework.id)}.csv`;
}

/** One row per control of a framework, in catalog order (the workbook reuses these). */
export function controlRows(framework: FrameworkResult, snapshot: Snapshot): ControlRow[] {
  return framework.controls.map((control) => {
    const verdict = controlVerdict(control, framework);
    // Every finding's references, plus the attestation behind an attested status.
    const evidence = [...control.findings.flatMap((finding) => finding.evidence), ...verdict.evidence];
    return { framework, control, verdict, evidence, snapshot };
  });
}

export const format: ReportFormat = {
  id: "controls-csv",
  kinds: ["evidence"],
  description:
    "controls-<framework>.csv: each framework's control matrix (status, reason, checks, evidence, attestations) for auditors' spreadsheets",
  async render(input) {
    return input.assessment.frameworks.map((framework) => ({
      path: controlsCsvPath(framework),
      text: csvText(CONTROL_COLUMNS, controlRows(framework, input.snapshot)),
    }));
  },
};
