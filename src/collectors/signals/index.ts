/**
 * Security signals of the period. Signals can number in the millions and are
 * cursor-paged. The first page (oldest signals first) tells how dense the
 * period is and what rate limit the endpoint announces; the rest of the
 * period is then cut into as many time slices as that limit can serve,
 * fetched concurrently (a first page holding no signal of the period tells
 * nothing of its density: its cursor is followed instead). Each page is
 * folded into running counts (SignalAggregator) and streamed to the
 * population file; no page outlives its processing.
 *
 * The period is ddproof's to enforce, whatever the API does with the filter:
 * the client sends whole seconds only, and Datadog has been recorded
 * returning signals a day older than `filter.from`. Every request is widened
 * (see requestWindow) and every signal that comes back is kept only when it
 * lies in its slice, [slice.from, slice.to); those outside the period are
 * counted in a warning, never in the data.
 */
import { pagesByCursor } from "../../datadog/paging.js";
import { rawResponseProcessor } from "../../datadog/raw-response.js";
import { describeError } from "../../describe-error.js";
import type { SignalsData } from "../../snapshot/schema.js";
import { type CollectorContext, defineCollector, requireBody } from "../context.js";
import { readNotificationRules } from "../notification-rules.js";
import { PeriodFilter } from "../period-filter.js";
import { rawList } from "../salvage.js";
import { SignalAggregator } from "./aggregate.js";
import { SignalPopulation, signalLine } from "./population.js";
import { readSignal, type SignalRecord } from "./read-signal.js";
import { RoutingMeter } from "./routing.js";
import { activeSignalCollections, sliceCapFor } from "./slice-budget.js";
import {
  planSliceCount,
  requestWindow,
  type SlicePlanInput,
  secondStart,
  type TimeSlice,
  timeSlices,
} from "./slice-plan.js";

/** The API's maximum page size for signal search. */
export const PAGE_LIMIT = 1000;
/** Never more slices in flight than this, whatever the announced limits allow. */
export const MAX_SLICES = 8;
const SEARCH_PATH = "/security_monitoring/signals/search";

interface Page {
  items: SignalRecord[];
  next: string | undefined;
}

async function fetchPage(ctx: CollectorContext, slice: TimeSlice, cursor: string | undefined): Promise<Page> {
  const window = requestWindow(slice);
  const result = await ctx.call((configuration) =>
    new ctx.dd.v2.SecurityMonitoringApi(
      configuration,
      undefined,
      rawResponseProcessor(ctx.dd, "searchSecurityMonitoringSignals") as never,
    ).searchSecurityMonitoringSignals({
      body: {
        filter: { from: window.from, to: window.to, query: "*" },
        page: { limit: PAGE_LIMIT, ...(cursor ? { cursor } : {}) },
        sort: "timestamp",
      },
    }),
  );
  // Read from the raw JSON our fetch parsed (see raw-response.ts), signal by signal.
  const signals: SignalRecord[] = [];
  let unreadable = 0;
  const body = requireBody(result, "v2 SecurityMonitoringApi.searchSecurityMonitoringSignals");
  for (const item of rawList(body, "data")) {
    const signal = readSignal(item);
    if (signal) signals.push(signal);
    else unreadable += 1;
  }
  if (unreadable > 0) ctx.warn(`${unreadable} signal(s) without an id or timestamp were skipped`);
  const next = (body as { meta?: { page?: { after?: unknown } } } | null)?.meta?.page?.after;
  return { items: signals, next: typeof next === "string" && next !== "" ? next : undefined };
}

async function fetchSlice(
  ctx: CollectorContext,
  slice: TimeSlice,
  onPage: (signals: SignalRecord[]) => Promise<void>,
): Promise<void> {
  for await (const page of pagesByCursor((cursor) => fetchPage(ctx, slice, cursor))) await onPage(page);
}

export const signalsCollector = defineCollector({
  id: "signals",
  collect: (ctx) => activeSignalCollections.during(() => collectSignals(ctx, planSliceCount)),
});

/**
 * The collector's work. `plan` decides how many slices the rest of the period
 * is cut into (planSliceCount in production); tests pass a fixed count to
 * hold the period invariant at every slice count.
 */
