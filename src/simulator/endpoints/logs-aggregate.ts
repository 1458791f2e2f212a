/**
 * POST /api/v2/logs/analytics/aggregate (v2 LogsApi.aggregateLogs), for the
 * one question ddproof asks: how many logs per source, per day. Supports
 * `count` computes (`total`, or `timeseries` with an interval such as "1d"),
 * `group_by` on `source` (limit, measure/alphabetical sort, cursor paging of
 * groups), `filter.query` (only `source:` terms constrain the counts) and
 * `options.timezone` / `options.timeOffset` for day buckets that start at
 * local midnight. Groups without logs and points of value 0 are left out.
 */
import { matchesQuery, parseSearchQuery, type QueryNode, SearchQueryError } from "../search-query.js";
import { parseTimeExpression } from "../time-expr.js";
import { DAY_MS, HOUR_MS } from "../time-units.js";
import { addLocalDays, startOfLocalDay } from "../time-zone.js";
import { BadRequest, type Endpoint, type Json, ok } from "./endpoint.js";
import { asObject, deleteFromFirstItem, isoSeconds, optionalInt, optionalString, setOnFirstItem } from "./params.js";

const UNIT_MS: Readonly<Record<string, number>> = { s: 1000, m: 60_000, h: HOUR_MS, d: DAY_MS, w: 7 * DAY_MS };

interface Compute {
  type: "total" | "timeseries";
  interval: string;
}

function parseComputes(value: unknown): Compute[] {
  if (value === undefined) return [{ type: "total", interval: "" }];
  if (!Array.isArray(value) || value.length === 0) throw new BadRequest("compute: expected a non-empty list");
  return value.map((raw, index) => {
    const compute = asObject(raw, `compute[${index}]`);
    if (compute.aggregation !== "count")
      throw new BadRequest(`compute[${index}].aggregation: the simulator computes "count" only`);
    const type = compute.type ?? "total";
    if (type !== "total" && type !== "timeseries")
      throw new BadRequest(`compute[${index}].type: expected "total" or "timeseries"`);
    const interval = optionalString(compute.interval, `compute[${index}].interval`) ?? "1d";
    if (type === "timeseries" && !/^\d+[smhdw]$/.test(interval))
      throw new BadRequest(`compute[${index}].interval: expected e.g. "1d" or "1h", got "${interval}"`);
    return { type, interval };
  });
}

/** Where each bucket starts, from the first containing `fromMs` to the last before `toMs`. */
function bucketStarts(
  fromMs: number,
  toMs: number,
  interval: string,
  dayStart: (ms: number) => number,
  addDays: (start: number, days: number) => number,
): number[] {
  const amount = Number(interval.slice(0, -1));
  const unit = interval.slice(-1);
  const starts: number[] = [];
  if (unit === "d" || unit === "w") {
    const days = amount * (unit === "w" ? 7 : 1);
    for (let start = dayStart(fromMs); start < toMs; start = addDays(start, days)) starts.push(start);
  } else {
    const step = amount * (UNIT_MS[unit] ?? HOUR_MS);
    for (let start = Math.floor(fromMs / step) * step; start < toMs; start += step) starts.push(start);
  }
  return starts;
}

function localDays(options: Json): {
  dayStart: (ms: number) => number;
  addDays: (start: number, days: number) => number;
} {
  const timezone = optionalString(options.timezone, "options.timezone");
  if (timezone) {
    try {
      startOfLocalDay(timezone, 0);
    } catch {
      throw new BadRequest(`options.timezone: unknown time zone "${timezone}"`);
    }
    return {
      dayStart: (ms) => startOfLocalDay(timezone, ms),
      addDays: (start, days) => addLocalDays(timezone, start, days),
    };
  }
  const offsetMs = (optionalInt(options.timeOffset, "options.timeOffset", -86_400, 86_400) ?? 0) * 1000;
  return {
    dayStart: (ms) => Math.floor((ms + offsetMs) / DAY_MS) * DAY_MS - offsetMs,
    addDays: (start, days) => start + days * DAY_MS,
  };
}

