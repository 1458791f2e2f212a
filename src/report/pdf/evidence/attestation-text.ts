/** One attestation in a line of words: type, owner, validity and state (an expired one says so in capitals). */
import type { ContentText } from "pdfmake/interfaces.js";
import type { AppliedAttestation } from "../../../assess/schema.js";

export const ATTESTATION_TYPE_LABELS: Record<AppliedAttestation["type"], string> = {
  evidence: "Evidence",
  risk_acceptance: "Risk acceptance",
  not_applicable: "Not applicable",
};

export const ATTESTATION_STATE_LABELS: Record<AppliedAttestation["state"], string> = {
  active: "active",
  expired: "EXPIRED",
  not_yet_valid: "not yet valid",
};

export function attestationLine(attestation: AppliedAttestation): ContentText {
  const state = ATTESTATION_STATE_LABELS[attestation.state];
  return {
    text: [
      `${ATTESTATION_TYPE_LABELS[attestation.type]} by ${attestation.owner}, ${attestation.date} to ${attestation.expires}: `,
      { text: state, bold: attestation.state !== "active" },
    ],
  };
}
