/**
 * signal_triage — high and critical signals leave `open` within the triage
 * SLA, and none is left open past `max_open_days`. Figures come from the
 * snapshot's duration histograms and are counted conservatively (see
 * triage-sla.ts): a signal counts as on time only when its bucket's upper
 * bound is within the SLA. The SLA minutes come from the config's
 * `thresholds.triage_sla_minutes` unless the mapping sets `sla_minutes`.
 */
import { z } from "zod";
import { Severity, type Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult, queryWindow } from "../check-contract.js";
import { meetsShare, percent, requiredPercent } from "../figures.js";
import type { EvidenceRef } from "../schema.js";
import { partData } from "../snapshot-parts.js";
import { type SlaFigures, slaFigures, stillOpenBeyondDays } from "../triage-sla.js";

export const meta = {
  kind: "signal_triage",
  description:
    "Measure how many high and critical signals left open within the triage SLA, and how many stay open too long.",
  reads: ["signals"],
  messages: {
    triageMet:
      "{{met}} of {{considered}} signals ({{pct}}%) left open within the SLA; required {{required_pct}}%; none still open past {{max_open_days}} days. {{per_severity}}",
    triageShort:
      "{{met}} of {{considered}} signals ({{pct}}%) left open within the SLA; required {{required_pct}}%, and none open past {{max_open_days}} days ({{stale}} are). {{per_severity}}",
    triageMissed:
      "None of the {{considered}} signals left open within the SLA; {{stale}} still open past {{max_open_days}} days. {{per_severity}}",
    noSignals: "No {{severities}} signals to judge in the period, so triage cannot be shown",
  },
} as const;

/** Severities the config gives an SLA for; others need `sla_minutes` in the mapping. */
const CONFIG_SLA_SEVERITIES = ["critical", "high"] as const;

export const params = z
  .object({
    severities: z.array(Severity).min(1).default(["critical", "high"]),
    /** Minutes per severity; overrides the config's thresholds.triage_sla_minutes. */
    sla_minutes: z.partialRecord(Severity, z.number().positive()).optional(),
    /** Share (0–1) of judged signals that must leave `open` within the SLA. */
    min_within_sla_share: z.number().min(0).max(1).default(0.9),
    /** No signal may still be open after this many days. */
    max_open_days: z.number().positive().default(7),
  })
  .strict()
  .superRefine((value, ctx) => {
    value.severities.forEach((severity, i) => {
      if (
        !(CONFIG_SLA_SEVERITIES as readonly string[]).includes(severity) &&
        value.sla_minutes?.[severity] === undefined
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["severities", i],
          message: `"${severity}" has no SLA in the config; add sla_minutes.${severity}`,
        });
      }
    });
  });
export type Params = z.infer<typeof params>;

function slaFor(severity: Severity, p: Params, ctx: CheckContext): number {
  const fromParams = p.sla_minutes?.[severity];
  if (fromParams !== undefined) return fromParams;
  if (severity === "critical" || severity === "high") return ctx.thresholds.triage_sla_minutes[severity];
  throw new Error(`no triage SLA for ${severity}; the params schema should have refused it`);
}

/** The signals counted as missed for want of data, when there are any: ` (2 untimed, 5 without a triage state)`. */
function unshown(figures: SlaFigures): string {
  const parts = [];
  if (figures.untimed > 0) parts.push(`${figures.untimed} untimed`);
  if (figures.unrecorded > 0) parts.push(`${figures.unrecorded} without a triage state`);
  return parts.length === 0 ? "" : ` (${parts.join(", ")})`;
}

export function evaluate(p: Params, snapshot: Snapshot, ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const signals = partData(snapshot, "signals");
  let met = 0;
  let considered = 0;
  let stale = 0;
  const perSeverity: string[] = [];
  const evidence: EvidenceRef[] = [];
  for (const severity of p.severities) {
    const stats = signals.triage_by_severity[severity];
    if (stats === undefined) continue;
    const sla = slaFor(severity, p, ctx);
    const figures = slaFigures(stats, sla);
    const old = stillOpenBeyondDays(stats, p.max_open_days);
    met += figures.met;
    considered += figures.considered;
    stale += old;
    perSeverity.push(`${severity}: ${figures.met} of ${figures.considered} within ${sla} min${unshown(figures)}`);
    evidence.push({ type: "signals", id: `severity:${severity}`, label: `${stats.count} signals` });
  }
  const data = {
    met,
    considered,
    pct: percent(met, considered),
    required_pct: requiredPercent(p.min_within_sla_share),
    stale,
    max_open_days: p.max_open_days,
    severities: p.severities.join(" or "),
    per_severity: perSeverity,
  };
  evidence.push(queryWindow(snapshot));

  if (considered === 0 && stale === 0)
    return checkResult("unknown", "noSignals", data, evidence, "evidence_unavailable");
  if (meetsShare(met, considered, p.min_within_sla_share) && stale === 0)
    return checkResult("pass", "triageMet", data, evidence);
  if (met > 0) return checkResult("partial", "triageShort", data, evidence, "triage_sla_missed");
  return checkResult("fail", "triageMissed", data, evidence, "triage_sla_missed");
}
