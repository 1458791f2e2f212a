/**
 * signals_retrievable — the security signals API answered the collector's
 * search and returned signals for the period, so automation can rely on it.
 * A failed search is `unknown` like every failed collector; an empty answer
 * is a fail, because no signal was shown to be retrievable.
 */
import { z } from "zod";
import type { Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult, queryWindow } from "../check-contract.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "signals_retrievable",
  description: "Verify that the signals search returned signals for the period.",
  reads: ["signals"],
  messages: {
    retrieved:
      "The signals search returned {{total}} signals over {{days}} days of the period (required {{min_signals}})",
    tooFew: "The signals search returned {{total}} signals for the period; required {{min_signals}}",
  },
} as const;

export const params = z
  .object({
    min_signals: z.number().int().positive().default(1),
  })
  .strict();
export type Params = z.infer<typeof params>;

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const signals = partData(snapshot, "signals");
  const data = {
    total: signals.total,
    days: signals.by_day.filter((day) => day.count > 0).length,
    min_signals: p.min_signals,
  };
  const evidence = [
    { type: "signals" as const, id: "search", label: `${signals.total} signals` },
    queryWindow(snapshot),
  ];
  if (signals.total >= p.min_signals) return checkResult("pass", "retrieved", data, evidence);
  return checkResult("fail", "tooFew", data, evidence, "never_fired");
}
