/**
 * suppression_hygiene — the suppressions in force carry a description and an
 * expiry (optionally no further out than `max_duration_days`), so quieted
 * noise is explained and gets reviewed. A suppression is in force when it is
 * enabled, has started and has not expired at collection time: Datadog
 * suppressions carry a start date that may lie in the future (scheduled),
 * and such a suppression silences nothing yet. Scheduled suppressions are
 * counted and named in the reason, not judged; they are judged once they
 * start, at a later collection. `min_suppressions` asks
 * that tuning happened at all (the baseline wants noisy rules tuned).
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { Snapshot, Suppression } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import { meetsShare, percent, requiredPercent } from "../figures.js";
import { tallyShortfalls } from "../shortfalls.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "suppression_hygiene",
  description: "Verify that suppressions in force have a description and an expiry.",
  reads: ["suppressions"],
  messages: {
    tidy: "{{tidy}} of {{active}} suppressions in force ({{pct}}%) are described and expire as required; required {{required_pct}}%{{scheduled_note}}",
    noSuppressions: "No suppression is in force, so none can be untidy{{scheduled_note}}",
    untidy:
      "Only {{tidy}} of {{active}} suppressions in force ({{pct}}%) are described and expire as required; required {{required_pct}}%. Missing description: {{no_description}}, no expiry: {{no_expiry}}, expiry too far: {{too_long}}",
    noneTidy:
      "None of the {{active}} suppressions in force is described and expires as required. Missing description: {{no_description}}, no expiry: {{no_expiry}}, expiry too far: {{too_long}}",
    tooFew:
      "{{active}} suppressions are in force; at least {{min_suppressions}} expected, showing noisy rules were tuned",
  },
} as const;

export const params = z
  .object({
    require_description: z.boolean().default(true),
    require_expiry: z.boolean().default(true),
    /** Latest acceptable expiry, in days after collection; not checked when absent. */
    max_duration_days: z.number().positive().optional(),
    /** Share (0–1) of suppressions in force that must be tidy. */
    min_share: z.number().min(0).max(1).default(1),
    /** Suppressions that must be in force. */
    min_suppressions: z.number().int().nonnegative().default(0),
  })
  .strict();
export type Params = z.infer<typeof params>;

type Problem = "no_description" | "no_expiry" | "too_long";

/** How each problem is named in evidence labels. */
const PROBLEM_LABELS: Record<Problem, string> = {
  no_description: "no description",
  no_expiry: "no expiry",
  too_long: "expires too late",
};

function problemsOf(suppression: Suppression, p: Params, collectedAt: DateTime): Problem[] {
  const problems: Problem[] = [];
  if (p.require_description && (suppression.description ?? "").trim() === "") problems.push("no_description");
  if (suppression.expires_at === null) {
    if (p.require_expiry) problems.push("no_expiry");
  } else if (
    p.max_duration_days !== undefined &&
    DateTime.fromISO(suppression.expires_at) > collectedAt.plus({ days: p.max_duration_days })
  ) {
    problems.push("too_long");
  }
  return problems;
}

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const { suppressions } = partData(snapshot, "suppressions");
  const collectedAt = DateTime.fromISO(snapshot.collected_at);
  const notExpired = suppressions.filter(
    (suppression) =>
      suppression.enabled &&
      (suppression.expires_at === null || DateTime.fromISO(suppression.expires_at) > collectedAt),
  );
  const started = (suppression: Suppression) =>
    suppression.starts_at === null || DateTime.fromISO(suppression.starts_at) <= collectedAt;
  const active = notExpired.filter(started);
  const scheduled = notExpired.filter((suppression) => !started(suppression));
  const tally = tallyShortfalls(
    active,
    PROBLEM_LABELS,
    (suppression) => problemsOf(suppression, p, collectedAt),
    (suppression) => ({ type: "suppression", id: suppression.id, name: suppression.name }),
  );
  const tidy = tally.ok;
  const evidence = tally.evidence;
  const data = {
    active: active.length,
    tidy,
    pct: percent(tidy, active.length),
    required_pct: requiredPercent(p.min_share),
    min_suppressions: p.min_suppressions,
    scheduled: scheduled.length,
    scheduled_note:
      scheduled.length === 0
        ? ""
        : ` (${scheduled.length} scheduled to start later, not yet in force: ${scheduled.map((suppression) => suppression.name).join(", ")})`,
    ...tally.counts,
  };
  if (active.length < p.min_suppressions) return checkResult("fail", "tooFew", data, evidence, "suppression_hygiene");
  if (active.length === 0) return checkResult("pass", "noSuppressions", data, evidence);
  if (meetsShare(tidy, active.length, p.min_share)) return checkResult("pass", "tidy", data, evidence);
  if (tidy > 0) return checkResult("partial", "untidy", data, evidence, "suppression_hygiene");
  return checkResult("fail", "noneTidy", data, evidence, "suppression_hygiene");
}
