/**
 * dashboard_present — a security dashboard exists: enough dashboards have a
 * title matching one of the patterns. Only the title is read; what the
 * dashboard shows is for a person to judge.
 */
import { z } from "zod";
import { matchesAnyWildcard } from "../../query/glob.js";
import type { Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "dashboard_present",
  description: "Find dashboards whose title marks them as security dashboards.",
  reads: ["dashboards"],
  messages: {
    found: "{{matched}} of {{total}} dashboards look like security dashboards (title matches {{patterns}}): {{titles}}",
    tooFew:
      "Only {{matched}} of {{total}} dashboards look like security dashboards (title matches {{patterns}}); required {{min_count}}: {{titles}}",
    none: "None of the {{total}} dashboards has a title matching {{patterns}}",
  },
} as const;

export const params = z
  .object({
    /** Title patterns (case-insensitive, `*` wildcards). */
    title_patterns: z.array(z.string().trim().min(1)).min(1).default(["*security*", "*siem*", "*threat*"]),
    min_count: z.number().int().positive().default(1),
  })
  .strict();
export type Params = z.infer<typeof params>;

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const { dashboards } = partData(snapshot, "dashboards");
  const matched = dashboards.filter((dashboard) => matchesAnyWildcard(p.title_patterns, dashboard.title));
  const data = {
    matched: matched.length,
    total: dashboards.length,
    patterns: p.title_patterns,
    min_count: p.min_count,
    titles: matched.map((dashboard) => dashboard.title),
  };
  const evidence = matched.map((dashboard) => ({
    type: "dashboard" as const,
    id: dashboard.id,
    label: dashboard.title,
  }));
  if (matched.length >= p.min_count) return checkResult("pass", "found", data, evidence);
  if (matched.length > 0) return checkResult("partial", "tooFew", data, evidence, "dashboard_missing");
  return checkResult("fail", "none", data, evidence, "dashboard_missing");
}
