/**
 * The one sentence a report shows for a control, with its typed reason and
 * evidence: the finding that decided the status, the roll-up of a parent's
 * children, or the attestation that set the status. Shared by gaps.ts, the
 * control matrices and the OSCAL findings so all three say the same thing.
 */
import { formatMessage } from "../assess/message-format.js";
import type {
  AppliedAttestation,
  ControlResult,
  ControlStatus,
  EvidenceRef,
  Finding,
  FrameworkResult,
  ReasonCode,
} from "../assess/schema.js";

export interface ControlVerdict {
  reason: string;
  /** Null for passing controls, roll-ups and attested dispositions. */
  reason_code: ReasonCode | null;
  evidence: EvidenceRef[];
}

const MESSAGES = {
  rolledUp: "Rolled up from {{count}} child controls: {{counts}}",
  accepted: "Risk accepted by {{owner}} on {{date}}, valid until {{expires}}: {{reason}}",
  notApplicable: "Not applicable, attested by {{owner}} on {{date}}, valid until {{expires}}: {{reason}}",
  noFindings: "No findings were recorded for this control",
} as const;

/** Worst first: the order in which a status decides a control (rollup.ts). */
export const STATUS_SEVERITY: readonly ControlStatus[] = [
  "fail",
  "unknown",
  "partial",
  "manual",
  "accepted",
  "pass",
  "not_applicable",
];

/**
 * The finding that decided the control's status: the first one with that
 * status, or for a mixed `partial` (pass + manual) the first with the worst
 * status. A `manual` control with a lapsed attestation is explained by the
 * lapse, which says more than "needs an attestation".
 */
export function decidingFinding(control: ControlResult): Finding | null {
  const counted = control.findings.filter((finding) => !finding.informational);
  if (control.status === "manual") {
    const lapsed = control.findings.find(
      (finding) => finding.informational && finding.reason_code === "attestation_expired",
    );
    if (lapsed !== undefined) return lapsed;
  }
  const same = counted.find((finding) => finding.status === control.status);
  if (same !== undefined) return same;
  for (const status of STATUS_SEVERITY) {
    const worst = counted.find((finding) => finding.status === status);
    if (worst !== undefined) return worst;
  }
  return null;
}

function rollUpSentence(control: ControlResult, framework: FrameworkResult): string {
  const children = framework.controls.filter((candidate) => candidate.parent === control.id);
  const counts = STATUS_SEVERITY.map(
    (status) => [status, children.filter((child) => child.status === status).length] as const,
  )
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status.replace("_", " ")}`);
  return formatMessage(MESSAGES.rolledUp, { count: children.length, counts: counts.join(", ") });
}

export function attestationEvidence(attestation: AppliedAttestation): EvidenceRef[] {
  return [
    { type: "attestation", id: `${attestation.owner} ${attestation.date}`, label: attestation.reason },
    ...attestation.links.map((link): EvidenceRef => ({ type: "attestation", id: link })),
  ];
}

function attestedVerdict(control: ControlResult): ControlVerdict | null {
  const type = control.status === "not_applicable" ? "not_applicable" : "risk_acceptance";
  const attestation = control.attestations.find((candidate) => candidate.state === "active" && candidate.type === type);
  if (attestation === undefined) return null;
  const { owner, date, expires, reason } = attestation;
  const template = type === "not_applicable" ? MESSAGES.notApplicable : MESSAGES.accepted;
  return {
    reason: formatMessage(template, { owner, date, expires, reason }),
    reason_code: null,
    evidence: attestationEvidence(attestation),
  };
}

export function controlVerdict(control: ControlResult, framework: FrameworkResult): ControlVerdict {
  if (control.status_from === "attestation") {
    const attested = attestedVerdict(control);
    if (attested !== null) return attested;
  }
  if (control.status_from === "children") {
    return { reason: rollUpSentence(control, framework), reason_code: null, evidence: [] };
  }
  const finding = decidingFinding(control);
  if (finding === null) return { reason: MESSAGES.noFindings, reason_code: null, evidence: [] };
  return { reason: finding.reason, reason_code: finding.reason_code, evidence: finding.evidence };
}
