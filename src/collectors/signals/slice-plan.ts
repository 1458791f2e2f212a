/**
 * How to cut the signal search into concurrent time slices. Signals are
 * cursor-paged, so pages of one query come one after another; slices are the
 * only way to fetch in parallel. Each slice costs at most one partly filled
 * page, so ddproof uses no more slices than the rate limit can use.
 */
import type { RateLimitState } from "../../datadog/rate-limit.js";

export interface TimeSlice {
  from: Date;
  /** Exclusive: a slice holds the signals in [from, to). */
  to: Date;
}

const SECOND_MS = 1000;

const floorToSecond = (ms: number) => Math.floor(ms / SECOND_MS) * SECOND_MS;
const ceilToSecond = (ms: number) => Math.ceil(ms / SECOND_MS) * SECOND_MS;

/**
 * Cuts [from, to) into contiguous, non-overlapping slices whose inner edges
 * fall on whole seconds. The official client sends `filter.from`/`filter.to`
 * with whole seconds only (`dateToRFC3339String` drops the milliseconds), so
 * an edge at 12:00:00.500 would reach Datadog as 12:00:00; on whole seconds
 * every edge arrives as ddproof meant it. The outer edges stay exact: the
 * results are filtered to them.
 */
export function timeSlices(from: Date, to: Date, count: number): TimeSlice[] {
  const start = from.getTime();
  const end = to.getTime();
  const n = Math.max(1, Math.min(count, Math.floor((end - start) / SECOND_MS)));
  const edges = [start];
  for (let index = 1; index < n; index += 1) {
    const edge = floorToSecond(start + Math.floor(((end - start) * index) / n));
    // Rounding can make two edges meet; an empty slice is never asked for.
    if (edge > edges.at(-1)! && edge < end) edges.push(edge);
  }
  edges.push(end);
  return edges.slice(1).map((edge, index) => ({ from: new Date(edges[index]!), to: new Date(edge) }));
}

/**
 * The window actually requested for a slice: widened to whole seconds and
 * then by one more second on each side, so that neither the client's
 * truncation nor the API's inclusive or exclusive reading of `filter.to` can
 * lose a signal at an edge. What comes back is filtered to the slice.
 */
export function requestWindow(slice: TimeSlice): TimeSlice {
  return {
    from: new Date(floorToSecond(slice.from.getTime()) - SECOND_MS),
    to: new Date(ceilToSecond(slice.to.getTime()) + SECOND_MS),
  };
}

/** Whole-second floor, the edge where the rest of the period starts after the first page. */
export function secondStart(ms: number): number {
  return floorToSecond(ms);
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
