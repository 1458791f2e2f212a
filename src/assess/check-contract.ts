/**
 * The contract every check kind in checks/ follows (the ESLint rule model):
 * a module exports `meta` (kind, a one-line description starting with a verb,
 * the snapshot parts it reads, a map of message templates), a zod `params`
 * schema whose `.default()`s are the only defaults, and
 * `evaluate(params, snapshot, ctx)`, which reports a status, a message id,
 * the measured figures and references to the evidence, never free text.
 */
import type { z } from "zod";
import type { Thresholds } from "../config/schema.js";
import type { CollectorId, Snapshot } from "../snapshot/schema.js";
import type { CheckStatus, EvidenceRef, FindingData, ReasonCode } from "./schema.js";

export interface CheckContext {
  /** The config's thresholds (triage SLA minutes, ATT&CK gap threshold). */
  thresholds: Thresholds;
}

export interface CheckResult<M extends string = string> {
  status: CheckStatus;
  messageId: M;
  data: FindingData;
  evidence: EvidenceRef[];
  /** What kind of gap this is, when it is one a gap report groups. */
  reasonCode: ReasonCode | null;
}

export interface CheckMeta {
  kind: string;
  description: string;
  /** Collector parts the check may read; when one it reads failed, the result is `unknown`. */
  reads: readonly CollectorId[];
  messages: Readonly<Record<string, string>>;
}

export interface CheckModule {
  meta: CheckMeta;
  params: z.ZodType;
  /** `params` is the output of the module's own schema; the registry cannot name each module's type. */
  evaluate(params: never, snapshot: Snapshot, ctx: CheckContext): CheckResult;
  /** The parts these params make it read, when that is fewer than `meta.reads`. */
  readsFor?(params: never): readonly CollectorId[];
}

/** The message every check reports when a collector it reads failed. */
export const COLLECTOR_FAILED = "collectorFailed";
export const COMMON_MESSAGES: Readonly<Record<string, string>> = {
  [COLLECTOR_FAILED]:
    "Evidence unavailable: the {{collectors}} collector failed ({{errors}}), so this cannot be judged",
};

/**
 * Evidence lists are capped so one finding about 5,000 hosts stays readable;
 * the full populations travel in the evidence pack's CSV files, and the
 * counts in the finding's data are always complete.
 */
export const MAX_EVIDENCE_ITEMS = 50;

export function capEvidence(items: EvidenceRef[]): EvidenceRef[] {
  if (items.length <= MAX_EVIDENCE_ITEMS) return items;
  const kept = items.slice(0, MAX_EVIDENCE_ITEMS);
  const last = items[items.length - 1]!;
  kept.push({ type: last.type, id: "…", label: `and ${items.length - MAX_EVIDENCE_ITEMS} more` });
  return kept;
}

/** Builds a result, capping its evidence list. */
export function checkResult<M extends string>(
  status: CheckStatus,
  messageId: M,
  data: FindingData,
  evidence: EvidenceRef[],
  reasonCode: ReasonCode | null = null,
): CheckResult<M> {
  return { status, messageId, data, evidence: capEvidence(evidence), reasonCode };
}

/** The period as a query-window evidence reference. */
export function queryWindow(snapshot: Snapshot): EvidenceRef {
  return { type: "query_window", id: `${snapshot.period.from}/${snapshot.period.to}` };
}
