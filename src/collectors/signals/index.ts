/**
 * Security signals of the period. Signals are cursor-paged and can number in
 * the millions, so the period is cut into time slices fetched concurrently,
 * each page is folded into running counts (SignalAggregator) and streamed to
 * the population file, and no page outlives its processing.
 */
import { pagesByCursor } from "../../datadog/paging.js";
import { defineCollector, type CollectorContext } from "../context.js";
import { rawList } from "../salvage.js";
import { SignalAggregator } from "./aggregate.js";
import { SignalPopulation, signalLine } from "./population.js";
import { readSignal, type SignalRecord } from "./read-signal.js";

/** The API's maximum page size for signal search. */
const PAGE_LIMIT = 1000;
/** Never more slices in flight than this, whatever the announced limits allow. */
const MAX_SLICES = 8;
const DAY_MS = 86_400_000;

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

async function fetchSlice(
  ctx: CollectorContext,
  slice: TimeSlice,
  onPage: (signals: SignalRecord[]) => Promise<void>,
): Promise<void> {
  const pages = pagesByCursor(async (cursor) => {
    const result = await ctx.call((configuration) =>
      new ctx.dd.v2.SecurityMonitoringApi(configuration).searchSecurityMonitoringSignals({
        body: {
          filter: { from: slice.from, to: slice.to, query: "*" },
          page: { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) },
          sort: "timestamp",
        },
      }),
    );
    // A page the client cannot deserialize is read from its raw JSON, signal by signal.
    const items: unknown[] = result.value ? (result.value.data ?? []) : rawList(result.raw, "data");
    const meta = result.value ? result.value.meta : (result.raw as { meta?: { page?: { after?: string } } } | null)?.meta;
    const signals: SignalRecord[] = [];
    let unreadable = 0;
    for (const item of items) {
      const signal = readSignal(item);
      if (signal) signals.push(signal);
      else unreadable += 1;
    }
    if (unreadable > 0) ctx.warn(`${unreadable} signal(s) without an id or timestamp were skipped`);
    return { items: signals, next: meta?.page?.after };
  });
  for await (const page of pages) await onPage(page);
}

export const signalsCollector = defineCollector({
  id: "signals",
  description:
    "Security signals of the period: counts per rule, severity, day and triage state, and time to triage (v2 SecurityMonitoringApi.searchSecurityMonitoringSignals, cursor paging, concurrent time slices)",
  async collect(ctx) {
    const from = new Date(ctx.period.from);
    const to = new Date(ctx.period.to);
    const sliceCount = Math.min(MAX_SLICES, Math.max(1, Math.ceil((to.getTime() - from.getTime()) / DAY_MS)));
    const slices = timeSlices(from, to, sliceCount);
    const aggregator = new SignalAggregator(ctx.period, ctx.now.getTime());
    const population = ctx.populationDir ? await SignalPopulation.create(ctx.populationDir, slices.length) : null;
    // When one slice fails the others stop at their next page; the run waits for
    // all of them before cleaning up, so nothing writes into a removed file.
    let failure: unknown = null;
    await Promise.allSettled(
      slices.map((slice, index) =>
        fetchSlice(ctx, slice, async (signals) => {
          if (failure) throw failure;
          const writer = population?.writer(index);
          for (const signal of signals) {
            aggregator.add(signal);
            if (writer) await writer.write(signalLine(signal));
          }
          ctx.progress(aggregator.count);
        }).catch((error: unknown) => {
          failure ??= error;
        }),
      ),
    );
    if (failure) {
      await population?.abort();
      throw failure;
    }
    const file = population ? await population.commit() : null;
    return aggregator.result(file);
  },
});
