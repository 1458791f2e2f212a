/**
 * log_source — named Datadog log sources ingested data on enough days of the
 * period. Each pattern in `sources` is one requirement, met when the sources
 * it matches together had data on at least `min_days_share` of the days
 * (with `each_match`, every matching source must meet it on its own, so
 * `["*"]` asks that no source seen in the period went quiet).
 */
import { z } from "zod";
import { sourceMatches } from "../../query/index.js";
import type { LogSourceVolume, Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult, queryWindow } from "../check-contract.js";
import { meetsShare, percent, requiredPercent } from "../figures.js";
import { daysWithData } from "../ingestion.js";
import type { EvidenceRef } from "../schema.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "log_source",
  description: "Verify that named log sources had data on enough days of the period.",
  reads: ["log_sources"],
  messages: {
    enoughSources:
      "{{met}} of {{listed}} log sources had data on at least {{min_days_pct}}% of the {{period_days}} days (required {{required}}): {{per_source}}",
    tooFewSources:
      "Only {{met}} of {{listed}} log sources had data on at least {{min_days_pct}}% of the {{period_days}} days; required {{required}}: {{per_source}}",
    noSourceData: "None of the {{listed}} log sources had data in the period: {{per_source}}",
  },
} as const;

export const params = z
  .object({
    /** Datadog `source` values; `*` is a wildcard (`azure.*`). */
    sources: z.array(z.string().trim().min(1)).min(1),
    /** Share of the period's days (0–1) a source must have data on. */
    min_days_share: z.number().min(0).max(1).default(0.9),
    /** How many requirements must be met; all of them when absent. */
    min_sources: z.number().int().positive().optional(),
    /** Treat every source a pattern matches as its own requirement. */
    each_match: z.boolean().default(false),
  })
  .strict();
export type Params = z.infer<typeof params>;

interface Requirement {
  label: string;
  volumes: LogSourceVolume[];
  days: number;
}

function requirementsOf(p: Params, volumes: readonly LogSourceVolume[]): Requirement[] {
  const requirements: Requirement[] = [];
  for (const pattern of p.sources) {
    const matched = volumes.filter((volume) => sourceMatches(pattern.toLowerCase(), volume.source.toLowerCase()));
    const groups = p.each_match && matched.length > 0 ? matched.map((volume) => [volume]) : [matched];
    for (const group of groups) {
      const days = new Set(
        group.flatMap((volume) => volume.days.filter((day) => day.count > 0).map((day) => day.date)),
      );
      requirements.push({
        label: group.length === 1 && p.each_match ? group[0]!.source : pattern,
        volumes: group,
        days: days.size,
      });
    }
  }
  return requirements;
}

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const data = partData(snapshot, "log_sources");
  const requirements = requirementsOf(p, data.sources);
  const met = requirements.filter((req) => meetsShare(req.days, data.period_days, p.min_days_share)).length;
  const required = Math.min(p.min_sources ?? requirements.length, requirements.length);
  const anyData = requirements.some((req) => req.days > 0);

  const evidence: EvidenceRef[] = requirements.flatMap((req) =>
    req.volumes.map((volume) => ({
      type: "source" as const,
      id: volume.source,
      label: `${daysWithData(volume)} of ${data.period_days} days with data`,
    })),
  );
  evidence.push(queryWindow(snapshot));

  const figures = {
    met,
    listed: requirements.length,
    required,
    min_days_pct: requiredPercent(p.min_days_share),
    period_days: data.period_days,
    per_source: requirements.map((req) =>
      req.days === 0 ? `${req.label} no data` : `${req.label} ${percent(req.days, data.period_days)}%`,
    ),
  };
  if (met >= required) return checkResult("pass", "enoughSources", figures, evidence);
  if (met > 0 || anyData) return checkResult("partial", "tooFewSources", figures, evidence, "source_silent");
  return checkResult("fail", "noSourceData", figures, evidence, "source_silent");
}
