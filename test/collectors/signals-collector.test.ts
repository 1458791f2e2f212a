/**
 * The signals collector request by request, against a search endpoint this
 * file writes: what it asks for (widened windows, page size, cursor, sort),
 * how it plans the rest of the period from the first page, what it keeps
 * (each in-period signal once, a signal seen at the edge skipped), what it
 * warns about, and how it stops when a slice fails. The real collector
 * through the official client, over HTTP on 127.0.0.1; fast enough to run
 * for every mutant of `signals/index.ts`, which the whole-org tests are not.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import type { CollectorContext } from "../../src/collectors/context.js";
import { collectSignals, MAX_SLICES, PAGE_LIMIT, signalsCollector } from "../../src/collectors/signals/index.js";
import { activeSignalCollections } from "../../src/collectors/signals/slice-budget.js";
import type { SlicePlanInput } from "../../src/collectors/signals/slice-plan.js";

import { DatadogSession } from "../../src/datadog/session.js";
import type { Period, SignalsData } from "../../src/snapshot/schema.js";
import { utcPeriod } from "../helpers/collect-recorded.js";
import { listenLocally, readRequestBody, stopServer, testPolicy } from "../helpers/local-server.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const JULY = utcPeriod("2026-07-01", "2026-08-01");
const SEARCH_PATH = "/api/v2/security_monitoring/signals/search";
const RULES_PATH = "/api/v2/security/signals/notification_rules";
const ms = (iso: string) => Date.parse(iso);

interface Search {
  from: string;
  to: string;
  cursor: string | undefined;
  limit: number;
  sort: string;
  query: string;
  /** The whole body, to check that no field is sent that was not meant. */
  body: Record<string, unknown>;
}

interface Answer {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

type SearchHandler = (search: Search) => Answer | Promise<Answer>;

interface Stored {
  id: string;
  at: number;
}

function wireSignal({ id, at }: Stored): unknown {
  return {
    id,
    type: "signal",
    attributes: {
      timestamp: new Date(at).toISOString(),
      tags: ["source:cloudtrail"],
      status: "high",
      attributes: {
        workflow: { rule: { id: "r1", name: "Rule one", type: "log_detection" }, triage: { state: "open" } },
      },
    },
  };
}

const page = (signals: Stored[], after?: string): Answer => ({
  body: { data: signals.map(wireSignal), meta: { page: after === undefined ? {} : { after } } },
});

/**
 * A search that pages the stored signals of the window asked, oldest first,
 * `size` a page (the server's own page size, whatever limit is asked). The
 * cursor carries the window, as Datadog's carries the query.
 */
function pagedSearch(stored: Stored[], size: number): SearchHandler {
  return (search) => {
    const [from, to, offset] = search.cursor
      ? search.cursor.split("|").map(Number)
      : [ms(search.from), ms(search.to), 0];
    const inWindow = stored.filter(({ at }) => at >= from! && at < to!).sort((a, b) => a.at - b.at);
    const end = offset! + size;
    return page(inWindow.slice(offset, end), end < inWindow.length ? `${from}|${to}|${end}` : undefined);
  };
}

// Shaped like the recorded list (notification-rules/list.json), with a rule that routes these signals.
const RULES: Answer = {
  body: {
    data: [
      {
        id: "nr-1",
        type: "notification_rules",
        attributes: {
          created_at: 1755115900029,
          created_by: { name: "frog", handle: "frog@datadoghq.com" },
          enabled: true,
          modified_at: 1755115900029,
          modified_by: { name: "frog", handle: "frog@datadoghq.com" },
          name: "Page on high",
          selectors: {
            severities: ["high"],
            rule_types: ["log_detection"],
            query: "",
            trigger_source: "security_signals",
          },
          targets: ["@pagerduty-sec"],
          time_aggregation: 0,
          version: 1,
        },
      },
    ],
  },
};

let server: Server | null = null;
afterEach(async () => {
  await stopServer(server);
  server = null;
});

function send(response: ServerResponse, answer: Answer): void {
  response.writeHead(answer.status ?? 200, { "content-type": "application/json", ...answer.headers });
  response.end(answer.body === undefined ? "" : JSON.stringify(answer.body));
}

interface Started {
  done: Promise<SignalsData>;
  searches: Search[];
  warnings: string[];
  plans: SlicePlanInput[];
  progress: number[];
  populationDir: string;
}

interface Collected extends Omit<Started, "done"> {
  data: SignalsData;
  /** Ids in the population file, in file order. */
  lines: string[];
}

interface Options {
  search: SearchHandler;
  rules?: Answer;
  slices?: number;
  period?: Period;
  population?: boolean;
  /** Told when a request through the client has failed, before the collector sees the failure. */
  onFailedCall?: () => void;
  /** Run as the registry runs it (its own slice plan, counted among the process's collections). */
  asRegistered?: boolean;
  /** Called with the session before collecting (to give it what earlier requests would have). */
  prepare?: (session: DatadogSession) => void;
}

async function start(options: Options): Promise<Started> {
  const searches: Search[] = [];
  server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    if (request.method === "GET" && path === RULES_PATH) return send(response, options.rules ?? RULES);
    if (request.method !== "POST" || path !== SEARCH_PATH) return send(response, { status: 404, body: {} });
    const body = (await readRequestBody(request)) as Record<string, unknown>;
    const filter = body.filter as { from: string; to: string; query: string };
    const paging = body.page as { limit: number; cursor?: string };
    const search: Search = {
      from: filter.from,
      to: filter.to,
      query: filter.query,
      cursor: paging.cursor,
      limit: paging.limit,
      sort: body.sort as string,
      body,
    };
    searches.push(search);
    send(response, await options.search(search));
  });
  const url = await listenLocally(server);
  const session = await DatadogSession.open(
    { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: url },
    { policy: testPolicy() },
  );
  options.prepare?.(session);
  const stats = { requests: 0, retries: 0 };
  const warnings: string[] = [];
  const progress: number[] = [];
  const plans: SlicePlanInput[] = [];
  const populationDir = scratchDir("signals-collector");
  const ctx: CollectorContext = {
    dd: session.dd,
    session,
    period: options.period ?? JULY,
    now: NOW,
    populationDir: options.population === false ? null : populationDir,
    stats,
    call: async (invoke) => {
      try {
        return await session.call(stats, invoke);
      } catch (error) {
        options.onFailedCall?.();
        throw error;
      }
    },
    warn: (message) => warnings.push(message),
    progress: (count) => progress.push(count),
  };
  const done = options.asRegistered
    ? signalsCollector.collect(ctx)
    : collectSignals(ctx, (input) => {
        plans.push(input);
        return options.slices ?? 1;
      });
  return { done, searches, warnings, plans, progress, populationDir };
}

