/**
 * Real paging on every endpoint that pages: pages concatenate to the full
 * list, with no duplicates, ending on a short page or a missing cursor.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WINDOW_SPILL_MS } from "../../src/simulator/endpoints/event-search.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { AGGREGATE_PATH, AUDIT_PATH, getJson, NOW, postJson, Q3, SIGNALS_PATH, searchAll } from "./http.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 11, now: NOW });
});
afterAll(async () => {
  await sim.close();
});

/** Reads `path` page by page (`page(n)` builds the query) until a short page. */
async function pageThrough(
  page: (n: number) => string,
  size: number,
  list: (json: Record<string, unknown>) => Array<Record<string, unknown>>,
) {
  const items: Array<Record<string, unknown>> = [];
  const sizes: number[] = [];
  for (let n = 0; n < 1000; n++) {
    const { status, json } = await getJson(sim, page(n));
    expect(status).toBe(200);
    const pageItems = list(json);
    items.push(...pageItems);
    sizes.push(pageItems.length);
    if (pageItems.length < size) break;
  }
  return { items, sizes };
}

const data = (json: Record<string, unknown>) => json.data as Array<Record<string, unknown>>;

describe("page-number and offset paging", () => {
  it("rules: page[size] / page[number] from 0, short last page", async () => {
    const { items, sizes } = await pageThrough(
      (n) => `/api/v2/security_monitoring/rules?page[size]=7&page[number]=${n}`,
      7,
      data,
    );
    expect(items.map((r) => r.id)).toEqual(sim.org.rules.map((r) => r.id));
    expect(sizes.at(-1)).toBe(300 % 7);
  });

  it("rules: the reported total is not to be trusted", async () => {
    const { json } = await getJson<{ meta: { page: { total_count: number } } }>(
      sim,
      "/api/v2/security_monitoring/rules?page[size]=100",
    );
    expect(json.meta.page.total_count).toBe(sim.org.rules.filter((r) => r.isDefault).length);
    expect(json.meta.page.total_count).toBeLessThan(sim.org.rules.length);
  });

  it("rules: refuses a page size above 100", async () => {
    const { status, json } = await getJson(sim, "/api/v2/security_monitoring/rules?page[size]=101");
    expect(status).toBe(400);
    expect(json).toEqual({ errors: ['page[size]: expected an integer between 1 and 100, got "101"'] });
  });

  it("suppressions: everything by default, pages on request", async () => {
    const all = await getJson(sim, "/api/v2/security_monitoring/configuration/suppressions");
    expect(data(all.json)).toHaveLength(11);
    const { items } = await pageThrough(
      (n) => `/api/v2/security_monitoring/configuration/suppressions?page[size]=3&page[number]=${n}`,
      3,
      data,
    );
    expect(items.map((s) => s.id)).toEqual(sim.org.suppressions.map((s) => s.id));
  });

  it("dashboards: start / count", async () => {
    const { items } = await pageThrough(
      (n) => `/api/v1/dashboard?count=4&start=${n * 4}`,
      4,
      (json) => json.dashboards as Array<Record<string, unknown>>,
    );
    expect(items.map((d) => d.id)).toEqual(sim.org.dashboards.map((d) => d.id));
  });

  it("CSM agents: page index / size, sorted by host name", async () => {
    const { items } = await pageThrough((n) => `/api/v2/csm/onboarding/agents?page=${n}&size=9`, 9, data);
    const names = items.map((a) => (a.attributes as { hostname: string }).hostname);
    expect(names).toEqual([...sim.org.agentHostnames].sort((a, b) => a.localeCompare(b)));
  });

  it("hosts: start / count, with totals; `from` reaches the stale hosts", async () => {
    const from = Math.floor(NOW.getTime() / 1000) - 7 * 86400;
    const { items } = await pageThrough(
      (n) => `/api/v1/hosts?count=7&start=${n * 7}&from=${from}`,
      7,
      (json) => json.host_list as Array<Record<string, unknown>>,
    );
    expect(items.map((h) => h.host_name).sort()).toEqual([...sim.org.hostnames].sort());
    const recent = await getJson<{ total_matching: number; total_returned: number }>(sim, "/api/v1/hosts?count=5");
    expect(recent.json).toMatchObject({ total_matching: 60 - 3, total_returned: 5 });
  });
});

