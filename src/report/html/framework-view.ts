/**
 * The framework view of report.html: per assessed framework, its status
 * counts and the control table (status, the reason that decided it, and the
 * evidence). Evidence links point at the population CSV files of the same
 * pack, relative to report.html, and only in packs that hold them.
 */
import type { ControlResult, ControlStatus, EvidenceRef, FrameworkResult } from "../../assess/schema.js";
import type { ReportInput } from "../contract.js";
import { controlVerdict } from "../control-reason.js";
import { evidenceFilesOf, evidenceRefText } from "../evidence-refs.js";
import { format as populationsCsvFormat } from "../formats/populations-csv.js";
import { GAP_REASON_LABELS } from "../gaps.js";
import { STATUS_SWATCHES, statusLabel } from "./swatches.js";

/** References shown per control; the population files hold the rest. */
export const EVIDENCE_LISTED = 6;
/** Indentation levels the stylesheet knows; deeper controls stay at the last. */
const MAX_DEPTH = 3;

export interface FindingView {
  status: ControlStatus;
  status_label: string;
  reason: string;
  informational: boolean;
}

export interface ControlRow {
  /** Row key shared with the JSON data (`<framework index>/<control index>`). */
  key: string;
  id: string;
  title: string;
  depth: number;
  status: ControlStatus;
  status_label: string;
  reason: string;
  reason_label: string | null;
  evidence: string[];
  evidence_more: number;
  /** Population files of this pack behind the evidence, as relative links. */
  files: string[];
  /** Every finding, shown when there is more than the one that decided the status. */
  findings: FindingView[];
}

export interface FrameworkSection {
  index: number;
  id: string;
  name: string;
  version: string;
  counts: Array<{ status: ControlStatus; label: string; count: number }>;
  controls: ControlRow[];
}

/** What the control search and status filter read (the JSON data block). */
export interface ControlData {
  key: string;
  id: string;
  title: string;
  status: ControlStatus;
  reason: string;
}

function refText(ref: EvidenceRef): string {
  return ref.label === undefined ? evidenceRefText(ref) : `${evidenceRefText(ref)} (${ref.label})`;
}

function depthOf(control: ControlResult, parents: ReadonlyMap<string, string | null>): number {
  let depth = 0;
  for (
    let parent = control.parent;
    parent !== null && parent !== undefined && depth < MAX_DEPTH;
    parent = parents.get(parent) ?? null
  )
    depth += 1;
  return depth;
}

function controlRow(
  control: ControlResult,
  index: string,
  framework: FrameworkResult,
  input: ReportInput,
  depth: number,
): ControlRow {
  const verdict = controlVerdict(control, framework);
  const linked = populationsCsvFormat.kinds.includes(input.kind);
  return {
    key: index,
    // The id as the framework writes it (NIST's SI-4(2)); the key identifies the row.
    id: control.label ?? control.id,
    title: control.title,
    depth,
    status: control.status,
    status_label: statusLabel(control.status),
    reason: verdict.reason,
    reason_label: verdict.reason_code === null ? null : GAP_REASON_LABELS[verdict.reason_code],
    evidence: verdict.evidence.slice(0, EVIDENCE_LISTED).map(refText),
    evidence_more: Math.max(0, verdict.evidence.length - EVIDENCE_LISTED),
    files: linked ? evidenceFilesOf(verdict.evidence, input.snapshot) : [],
    findings:
      control.findings.length > 1
        ? control.findings.map((finding) => ({
            status: finding.status,
            status_label: statusLabel(finding.status),
            reason: finding.reason,
            informational: finding.informational,
          }))
        : [],
  };
}

export function frameworkSections(input: ReportInput): FrameworkSection[] {
  return input.assessment.frameworks.map((framework, index) => {
    const parents = new Map(framework.controls.map((control) => [control.id, control.parent]));
    return {
      index,
      id: framework.id,
      name: framework.name,
      version: framework.version,
      counts: STATUS_SWATCHES.map((swatch) => ({
        status: swatch.status,
        label: swatch.label,
        count: framework.summary[swatch.status],
      })).filter((entry) => entry.count > 0),
      controls: framework.controls.map((control, row) =>
        controlRow(control, `${index}/${row}`, framework, input, depthOf(control, parents)),
      ),
    };
  });
}

export function controlData(sections: readonly FrameworkSection[]): ControlData[] {
  return sections.flatMap((section) =>
    section.controls.map((row) => ({
      key: row.key,
      id: row.id,
      title: row.title,
      status: row.status,
      reason: row.reason,
    })),
  );
}
