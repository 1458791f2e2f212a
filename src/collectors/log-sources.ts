/**
 * Log volume per source per day over the period. The counting happens
 * inside Datadog (one aggregate query, grouped by source, daily buckets in
 * the configured time zone); only the per-day counts travel.
 *
 * Only buckets of the period's own days are kept: the API may answer with
 * buckets outside the requested window, and a day outside the period would
 * otherwise count as a day with data. Those are counted in a warning.
 */
import { DateTime } from "luxon";
import { periodDays } from "../config/period.js";
import { pagesByCursor } from "../datadog/paging.js";
import type { LogSourceVolume } from "../snapshot/schema.js";
import { defineCollector, requireValue } from "./context.js";

/** Sources per page of groups; an org rarely has more, and the cursor pages the rest. */
export const GROUPS_PER_PAGE = 1000;

interface TimePoint {
  time?: string;
  value?: number;
}

export const logSourcesCollector = defineCollector({
  id: "log_sources",
  async collect(ctx) {
    const { period } = ctx;
    const daysBySource = new Map<string, Map<string, number>>();
    const periodDayNames = new Set(periodDays(period));
    let outside = 0;
    const pages = pagesByCursor(async (cursor) => {
      const result = await ctx.call((configuration) =>
        new ctx.dd.v2.LogsApi(configuration).aggregateLogs({
          body: {
            compute: [{ aggregation: "count", type: "timeseries", interval: "1d" }],
            filter: { from: period.from, to: period.to, query: "*", indexes: ["*"] },
            groupBy: [{ facet: "source", limit: GROUPS_PER_PAGE }],
            options: { timezone: period.timezone },
            ...(cursor ? { page: { cursor } } : {}),
          },
        }),
      );
      const value = requireValue(result, "v2 LogsApi.aggregateLogs");
      return { items: value.data?.buckets ?? [], next: value.meta?.page?.after };
    });
    for await (const buckets of pages) {
      for (const bucket of buckets) {
        const by = bucket.by as Record<string, unknown> | undefined;
        // A group that does not say which source it counts cannot be attributed:
        // skipping it would make that source look silent, a gap nobody measured.
        if (!by || !("source" in by))
          throw new Error(
            "Datadog returned a log volume group without its source (no `by.source`); the counts cannot be attributed",
          );
        const source = String(by.source ?? "").trim();
        if (!source) continue;
        const days = daysBySource.get(source) ?? new Map<string, number>();
        daysBySource.set(source, days);
        const series = (bucket.computes as Record<string, unknown> | undefined)?.c0;
        for (const point of Array.isArray(series) ? (series as TimePoint[]) : []) {
          if (!point.time || typeof point.value !== "number" || point.value <= 0) continue;
          const day = DateTime.fromISO(point.time, { zone: period.timezone }).toISODate();
          if (!day) continue;
          if (!periodDayNames.has(day)) {
            outside += 1;
            continue;
          }
          days.set(day, (days.get(day) ?? 0) + Math.round(point.value));
        }
      }
      ctx.progress(daysBySource.size);
    }
    if (outside > 0)
      ctx.warn(`${outside} daily log-volume bucket(s) the API returned for days outside the period were left out`);
    const sources: LogSourceVolume[] = [...daysBySource.entries()]
      .map(([source, days]) => {
        const sorted = [...days.entries()].sort(([a], [b]) => a.localeCompare(b));
        const lastDay = sorted.at(-1)?.[0];
        return {
          source,
          days: sorted.map(([date, count]) => ({ date, count })),
          total: sorted.reduce((sum, [, count]) => sum + count, 0),
          last_seen: lastDay
            ? DateTime.fromISO(lastDay, { zone: period.timezone }).toUTC().toISO({ suppressMilliseconds: true })
            : null,
        };
      })
      .sort((a, b) => a.source.localeCompare(b.source));
    return { period_days: periodDayNames.size, sources };
  },
});