export async function collectSignals(
  ctx: CollectorContext,
  plan: (input: SlicePlanInput) => number,
): Promise<SignalsData> {
  const period: TimeSlice = { from: new Date(ctx.period.from), to: new Date(ctx.period.to) };
  const aggregator = new SignalAggregator(ctx.period, ctx.now.getTime());
  const population = ctx.populationDir ? await SignalPopulation.create(ctx.populationDir, 1 + MAX_SLICES) : null;
  const outside = new PeriodFilter(period);
  // Read beside the first page rather than before it, so their retries overlap.
  const routingRead = routingMeter(ctx);
  let routing: RoutingMeter | null = null;
  const consume = async (part: number, slice: TimeSlice, signals: SignalRecord[], skip?: ReadonlySet<string>) => {
    const writer = population?.writer(part);
    for (const signal of outside.keep(slice, signals)) {
      if (skip?.has(signal.id)) continue;
      aggregator.add(signal);
      routing?.add(signal);
      if (writer) await writer.write(signalLine(signal));
    }
    ctx.progress(aggregator.count);
  };
  try {
    const started = performance.now();
    const firstRead = fetchPage(ctx, period, undefined).then((page) => ({
      page,
      latencyMs: performance.now() - started,
    }));
    const [{ page: first, latencyMs }, meter] = await Promise.all([firstRead, routingRead]);
    routing = meter;
    const inPeriod = first.items.filter((signal) => outside.contains(period, signal.timestamp));
    const last = inPeriod.at(-1);
    // The rest of the period starts at the whole second of the last signal
    // the first page holds (slice edges must be whole seconds). Only ids of
    // that one second are kept to skip the ones seen twice.
    const restFrom =
      first.next && last ? Math.max(secondStart(last.timestamp), period.from.getTime()) : period.to.getTime();
    await consume(0, period, first.items);
    if (first.next && !last) {
      // A first page with no signal of the period (the API answered outside it) tells nothing
      // about density, and asking the period again would fetch the same page and count its
      // signals twice: its cursor is followed instead.
      const after = first.next;
      for await (const page of pagesByCursor((cursor) => fetchPage(ctx, period, cursor ?? after)))
        await consume(0, period, page);
    }
    if (restFrom < period.to.getTime()) {
      const seenAtEdge = new Set(inPeriod.filter((signal) => signal.timestamp >= restFrom).map((signal) => signal.id));
      const covered = Math.max((last?.timestamp ?? restFrom) - period.from.getTime(), 1);
      const count = plan({
        limit: ctx.session.limiter.find((key) => key.endsWith(SEARCH_PATH)),
        latencyMs,
        pagesLeft: (period.to.getTime() - restFrom) / covered,
        // The orgs of a fleet collecting at this moment share the process's slices (slice-budget.ts).
        cap: sliceCapFor(activeSignalCollections.count, MAX_SLICES),
      });
      const slices = timeSlices(new Date(restFrom), period.to, count);
      await fetchSlicesConcurrently(ctx, slices, (index, signals) =>
        consume(1 + index, slices[index]!, signals, index === 0 ? seenAtEdge : undefined),
      );
    }
  } catch (error) {
    await population?.abort();
    throw error;
  }
  const file = population ? await population.commit() : null;
  if (outside.count > 0) {
    ctx.warn(
      `${outside.count} signal(s) the API returned from outside the period [${ctx.period.from}, ${ctx.period.to}) were left out of every count and of the population`,
    );
  }
  return aggregator.result(file, routing?.result() ?? null);
}

/**
 * Notification routing is measured on the signals as they stream by, so the
 * signals collector reads the notification rules itself (one request). When
 * they cannot be read, routing is recorded as not measured (null) and the
 * signals themselves are still collected.
 */
async function routingMeter(ctx: CollectorContext): Promise<RoutingMeter | null> {
  try {
    return new RoutingMeter(await readNotificationRules(ctx));
  } catch (error) {
    ctx.warn(`notification rules could not be read, so routing was not measured: ${describeError(error)}`);
    return null;
  }
}

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
