/**
 * manual — no API can show this; only a person's attestation can. The
 * result is always `manual`; an unexpired evidence attestation for the
 * control (attestations.yaml) turns it into a pass. The mapping's rationale
 * says what the person must attest, and travels with the finding.
 */
import { z } from "zod";
import type { Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";

export const meta = {
  kind: "manual",
  description: "Require a person's attestation where no automated evidence exists.",
  reads: [],
  messages: {
    needsAttestation: "Needs a person's attestation: no automated evidence covers this",
  },
} as const;

/** Takes no parameters; anything given is refused, so a typo is not silently ignored. */
export const params = z.object({}).strict();
export type Params = z.infer<typeof params>;

export function evaluate(_p: Params, _snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  return checkResult("manual", "needsAttestation", {}, [], "attestation_missing");
}
