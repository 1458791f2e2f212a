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

function attackSummary(attack: NonNullable<Assessment["attack"]>): AttackSummary {
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
  return {
    collected_at: assessment.collected_at,
    frameworks: Object.fromEntries(assessment.frameworks.map((framework) => [framework.id, { ...framework.summary }])),
    attack: assessment.attack === null ? null : attackSummary(assessment.attack),
    gaps: gapsOf(assessment).length,
    new_gaps: changes?.new_gaps ?? null,
    closed_gaps: changes?.closed_gaps ?? null,
    collect_seconds: round(seconds.collect),
    duration_seconds: round(seconds.total),
  };
}

function round(seconds: number): number {
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
