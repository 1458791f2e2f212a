/**
 * How to cut the signal search into concurrent time slices. Signals are
 * cursor-paged, so pages of one query come one after another; slices are the
 * only way to fetch in parallel. Each slice costs at most one partly filled
 * page, so ddproof uses no more slices than the rate limit can use.
 */
import type { RateLimitState } from "../../datadog/rate-limit.js";

export interface TimeSlice {
  from: Date;
  /** Inclusive: the API's `filter.to` is the latest timestamp returned. */
  to: Date;
}

/** Cuts [from, to) into contiguous slices that never overlap, so no signal is fetched twice. */
export function timeSlices(from: Date, to: Date, count: number): TimeSlice[] {
  const start = from.getTime();
  const span = to.getTime() - start;
  const slices: TimeSlice[] = [];
  const n = Math.max(1, Math.min(count, Math.floor(span / 1000)));
  for (let index = 0; index < n; index += 1) {
    const sliceStart = start + Math.floor((span * index) / n);
    const sliceEnd = start + Math.floor((span * (index + 1)) / n);
    slices.push({ from: new Date(sliceStart), to: new Date(sliceEnd - 1) });
  }
  return slices;
}

export interface SlicePlanInput {
  /** The signal search's announced limit, when the server announced one. */
  limit: Pick<RateLimitState, "limit" | "periodSeconds"> | undefined;
  /** Measured time of one page request. */
  latencyMs: number;
  /** Pages still to fetch, estimated from how much of the period the first page covered. */
  pagesLeft: number;
  /** Never more slices than this. */
  cap: number;
}

/**
 * Enough concurrency to spend one window's budget within a quarter of the
 * window (so waiting on the limit, not on round trips, bounds the run), and
 * no more: more slices would only add partly filled pages.
 * Without an announced limit, assume the budget is one page per round trip.
 */
export function planSliceCount({ limit, latencyMs, pagesLeft, cap }: SlicePlanInput): number {
  const announced = limit !== undefined && limit.periodSeconds > 0;
  const pagesPerWindow = announced ? limit.limit : 1;
  const windowMs = announced ? limit.periodSeconds * 1000 : latencyMs;
  const wanted = Math.ceil((4 * pagesPerWindow * latencyMs) / Math.max(windowMs, 1));
  return Math.max(1, Math.min(cap, wanted, Math.ceil(pagesLeft)));
}
