/**
 * Security signals of the period. Signals can number in the millions and are
 * cursor-paged. The first page (oldest signals first) tells how dense the
 * period is and what rate limit the endpoint announces; the rest of the
 * period is then cut into as many time slices as that limit can serve,
 * fetched concurrently. Each page is folded into running counts
 * (SignalAggregator) and streamed to the population file; no page outlives
 * its processing.
 */
import { pagesByCursor } from "../../datadog/paging.js";
import { rawResponseProcessor } from "../../datadog/raw-response.js";
import { defineCollector, type CollectorContext } from "../context.js";
import { rawList } from "../salvage.js";
import { SignalAggregator } from "./aggregate.js";
import { SignalPopulation, signalLine } from "./population.js";
import { readSignal, type SignalRecord } from "./read-signal.js";
import { planSliceCount, timeSlices, type TimeSlice } from "./slice-plan.js";

/** The API's maximum page size for signal search. */
const PAGE_LIMIT = 1000;
/** Never more slices in flight than this, whatever the announced limits allow. */
const MAX_SLICES = 8;
const SEARCH_PATH = "/security_monitoring/signals/search";

interface Page {
  items: SignalRecord[];
  next: string | undefined;
}

async function fetchPage(ctx: CollectorContext, slice: TimeSlice, cursor: string | undefined): Promise<Page> {
  const result = await ctx.call((configuration) =>
    new ctx.dd.v2.SecurityMonitoringApi(
      configuration,
      undefined,
      rawResponseProcessor(ctx.dd, "searchSecurityMonitoringSignals") as never,
    ).searchSecurityMonitoringSignals({
      body: {
        filter: { from: slice.from, to: slice.to, query: "*" },
        page: { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) },
        sort: "timestamp",
      },
    }),
  );
  // Read from the raw JSON our fetch parsed (see raw-response.ts), signal by signal.
  const signals: SignalRecord[] = [];
  let unreadable = 0;
  for (const item of rawList(result.raw, "data")) {
    const signal = readSignal(item);
    if (signal) signals.push(signal);
    else unreadable += 1;
  }
  if (unreadable > 0) ctx.warn(`${unreadable} signal(s) without an id or timestamp were skipped`);
  const next = (result.raw as { meta?: { page?: { after?: unknown } } } | null)?.meta?.page?.after;
  return { items: signals, next: typeof next === "string" && next !== "" ? next : undefined };
}

async function fetchSlice(ctx: CollectorContext, slice: TimeSlice, onPage: (signals: SignalRecord[]) => Promise<void>): Promise<void> {
  for await (const page of pagesByCursor((cursor) => fetchPage(ctx, slice, cursor))) await onPage(page);
}

export const signalsCollector = defineCollector({
  id: "signals",
  description:
    "Security signals of the period: counts per rule, severity, day and triage state, and time to triage (v2 SecurityMonitoringApi.searchSecurityMonitoringSignals, cursor paging, concurrent time slices)",
  async collect(ctx) {
    const period: TimeSlice = { from: new Date(ctx.period.from), to: new Date(new Date(ctx.period.to).getTime() - 1) };
    const aggregator = new SignalAggregator(ctx.period, ctx.now.getTime());
    const population = ctx.populationDir ? await SignalPopulation.create(ctx.populationDir, 1 + MAX_SLICES) : null;
    const consume = async (part: number, signals: SignalRecord[]) => {
      const writer = population?.writer(part);
      for (const signal of signals) {
        aggregator.add(signal);
        if (writer) await writer.write(signalLine(signal));
      }
      ctx.progress(aggregator.count);
    };
    try {
      const started = performance.now();
      const first = await fetchPage(ctx, period, undefined);
      const latencyMs = performance.now() - started;
      await consume(0, first.items);
      const last = first.items.at(-1);
      if (first.next && last) {
        // The rest of the period, from the last signal seen; signals sharing its
        // timestamp that the first page already had are not counted twice.
        const seenAtBoundary = new Set(first.items.filter((signal) => signal.timestamp === last.timestamp).map((signal) => signal.id));
        const covered = Math.max(last.timestamp - period.from.getTime(), 1);
        const rest = { from: new Date(last.timestamp), to: period.to };
        const count = planSliceCount({
          limit: ctx.session.limiter.find((key) => key.endsWith(SEARCH_PATH)),
          latencyMs,
          pagesLeft: (rest.to.getTime() - rest.from.getTime()) / covered,
          cap: MAX_SLICES,
        });
        await fetchSlicesConcurrently(ctx, timeSlices(rest.from, new Date(rest.to.getTime() + 1), count), (index, signals) =>
          consume(1 + index, index === 0 ? signals.filter((signal) => !(signal.timestamp === last.timestamp && seenAtBoundary.has(signal.id))) : signals),
        );
      }
    } catch (error) {
      await population?.abort();
      throw error;
    }
    const file = population ? await population.commit() : null;
    return aggregator.result(file);
  },
});

/**
 * Runs every slice at once. When one fails the others stop at their next page,
 * and this waits for all of them before rethrowing, so nothing writes into a
 * population file that is being removed.
 */
async function fetchSlicesConcurrently(
  ctx: CollectorContext,
  slices: TimeSlice[],
  onPage: (index: number, signals: SignalRecord[]) => Promise<void>,
): Promise<void> {
  let failure: unknown = null;
  await Promise.allSettled(
    slices.map((slice, index) =>
      fetchSlice(ctx, slice, async (signals) => {
        if (failure) throw failure;
        await onPage(index, signals);
      }).catch((error: unknown) => {
        failure ??= error;
      }),
    ),
  );
  if (failure) throw failure;
}
