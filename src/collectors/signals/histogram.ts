/**
 * Fixed-bound duration histograms for triage times. The bounds are the SLA
 * values people actually set (minutes to a month), so "within SLA" is exact
 * for those and never overstated for others.
 */
import type { DurationHistogram, TriageStats } from "../../snapshot/schema.js";

export const TRIAGE_BOUNDS_MINUTES = [
  5, 15, 30, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080, 20160, 43200,
] as const;

export function emptyHistogram(): DurationHistogram {
  return {
    le_minutes: [...TRIAGE_BOUNDS_MINUTES],
    counts: new Array<number>(TRIAGE_BOUNDS_MINUTES.length + 1).fill(0),
  };
}

export function addDuration(histogram: DurationHistogram, minutes: number): void {
  let index = 0;
  while (index < histogram.le_minutes.length && minutes > histogram.le_minutes[index]!) index += 1;
  histogram.counts[index]! += 1;
}

export function emptyTriageStats(): TriageStats {
  return { count: 0, left_open: emptyHistogram(), still_open: emptyHistogram(), left_open_untimed: 0 };
}
