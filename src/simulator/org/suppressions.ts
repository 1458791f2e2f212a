/**
 * Suppressions (data/suppressions.json): some without a description, some
 * without an expiry, some already expired, and one scheduled to start far
 * in the future (a recorded one starts in 2099), as real orgs accumulate them.
 */
import data from "../data/suppressions.json" with { type: "json" };
import { rngFor } from "../prng.js";
import { DAY_MS } from "../time-units.js";
import { uuid } from "./ids.js";
import type { DemoRule } from "./rules.js";

export interface DemoSuppression {
  id: string;
  name: string;
  description: string | null;
  enabled: boolean;
  /** Which rules it applies to, in detection-rule search syntax. */
  ruleQuery: string;
  suppressionQuery: string;
  createdAt: number;
  /** When it starts to apply (`start_date`): its creation, unless scheduled later. */
  startsAt: number;
  /** null: never expires. */
  expiresAt: number | null;
  authorIndex: number;
  version: number;
}

export function generateSuppressions(seed: number, rules: readonly DemoRule[], nowMs: number): DemoSuppression[] {
  return data.suppressions.map((spec) => {
    const random = rngFor(seed, "suppression", spec.name);
    const rule = rules.find((r) => r.name === spec.rule);
    return {
      id: uuid(random),
      name: spec.name,
      description: spec.description,
      enabled: spec.enabled,
      ruleQuery: rule ? `ruleId:${rule.id}` : `type:log_detection "${spec.rule}"`,
      suppressionQuery: spec.suppressionQuery,
      createdAt: nowMs - spec.createdDaysAgo * DAY_MS,
      startsAt:
        "startsInDays" in spec && typeof spec.startsInDays === "number"
          ? nowMs + spec.startsInDays * DAY_MS
          : nowMs - spec.createdDaysAgo * DAY_MS,
      expiresAt: spec.expiresInDays === null ? null : nowMs + spec.expiresInDays * DAY_MS,
      authorIndex: spec.author,
      version: random.int(1, 4),
    };
  });
}
