/**
 * Runs one check against a snapshot and turns its result into a Finding.
 * This is where "missing evidence is never a pass" is enforced for every
 * kind: when a part the check reads failed, the check does not run at all.
 */
import type { Snapshot } from "../snapshot/schema.js";
import {
  type CheckContext,
  type CheckModule,
  type CheckResult,
  COLLECTOR_FAILED,
  COMMON_MESSAGES,
} from "./check-contract.js";
import { formatMessage } from "./message-format.js";
import type { Finding } from "./schema.js";
import { failedCollectors } from "./snapshot-parts.js";

/** Evaluates `params` (already parsed by the module's schema), or reports the failed collectors. */
export function runCheck(module: CheckModule, params: unknown, snapshot: Snapshot, ctx: CheckContext): CheckResult {
  const failed = failedCollectors(snapshot, module.readsFor?.(params as never) ?? module.meta.reads);
  if (failed.length > 0) {
    return {
      status: "unknown",
      messageId: COLLECTOR_FAILED,
      data: {
        collectors: failed.map((part) => part.id),
        errors: failed.map((part) => `${part.id}: ${part.error}`).join("; "),
      },
      evidence: [],
      reasonCode: "evidence_unavailable",
    };
  }
  return module.evaluate(params as never, snapshot, ctx);
}

/** The sentence for a result: the module's template for its message id, filled with its figures. */
export function describeResult(module: CheckModule, result: CheckResult): string {
  const template = module.meta.messages[result.messageId] ?? COMMON_MESSAGES[result.messageId];
  if (template === undefined)
    throw new Error(`check ${module.meta.kind} reported unknown message id "${result.messageId}"`);
  return formatMessage(template, result.data);
}

export function toFinding(module: CheckModule, result: CheckResult, rationale: string | null): Finding {
  return {
    check: module.meta.kind,
    status: result.status,
    reason: describeResult(module, result),
    evidence: result.evidence,
    message_id: result.messageId,
    data: result.data,
    reason_code: result.reasonCode,
    rationale,
    informational: false,
  };
}
