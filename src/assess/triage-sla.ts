/**
 * Triage figures from the snapshot's fixed-bucket duration histograms.
 *
 * Counting is conservative: a bucket counts as "within" a limit only when its
 * upper bound is at or below the limit. The figure is exact when the limit is
 * a bucket bound and is never overstated otherwise (a signal in the bucket
 * that straddles the limit counts as missing it). The last bucket is
 * unbounded and never counts as within. Signals whose timing or triage
 * state was not recorded count as missed: the SLA cannot be shown for them.
 */
import type { DurationHistogram, TriageStats } from "../snapshot/schema.js";

function total(histogram: DurationHistogram): number {
  return histogram.counts.reduce((sum, count) => sum + count, 0);
}

/** Signals in buckets whose upper bound is at most `limitMinutes`. */
export function countWithin(histogram: DurationHistogram, limitMinutes: number): number {
  let within = 0;
  histogram.counts.forEach((count, i) => {
    const upper = histogram.le_minutes[i];
    if (upper !== undefined && upper <= limitMinutes) within += count;
  });
  return within;
}

/** Signals that may be beyond `limitMinutes`: everything not certainly within it. */
export function countMaybeBeyond(histogram: DurationHistogram, limitMinutes: number): number {
  return total(histogram) - countWithin(histogram, limitMinutes);
}

export interface SlaFigures {
  /** Left `open` within the SLA. */
  met: number;
  /**
   * Signals judged against the SLA: every one that left `open`, timed or not,
   * those whose triage state was not recorded, and those still open that may
   * already be past it. Signals still open and certainly younger than the SLA
   * have not had their chance yet.
   */
  considered: number;
  /** Left `open` with no time recorded: counted as missed, since the SLA cannot be shown. */
  untimed: number;
  /** Counted in `count` but in no histogram (triage state unknown): also counted as missed. */
  unrecorded: number;
}

export function slaFigures(stats: TriageStats, slaMinutes: number): SlaFigures {
  const met = countWithin(stats.left_open, slaMinutes);
  const recorded = total(stats.left_open) + total(stats.still_open) + stats.left_open_untimed;
  const unrecorded = Math.max(0, stats.count - recorded);
  const considered =
    total(stats.left_open) + stats.left_open_untimed + unrecorded + countMaybeBeyond(stats.still_open, slaMinutes);
  return { met, considered, untimed: stats.left_open_untimed, unrecorded };
}

/** Signals still open that may be older than `days` (the backlog a check flags). */
export function stillOpenBeyondDays(stats: TriageStats, days: number): number {
  return countMaybeBeyond(stats.still_open, days * 24 * 60);
}