describe("cursor paging", () => {
  const window = { from: "2026-09-10T00:00:00Z", to: "2026-09-12T23:59:59.999Z" };
  const windowEnd = new Date("2026-09-13T00:00:00Z");

  it("signals: pages concatenate to every signal of the window and the spilled minute before it, in time order, once", async () => {
    const { events, pages } = await searchAll(
      sim,
      SIGNALS_PATH,
      { filter: { ...window, query: "*" }, sort: "timestamp" },
      40,
    );
    // Like Datadog, the simulator answers with some events outside the requested window.
    const spillFrom = new Date(Date.parse(window.from) - WINDOW_SPILL_MS);
    const spillTo = windowEnd;
    const expected = sim.org.countSignals(spillFrom, spillTo);
    expect(expected).toBeGreaterThan(sim.org.countSignals(new Date(window.from), windowEnd));
    expect(events).toHaveLength(expected);
    // The last page is the last one with signals: no empty page after it.
    expect(pages).toBe(Math.max(1, Math.ceil(expected / 40)));
    expect(new Set(events.map((e) => e.id)).size).toBe(expected);
    const times = events.map((e) => Date.parse(e.attributes.timestamp));
    expect(times.every((t, i) => i === 0 || t >= (times[i - 1] ?? 0))).toBe(true);
    expect(times[0]).toBeGreaterThanOrEqual(spillFrom.getTime());
    expect(times.at(-1)).toBeLessThan(spillTo.getTime());
    // The edges of every UTC day carry a signal: 00:00:00.000 and 23:59:59.750.
    expect(times).toContain(Date.parse("2026-09-11T00:00:00.000Z"));
    expect(times).toContain(Date.parse("2026-09-12T23:59:59.750Z"));
  });

  it("signals: -timestamp gives the same signals newest first", async () => {
    const ascending = await searchAll(sim, SIGNALS_PATH, { filter: window, sort: "timestamp" }, 100);
    const descending = await searchAll(sim, SIGNALS_PATH, { filter: window, sort: "-timestamp" }, 70);
    expect(descending.events.map((e) => e.id)).toEqual(ascending.events.map((e) => e.id).reverse());
  });

  it("signals: filter.to is inclusive, to the millisecond", async () => {
    const { events } = await searchAll(sim, SIGNALS_PATH, { filter: window, sort: "timestamp" }, 1000);
    const last = events.at(-1);
    const at = last?.attributes.timestamp ?? "";
    const upTo = await searchAll(sim, SIGNALS_PATH, { filter: { from: at, to: at }, sort: "timestamp" }, 10);
    expect(upTo.events.map((e) => e.id)).toContain(last?.id);
  });

  it("signals: refuses a limit above 1000 and a cursor it did not issue", async () => {
    expect((await postJson(sim, SIGNALS_PATH, { filter: window, page: { limit: 1001 } })).status).toBe(400);
    const forged = Buffer.from(JSON.stringify({ startAt: "AQAAAnot-a-real-id" })).toString("base64");
    const response = await postJson(sim, SIGNALS_PATH, { filter: window, page: { limit: 10, cursor: forged } });
    expect(response).toMatchObject({ status: 400, json: { errors: ["page.cursor: not a cursor this server issued"] } });
  });

  it("signals: the query filters by severity, tags and workflow attributes", async () => {
    const all = await searchAll(sim, SIGNALS_PATH, { filter: window }, 1000);
    const high = await searchAll(
      sim,
      SIGNALS_PATH,
      { filter: { ...window, query: "status:(high OR critical)" } },
      1000,
    );
    expect(high.events.length).toBe(
      all.events.filter((e) => ["high", "critical"].includes(String(e.attributes.status))).length,
    );
    expect(high.events.length).toBeGreaterThan(0);
    const open = await searchAll(
      sim,
      SIGNALS_PATH,
      { filter: { ...window, query: "@workflow.triage.state:open" } },
      1000,
    );
    const openIds = new Set(open.events.map((e) => e.id));
    for (const event of open.events) {
      const inner = event.attributes.attributes as { workflow?: { triage: { state: string } } };
      const custom = event.attributes.custom as { workflow?: { triage: { state: string } } };
      expect((inner.workflow ?? custom.workflow)?.triage.state).toBe("open");
    }
    expect(openIds.size).toBeLessThan(all.events.length);
  });

  it("audit: rule changes of the quarter, page by page", async () => {
    const { events, pages } = await searchAll(
      sim,
      AUDIT_PATH,
      {
        filter: {
          from: Q3.from.toISOString(),
          to: new Date(Q3.to.getTime() - 1).toISOString(),
          query: "@asset.type:security_rule",
        },
        sort: "timestamp",
      },
      5,
    );
    expect(pages).toBeGreaterThan(3);
    const spillFrom = new Date(Q3.from.getTime() - WINDOW_SPILL_MS);
    const spillTo = Q3.to;
    const expected = sim.org.ruleChanges(spillFrom, spillTo).map((c) => c.ruleId);
    const assets = events.map((e) => (e.attributes.attributes as { asset?: { id: string; type: string } }).asset);
    expect(assets.filter((asset) => asset?.type === "security_rule").map((asset) => asset!.id)).toEqual(expected);
    // As recorded, API-access events (no asset) come back whatever the query; nothing else does.
    expect(assets.filter((asset) => asset === undefined).length).toBeGreaterThan(0);
    expect(assets.every((asset) => asset === undefined || asset.type === "security_rule")).toBe(true);
  });

  it("logs aggregate: groups page by cursor and sum to each source's count", async () => {
    const buckets: Array<{
      by: { source: string };
      computes: { c0: Array<{ time: string; value: number }>; c1: number };
    }> = [];
    let cursor: string | undefined;
    do {
      const { status, json } = await postJson<{
        data: { buckets: typeof buckets };
        meta: { page?: { after?: string } };
      }>(sim, AGGREGATE_PATH, {
        compute: [
          { aggregation: "count", type: "timeseries", interval: "1d" },
          { aggregation: "count", type: "total" },
        ],
        filter: { from: Q3.from.toISOString(), to: Q3.to.toISOString(), query: "*" },
        group_by: [{ facet: "source", limit: 4 }],
        ...(cursor ? { page: { cursor } } : {}),
      });
      expect(status).toBe(200);
      buckets.push(...json.data.buckets);
      cursor = json.meta.page?.after;
    } while (cursor);
    const withLogs = sim.org.logSources.filter((s) => sim.org.countLogs(s.name, Q3.from, Q3.to) > 0).map((s) => s.name);
    expect(buckets.map((b) => b.by.source).sort()).toEqual(withLogs.sort());
    const totals = buckets.map((b) => b.computes.c1);
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    // Day buckets spill: the day before the window comes too, outside the total.
    const dayBefore = new Date(Q3.from.getTime() - 86_400_000);
    const inWindow = <P extends { time: string }>(points: P[]) =>
      points.filter((point) => Date.parse(point.time) >= Q3.from.getTime());
    for (const bucket of buckets) {
      expect(bucket.computes.c1).toBe(sim.org.countLogs(bucket.by.source, Q3.from, Q3.to));
      expect(inWindow(bucket.computes.c0).reduce((sum, point) => sum + point.value, 0)).toBe(bucket.computes.c1);
      const spilled = bucket.computes.c0.filter((point) => Date.parse(point.time) < Q3.from.getTime());
      expect(spilled.reduce((sum, point) => sum + point.value, 0)).toBe(
        sim.org.countLogs(bucket.by.source, dayBefore, Q3.from),
      );
      expect(spilled.every((point) => point.time === dayBefore.toISOString().replace(".000Z", "Z"))).toBe(true);
      expect(bucket.computes.c0.every((point) => point.value > 0)).toBe(true);
    }
    expect(buckets.some((b) => b.computes.c0.some((point) => Date.parse(point.time) < Q3.from.getTime()))).toBe(true);
    expect(inWindow(buckets.find((b) => b.by.source === "cloudtrail")!.computes.c0)).toHaveLength(92);
    expect(buckets.find((b) => b.by.source === "windows.events")?.computes.c0.length).toBeLessThan(92);
  });

  it("logs aggregate: day buckets start at local midnight in the asked time zone", async () => {
    const { json } = await postJson<{
      data: { buckets: Array<{ computes: { c0: Array<{ time: string; value: number }> } }> };
    }>(sim, AGGREGATE_PATH, {
      compute: [{ aggregation: "count", type: "timeseries", interval: "1d" }],
      filter: { from: "2026-10-23T22:00:00Z", to: "2026-10-27T23:00:00Z", query: "source:okta" },
      group_by: [{ facet: "source" }],
      options: { timezone: "Europe/Paris" },
    });
    // Paris leaves summer time on 25 October 2026: midnight moves from 22:00Z to 23:00Z.
    // The first bucket is the spilled day before the window.
    expect(json.data.buckets[0]?.computes.c0.map((p) => p.time)).toEqual([
      "2026-10-22T22:00:00Z",
      "2026-10-23T22:00:00Z",
      "2026-10-24T22:00:00Z",
      "2026-10-25T23:00:00Z",
      "2026-10-26T23:00:00Z",
    ]);
    const bad = await postJson(sim, AGGREGATE_PATH, {
      compute: [{ aggregation: "count" }],
      filter: { from: "now-1d", to: "now" },
      options: { timezone: "Mars/Olympus" },
    });
    expect(bad.status).toBe(400);
  });
});