async function collect(options: Options): Promise<Collected> {
  const { done, ...started } = await start(options);
  const data = await done;
  const lines = data.population_file
    ? readFileSync(join(started.populationDir, data.population_file), "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => (JSON.parse(line) as { id: string }).id)
    : [];
  return { ...started, data, lines };
}

describe("a period whose signals fit one page", () => {
  const stored = [
    { id: "a", at: ms("2026-07-01T00:00:00.000Z") },
    { id: "b", at: ms("2026-07-15T08:30:00.250Z") },
    { id: "c", at: ms("2026-07-31T23:59:59.999Z") },
  ];

  it("asks once, for the period widened to whole seconds and one more each side, 1000 a page, oldest first", async () => {
    const run = await collect({ search: pagedSearch(stored, 10) });
    expect(run.searches.map(({ body }) => body)).toEqual([
      {
        filter: { from: "2026-06-30T23:59:59Z", to: "2026-08-01T00:00:01Z", query: "*" },
        page: { limit: PAGE_LIMIT },
        sort: "timestamp",
      },
    ]);
    expect(PAGE_LIMIT).toBe(1000);
    // Nothing left to plan: the first page held the whole period.
    expect(run.plans).toEqual([]);
    expect(run.data.total).toBe(3);
    expect(run.lines).toEqual(["a", "b", "c"]);
    expect(run.progress).toEqual([3]);
    expect(run.warnings).toEqual([]);
  });

  it("measures routing on the signals with the notification rules it reads beside the first page", async () => {
    const run = await collect({ search: pagedSearch(stored, 10) });
    expect(run.data.routing).toEqual({
      by_severity: { high: { total: 3, routed: 3 } },
      rules: [{ id: "nr-1", matched_by_severity: { high: 3 } }],
      unparsable_rules: [],
    });
  });

  it("collects the signals without routing, and says why, when the notification rules cannot be read", async () => {
    const run = await collect({
      search: pagedSearch(stored, 10),
      rules: { status: 403, body: { errors: ["Forbidden"] } },
    });
    expect(run.data.routing).toBeNull();
    expect(run.data.total).toBe(3);
    expect(run.warnings).toHaveLength(1);
    expect(run.warnings[0]).toMatch(/^notification rules could not be read, so routing was not measured: .*403/);
  });

  it("writes no population file when given no folder, and counts all the same", async () => {
    const run = await collect({ search: pagedSearch(stored, 10), population: false });
    expect(run.data.population_file).toBeNull();
    expect(run.data.total).toBe(3);
    expect(readdirSync(run.populationDir)).toEqual([]);
  });

  it("skips a signal without an id or a readable timestamp, and says how many", async () => {
    const run = await collect({
      search: () => ({
        body: {
          data: [
            wireSignal(stored[0]!),
            { type: "signal", attributes: { timestamp: "2026-07-02T00:00:00Z" } },
            { id: "t", type: "signal", attributes: { timestamp: "not a time" } },
          ],
          meta: { page: {} },
        },
      }),
    });
    expect(run.data.total).toBe(1);
    expect(run.warnings).toEqual(["2 signal(s) without an id or timestamp were skipped"]);
  });

  it("takes an empty cursor for the last page", async () => {
    const run = await collect({ search: () => page(stored, "") });
    expect(run.searches).toHaveLength(1);
    expect(run.plans).toEqual([]);
    expect(run.data.total).toBe(3);
  });

  it("ends the paging at a cursor that is not text", async () => {
    const run = await collect({
      search: () => ({ body: { data: stored.map(wireSignal), meta: { page: { after: 12345 } } } }),
      slices: 2,
    });
    expect(run.searches).toHaveLength(1);
    expect(run.plans).toEqual([]);
    expect(run.lines).toEqual(["a", "b", "c"]);
  });

  it("fails, naming the search operation, when the search answers with no body", async () => {
    const started = await start({ search: () => ({ body: undefined }) });
    await expect(started.done).rejects.toThrow(
      "v2 SecurityMonitoringApi.searchSecurityMonitoringSignals: Datadog answered with an empty response (no JSON object in the body)",
    );
  });

  it("leaves out, and counts in one warning, what the API returns from outside the period", async () => {
    const outside = [
      { id: "before", at: ms("2026-06-30T23:59:59.500Z") },
      { id: "at-end", at: ms("2026-08-01T00:00:00.000Z") },
    ];
    const run = await collect({ search: () => page([outside[0]!, ...stored, outside[1]!]) });
    expect(run.lines).toEqual(["a", "b", "c"]);
    expect(run.data.total).toBe(3);
    expect(run.warnings).toEqual([
      "2 signal(s) the API returned from outside the period [2026-07-01T00:00:00Z, 2026-08-01T00:00:00Z) were left out of every count and of the population",
    ]);
  });
});

describe("a period of several pages", () => {
  // Four signals a page: the first page ends at 07-03 10:00:00.400, with one at the start of that
  // second before it and one more after it.
  const stored: Stored[] = [
    { id: "s1", at: ms("2026-07-01T06:00:00Z") },
    { id: "s2", at: ms("2026-07-02T06:00:00Z") },
    { id: "s3", at: ms("2026-07-03T10:00:00.000Z") },
    { id: "s4", at: ms("2026-07-03T10:00:00.400Z") },
    { id: "s5", at: ms("2026-07-03T10:00:00.700Z") },
    { id: "s6", at: ms("2026-07-10T00:00:00Z") },
    { id: "s7", at: ms("2026-07-16T12:00:00Z") },
    { id: "s8", at: ms("2026-07-20T00:00:00Z") },
    { id: "s9", at: ms("2026-07-25T00:00:00Z") },
    { id: "s10", at: ms("2026-07-31T23:59:59.999Z") },
  ];
  const RATE = {
    "x-ratelimit-limit": "60",
    "x-ratelimit-period": "10",
    "x-ratelimit-remaining": "59",
    "x-ratelimit-reset": "10",
  };

  it("plans the rest of the period from the first page: the announced limit, the pages left and the slice cap", async () => {
    const search = pagedSearch(stored, 4);
    const run = await collect({
      search: (request) => ({ ...(search(request) as Answer), headers: RATE }),
      slices: 3,
      // Another endpoint's budget, learnt earlier in the session: not the search's.
      prepare: (session) =>
        session.limiter.release("GET /api/v2/security_monitoring/rules", {
          limit: "1000",
          period: "60",
          remaining: "999",
          reset: "60",
        }),
    });
    expect(run.plans).toHaveLength(1);
    const [plan] = run.plans;
    expect(plan?.limit).toMatchObject({ limit: 60, periodSeconds: 10 });
    expect(plan?.cap).toBe(MAX_SLICES);
    expect(MAX_SLICES).toBe(8);
    expect(plan?.latencyMs).toBeGreaterThan(0);
    expect(plan?.latencyMs).toBeLessThan(60_000);
    // The first page covered 07-01 00:00 to 07-03 10:00:00.400; the rest starts at 07-03 10:00:00.
    const covered = ms("2026-07-03T10:00:00.400Z") - ms("2026-07-01T00:00:00Z");
    const left = ms("2026-08-01T00:00:00Z") - ms("2026-07-03T10:00:00Z");
    expect(plan?.pagesLeft).toBe(left / covered);
  });

  it("cuts the rest into the planned slices from the first page's last second, each signal once", async () => {
    const run = await collect({ search: pagedSearch(stored, 4), slices: 3 });
    const firsts = run.searches.filter((search) => search.cursor === undefined);
    // The period, then three slices of [07-03 10:00:00, 08-01), each widened by a second.
    expect(firsts.map(({ from, to }) => [from, to])).toEqual([
      ["2026-06-30T23:59:59Z", "2026-08-01T00:00:01Z"],
      ["2026-07-03T09:59:59Z", "2026-07-12T22:40:01Z"],
      ["2026-07-12T22:39:59Z", "2026-07-22T11:20:01Z"],
      ["2026-07-22T11:19:59Z", "2026-08-01T00:00:01Z"],
    ]);
    for (const search of run.searches) expect(search.limit).toBe(PAGE_LIMIT);
    // s3 and s4 came on the first page and again in the first slice (same second): counted once.
    expect(run.lines).toEqual(stored.map(({ id }) => id));
    expect(run.data.total).toBe(stored.length);
    expect(run.progress.at(-1)).toBe(stored.length);
    expect(run.warnings).toEqual([]);
  });

  it("follows each slice's cursor to its last page, sending the cursor only when it has one", async () => {
    const run = await collect({ search: pagedSearch(stored, 2), slices: 2 });
    const withCursor = run.searches.filter((search) => search.cursor !== undefined);
    expect(withCursor.length).toBeGreaterThan(0);
    for (const search of run.searches) {
      expect("cursor" in (search.body.page as object)).toBe(search.cursor !== undefined);
      expect(search.sort).toBe("timestamp");
      expect(search.query).toBe("*");
    }
    expect(run.lines).toEqual(stored.map(({ id }) => id));
  });

  it("starts the rest at the period's start when the last signal's second began before it", async () => {
    const period = { ...JULY, from: "2026-07-01T00:00:00.500Z" };
    const early: Stored[] = [
      { id: "e1", at: ms("2026-07-01T00:00:00.600Z") },
      { id: "e2", at: ms("2026-07-01T00:00:00.800Z") },
      { id: "e3", at: ms("2026-07-20T00:00:00Z") },
    ];
    const run = await collect({ search: pagedSearch(early, 2), slices: 1, period });
    const firsts = run.searches.filter((search) => search.cursor === undefined);
    expect(firsts.map(({ from }) => from)).toEqual(["2026-06-30T23:59:59Z", "2026-06-30T23:59:59Z"]);
    const covered = ms("2026-07-01T00:00:00.800Z") - ms(period.from);
    expect(run.plans[0]?.pagesLeft).toBe((ms(period.to) - ms(period.from)) / covered);
    expect(run.lines).toEqual(["e1", "e2", "e3"]);
  });

  it("plans from the first page's last signal in the period, not from one the API sent from after it", async () => {
    const spilled = { id: "late", at: ms("2026-08-01T00:00:00.300Z") };
    const search = pagedSearch(stored, 4);
    const run = await collect({
      search: (request) => {
        const answer = search(request) as Answer;
        if (request.cursor !== undefined || request.from !== "2026-06-30T23:59:59Z") return answer;
        const body = answer.body as { data: unknown[]; meta: unknown };
        return { body: { ...body, data: [...body.data, wireSignal(spilled)] } };
      },
      slices: 1,
    });
    expect(run.searches.filter((search) => search.cursor === undefined).map(({ from }) => from)).toEqual([
      "2026-06-30T23:59:59Z",
      "2026-07-03T09:59:59Z",
    ]);
    expect(run.lines).toEqual(stored.map(({ id }) => id));
  });

  it("follows the first page's cursor instead of planning when that page held no signal of the period", async () => {
    // The API answers with the day before the period first (it has been recorded doing so).
    const before: Stored[] = [
      { id: "old1", at: ms("2026-06-30T10:00:00Z") },
      { id: "old2", at: ms("2026-06-30T11:00:00Z") },
    ];
    const inPeriod = stored.slice(0, 3);
    const run = await collect({
      search: (search) => {
        if (search.cursor === undefined) return page(before, "next-1");
        if (search.cursor === "next-1") return page(inPeriod.slice(0, 2), "next-2");
        return page(inPeriod.slice(2));
      },
      slices: 4,
    });
    expect(run.plans).toEqual([]);
    expect(run.searches.map(({ cursor }) => cursor)).toEqual([undefined, "next-1", "next-2"]);
    // Each cursor page asks the same widened period.
    for (const search of run.searches)
      expect([search.from, search.to]).toEqual(["2026-06-30T23:59:59Z", "2026-08-01T00:00:01Z"]);
    expect(run.lines).toEqual(["s1", "s2", "s3"]);
    expect(run.warnings).toEqual([expect.stringMatching(/^2 signal\(s\) the API returned from outside the period/)]);
  });
});

describe("the registered collector", () => {
  it("counts itself among the process's signal collections while it runs, and plans its own slices", async () => {
    const stored = Array.from({ length: 9 }, (_, index) => ({
      id: `r${index}`,
      at: ms("2026-07-01T00:00:00Z") + index * 3 * 24 * 3600 * 1000,
    }));
    const search = pagedSearch(stored, 3);
    const counts: number[] = [];
    const run = await collect({
      search: (request) => {
        counts.push(activeSignalCollections.count);
        return search(request);
      },
      asRegistered: true,
    });
    expect(counts.length).toBeGreaterThan(1);
    expect(new Set(counts)).toEqual(new Set([1]));
    expect(activeSignalCollections.count).toBe(0);
    expect(run.lines).toEqual(stored.map(({ id }) => id));
  });
});

describe("a slice that fails", () => {
  // One signal every 18 hours, two a page: the first page ends at 07-01 18:00, where the rest starts.
  const stored: Stored[] = Array.from({ length: 40 }, (_, index) => ({
    id: `f${index}`,
    at: ms("2026-07-01T00:00:00Z") + index * 18 * 3600 * 1000,
  }));
  const FIRST_SLICE_FROM = "2026-07-01T17:59:59Z";

  it("stops the other slices at their next page, waits for them, removes the population and rethrows", async () => {
    const search = pagedSearch(stored, 2);
    let failed!: () => void;
    const failure = new Promise<void>((resolve) => {
      failed = resolve;
    });
    const firstSlice = (request: Search) =>
      request.cursor === undefined
        ? request.from === FIRST_SLICE_FROM
        : Number(request.cursor.split("|")[0]) === ms(FIRST_SLICE_FROM);
    const started = await start({
      search: async (request) => {
        if (request.cursor === undefined && request.from === "2026-06-30T23:59:59Z") return search(request);
        // The second slice is refused on its first page; the first slice's second page is answered only after.
        if (!firstSlice(request)) return { status: 400, body: { errors: ["slice refused"] } };
        if (request.cursor !== undefined) await failure;
        return search(request);
      },
      slices: 2,
      onFailedCall: () => failed(),
    });
    await expect(started.done).rejects.toThrow(/400/);
    const pagesOfFirstSlice = started.searches.filter(firstSlice);
    // Its first page and the one answered after the failure; a third page is never asked for.
    expect(pagesOfFirstSlice).toHaveLength(2);
    expect(started.searches).toHaveLength(4);
    expect(readdirSync(started.populationDir)).toEqual([]);
    expect(started.progress.at(-1)).toBeLessThan(stored.length);
  });
});
