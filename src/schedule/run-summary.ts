/**
 * The figures a run keeps in the job's index: control counts per framework,
 * ATT&CK coverage, gaps and how many are new or closed, and durations. The
 * index keeps them so trends and notifications need no earlier pack.
 */
import type { Assessment } from "../assess/schema.js";
import type { RunTrendPoint } from "../report/contract.js";
import { gapsOf } from "../report/gaps.js";
import { type AttackSummary, type RunIndex, type RunSummary, runsWithPacks } from "./history-index.js";

/** Earlier runs a report's trend chart shows at most. */
export const TREND_POINTS = 30;

export interface GapCounts {
  new_gaps: number;
  closed_gaps: number;
}

/** What a summary is made from: an org's assessment, or a fleet's (worst-of statuses, weakest-org scores). */
export interface SummarySource {
  collected_at: string;
  frameworks: ReadonlyArray<{ id: string; summary: RunSummary["frameworks"][string] }>;
  attack: { techniques: ReadonlyArray<{ score: number }>; gap_below: number } | null;
}

function attackSummary(attack: NonNullable<SummarySource["attack"]>): AttackSummary {
  const byScore = [0, 0, 0, 0, 0, 0];
  for (const technique of attack.techniques) byScore[technique.score] = (byScore[technique.score] ?? 0) + 1;
  return {
    covered: attack.techniques.filter((technique) => technique.score >= attack.gap_below).length,
    total: attack.techniques.length,
    gap_below: attack.gap_below,
    by_score: byScore,
  };
}

export function summariseRun(
  assessment: Assessment,
  changes: GapCounts | null,
  seconds: { collect: number; total: number },
): RunSummary {
  return summarise(assessment, gapsOf(assessment).length, changes, seconds);
}

/** The summary of any source, given its gap count (an org's gap list, or the fleet's). */
export function summarise(
  source: SummarySource,
  gaps: number,
  changes: GapCounts | null,
  seconds: { collect: number; total: number },
): RunSummary {
  return {
    collected_at: source.collected_at,
    frameworks: Object.fromEntries(source.frameworks.map((framework) => [framework.id, { ...framework.summary }])),
    attack: source.attack === null ? null : attackSummary(source.attack),
    gaps,
    new_gaps: changes?.new_gaps ?? null,
    closed_gaps: changes?.closed_gaps ?? null,
    collect_seconds: roundSeconds(seconds.collect),
    duration_seconds: roundSeconds(seconds.total),
  };
}

function roundSeconds(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

function controlTotal(counts: RunSummary["frameworks"][string]): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

export function trendPoint(summary: RunSummary): RunTrendPoint {
  const frameworks = Object.entries(summary.frameworks);
  return {
    collected_at: summary.collected_at,
    attack_covered: summary.attack?.covered ?? null,
    attack_total: summary.attack?.total ?? null,
    controls_passing: Object.fromEntries(frameworks.map(([id, counts]) => [id, counts.pass])),
    controls_total: Object.fromEntries(frameworks.map(([id, counts]) => [id, controlTotal(counts)])),
  };
}

/** The job's earlier runs with a pack, oldest first, at most TREND_POINTS of them. */
export function trendFromIndex(index: RunIndex): RunTrendPoint[] {
  return runsWithPacks(index)
    .flatMap((run) => (run.summary === null ? [] : [trendPoint(run.summary)]))
    .slice(-TREND_POINTS);
}
