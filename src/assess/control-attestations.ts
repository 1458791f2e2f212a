/**
 * What attestations do to one control (framework control or ATT&CK
 * technique), judged at collection time:
 *
 * - an active `evidence` attestation satisfies the control's `manual`
 *   findings (they become `pass`, naming who attested and when);
 * - an active `risk_acceptance` makes a control that does not pass `accepted`;
 * - an active `not_applicable` makes the control `not_applicable`;
 * - an expired (or not yet valid) attestation counts for nothing and adds an
 *   informational finding that says so.
 */
import { formatMessage } from "./message-format.js";
import type { AppliedAttestation, ControlStatus, EvidenceRef, Finding } from "./schema.js";

export const ATTESTATION_CHECK = "attestation";

const MESSAGES = {
  attested: "Attested by {{owner}} on {{date}}, valid until {{expires}}: {{reason}}",
  expired: "The {{type}} attestation by {{owner}} expired on {{expires}}; it no longer counts",
  notYetValid:
    "The {{type}} attestation by {{owner}} is dated {{date}}, after this snapshot was collected; it does not count yet",
} as const;

function attestationEvidence(attestation: AppliedAttestation): EvidenceRef[] {
  const ref: EvidenceRef = {
    type: "attestation",
    id: `${attestation.owner} ${attestation.date}`,
    label: attestation.reason,
  };
  return [ref, ...attestation.links.map((link): EvidenceRef => ({ type: "attestation", id: link }))];
}

function figures(attestation: AppliedAttestation) {
  const { type, owner, reason, date, expires } = attestation;
  return { type: type.replace("_", " "), owner, reason, date, expires };
}

/** Manual findings satisfied by the first active evidence attestation; notes for lapsed ones. */
export function applyAttestationsToFindings(
  findings: readonly Finding[],
  attestations: readonly AppliedAttestation[],
): Finding[] {
  const evidence = attestations.find(
    (attestation) => attestation.type === "evidence" && attestation.state === "active",
  );
  const out = findings.map((finding): Finding => {
    if (evidence === undefined || finding.status !== "manual") return finding;
    const data = figures(evidence);
    return {
      ...finding,
      status: "pass",
      reason: formatMessage(MESSAGES.attested, data),
      message_id: "attested",
      data,
      evidence: [...finding.evidence, ...attestationEvidence(evidence)],
      reason_code: null,
    };
  });
  for (const lapsed of attestations.filter((attestation) => attestation.state !== "active")) {
    const messageId = lapsed.state === "expired" ? "expired" : "notYetValid";
    const data = figures(lapsed);
    out.push({
      check: ATTESTATION_CHECK,
      status: "manual",
      reason: formatMessage(MESSAGES[messageId], data),
      evidence: attestationEvidence(lapsed),
      message_id: messageId,
      data,
      reason_code: "attestation_expired",
      rationale: null,
      informational: true,
    });
  }
  return out;
}

/** The decision an active attestation records, if any: not_applicable wins over a risk acceptance. */
export function attestedDisposition(attestations: readonly AppliedAttestation[]): "not_applicable" | "accepted" | null {
  const active = attestations.filter((attestation) => attestation.state === "active");
  if (active.some((attestation) => attestation.type === "not_applicable")) return "not_applicable";
  if (active.some((attestation) => attestation.type === "risk_acceptance")) return "accepted";
  return null;
}

/** The control's status after its attestations; a passing control stays `pass` despite a risk acceptance. */
export function statusAfterAttestations(
  status: ControlStatus,
  attestations: readonly AppliedAttestation[],
): ControlStatus {
  const disposition = attestedDisposition(attestations);
  if (disposition === "not_applicable") return "not_applicable";
  if (disposition === "accepted" && status !== "pass") return "accepted";
  return status;
}