function parseGroupBy(value: unknown): { limit: number; alphabetical: boolean; ascending: boolean } | null {
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return null;
  if (!Array.isArray(value) || value.length !== 1)
    throw new BadRequest("group_by: the simulator groups by one facet, source");
  const group = asObject(value[0], "group_by[0]");
  if (group.facet !== "source")
    throw new BadRequest(
      `group_by[0].facet: the simulator groups by "source" only, got ${JSON.stringify(group.facet)}`,
    );
  const sort = asObject(group.sort, "group_by[0].sort");
  const alphabetical = sort.type === "alphabetical";
  return {
    limit: optionalInt(group.limit, "group_by[0].limit", 1, 10_000) ?? 10,
    alphabetical,
    ascending: sort.order === undefined ? alphabetical : sort.order === "asc",
  };
}

function decodeOffset(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { offset?: unknown }).offset;
    if (typeof offset === "number" && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the error below.
  }
  throw new BadRequest("page.cursor: not a cursor this server issued");
}

export const logsAggregateEndpoint: Endpoint = {
  id: "logs_aggregate",
  method: "POST",
  path: "/api/v2/logs/analytics/aggregate",
  needsAppKey: true,
  handle({ body, org }) {
    const root = asObject(body, "body");
    const filter = asObject(root.filter, "filter");
    const nowMs = org.now.getTime();
    const fromMs = parseTimeExpression(filter.from ?? "now-15m", nowMs);
    const toMs = parseTimeExpression(filter.to ?? "now", nowMs);
    if (fromMs === null || toMs === null)
      throw new BadRequest("filter.from / filter.to: expected date-times, epoch ms or date math");
    let query: QueryNode;
    try {
      query = parseSearchQuery(optionalString(filter.query, "filter.query"));
    } catch (error) {
      if (error instanceof SearchQueryError) throw new BadRequest(`filter.query: ${error.message}`);
      throw error;
    }
    const computes = parseComputes(root.compute);
    const groupBy = parseGroupBy(root.group_by);
    const days = localDays(asObject(root.options, "options"));
    const offset = decodeOffset(optionalString(asObject(root.page, "page").cursor, "page.cursor"));

    const sources = org.logSources
      .filter((source) => matchesQuery(query, (key) => (key === "source" ? [source.name] : undefined)))
      .map((source) => ({ name: source.name, total: org.logVolumes.count(source.name, fromMs, toMs) }))
      .filter((source) => source.total > 0);
    const groups = groupBy ? sources : [{ name: "", total: sources.reduce((sum, s) => sum + s.total, 0) }];
    if (groupBy) {
      const direction = groupBy.ascending ? 1 : -1;
      groups.sort(
        (a, b) =>
          direction *
          (groupBy.alphabetical ? a.name.localeCompare(b.name) : a.total - b.total || b.name.localeCompare(a.name)),
      );
    }
    const limit = groupBy?.limit ?? 1;
    const page = groups.slice(offset, offset + limit);
    const countOf = (source: string, from: number, to: number) =>
      groupBy
        ? org.logVolumes.count(source, from, to)
        : sources.reduce((sum, s) => sum + org.logVolumes.count(s.name, from, to), 0);

    const buckets = page.map((group) => {
      const computed: Json = {};
      computes.forEach((compute, index) => {
        if (compute.type === "total") {
          computed[`c${index}`] = group.total;
          return;
        }
        const starts = bucketStarts(fromMs, toMs, compute.interval, days.dayStart, days.addDays);
        // Like the search endpoints, a timeseries spills outside the window: day buckets also
        // carry the whole day before the one holding `filter.from`. A reader must keep its own days.
        const spill = compute.interval.endsWith("d") && starts[0] !== undefined ? days.addDays(starts[0], -1) : null;
        const spilled =
          spill === null ? [] : [{ time: isoSeconds(spill), value: countOf(group.name, spill, starts[0]!) }];
        computed[`c${index}`] = [
          ...spilled,
          ...starts.map((start, i) => ({
            time: isoSeconds(start),
            value: countOf(group.name, Math.max(start, fromMs), Math.min(starts[i + 1] ?? toMs, toMs)),
          })),
        ].filter((point) => point.value > 0);
      });
      return { by: groupBy ? { source: group.name } : {}, computes: computed };
    });
    const after =
      offset + limit < groups.length
        ? Buffer.from(JSON.stringify({ offset: offset + limit })).toString("base64")
        : undefined;
    return ok({
      data: { buckets },
      meta: { elapsed: 42, request_id: `pddv1agg${offset}`, status: "done", ...(after ? { page: { after } } : {}) },
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem([body], "meta.status", "partial"),
  dropRequiredField: (body) => deleteFromFirstItem((body.data as Json | undefined)?.buckets, "by"),
};
