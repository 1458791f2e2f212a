/**
 * What the runner makes of its collectors, value by value: the events it
 * reports, the part it records for a collector that succeeded, failed, did
 * not fit the schema or was not run, its warnings (redacted, at most 100),
 * and the snapshot's header. Real collectors through the official client,
 * against written wire bodies served on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { type CollectEvent, collectSnapshot } from "../../src/collectors/run.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { registerSecret } from "../../src/secrets.js";
import { COLLECTOR_IDS, type CollectorId } from "../../src/snapshot/schema.js";
import { TOOL_VERSION } from "../../src/version.js";
import { utcPeriod } from "../helpers/collect-recorded.js";
import { testPolicy } from "../helpers/local-server.js";
import { type ReplayRoute, startReplayServer } from "../helpers/replay-server.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");

/** Collects `only` through a session to `apiUrl` (null: Datadog itself), recording the runner's events. */
async function collectThrough(
  apiUrl: string | null,
  site: string,
  only: CollectorId[] | undefined,
  orgName: string | null = null,
) {
  const session = await DatadogSession.open(
    { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site, apiUrl },
    { policy: testPolicy() },
  );
  const events: CollectEvent[] = [];
  const snapshot = await collectSnapshot({
    session,
    period: PERIOD,
    now: NOW,
    populationDir: null,
    orgName,
    only,
    onEvent: (event) => events.push(event),
  });
  return { snapshot, events };
}

async function collect(routes: ReplayRoute[], only: CollectorId[] | undefined) {
  const server = await startReplayServer(routes);
  try {
    return { ...(await collectThrough(server.url, "datadoghq.com", only, "Acme")), url: server.url };
  } finally {
    await server.close();
  }
}

const INDEXES = wireRoute("GET", "/api/v1/logs/config/indexes", [
  {
    body: {
      indexes: [
        { name: "main", filter: { query: "" } },
        { name: "audit", filter: { query: "source:audit" } },
      ],
    },
  },
]);

describe("the collection runner", () => {
  it("reports start, progress and done for each collector it runs, and records the others as not collected", async () => {
    const { snapshot, events, url } = await collect([INDEXES], ["log_indexes"]);
    expect(events.map(({ durationMs, ...event }: CollectEvent & { durationMs?: number }) => event)).toEqual([
      { type: "start", id: "log_indexes" },
      { type: "progress", id: "log_indexes", items: 2, requests: 1 },
      { type: "done", id: "log_indexes", status: "ok", requests: 1 },
    ]);
    expect(events.at(-1)).not.toHaveProperty("error");
    const part = snapshot.collectors.log_indexes;
    expect(part).toMatchObject({ status: "ok", requests: 1, retries: 0, warnings: [] });
    expect(part.duration_ms).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(part.duration_ms)).toBe(true);
    expect(snapshot.collectors.agents).toEqual({
      status: "error",
      error: "not collected in this run",
      requests: 0,
      retries: 0,
      duration_ms: 0,
      warnings: [],
    });
    expect(snapshot.complete).toBe(false);
    expect(snapshot.tool).toEqual({ name: "ddproof", version: TOOL_VERSION });
    expect(snapshot.org).toEqual({ site: "datadoghq.com", api_url: url, name: "Acme" });
    expect(snapshot.collected_at).toBe("2026-08-21T12:00:00.000Z");
    expect(snapshot.period).toEqual(PERIOD);
  });

  it("records a collector's failure with its reason, in the part and in the done event", async () => {
    const { snapshot, events } = await collect([], ["log_indexes"]);
    const part = snapshot.collectors.log_indexes;
    expect(part.status).toBe("error");
    const error = part.status === "error" ? part.error : "";
    expect(error).toContain("404");
    expect(events.at(-1)).toMatchObject({ type: "done", id: "log_indexes", status: "error", requests: 1, error });
  });

  it("fails a collector whose data does not fit the snapshot schema, naming the first misfit", async () => {
    const { snapshot } = await collect(
      [
        // The client lets a null name through; the snapshot holds every index under a name.
        wireRoute("GET", "/api/v1/logs/config/indexes", [
          { body: { indexes: [{ name: null, filter: { query: "" } }] } },
        ]),
      ],
      ["log_indexes"],
    );
    expect(snapshot.collectors.log_indexes).toMatchObject({
      status: "error",
      error: "collected data does not fit the snapshot schema: Invalid input: expected string, received null",
      requests: 1,
    });
  });

  it("keeps the first 100 warnings, with any key in them redacted", async () => {
    registerSecret(TEST_API_KEY);
    const dashboards = Array.from({ length: 120 }, (_, index) => ({ title: `board ${index} ${TEST_API_KEY}` }));
    const { snapshot } = await collect(
      [wireRoute("GET", "/api/v1/dashboard", [{ body: { dashboards } }, { body: { dashboards: [] } }])],
      ["dashboards"],
    );
    const { warnings } = snapshot.collectors.dashboards;
    expect(warnings).toHaveLength(100);
    expect(warnings[0]).toBe('dashboard #0 ("board 0 [redacted]") has no id; kept without one');
    expect(warnings[99]).toBe('dashboard #99 ("board 99 [redacted]") has no id; kept without one');
  });

  it("runs every collector when none is named, each under its own id", async () => {
    // No route: every request is answered 404, so each collector fails on its own, none is skipped.
    const { snapshot, events } = await collect([], undefined);
    const ids = Object.keys(snapshot.collectors).sort();
    expect(ids).toEqual([...COLLECTOR_IDS].sort());
    for (const id of ids) {
      const part = snapshot.collectors[id as CollectorId];
      expect(part.status, id).toBe("error");
      expect(part.status === "error" ? part.error : "", id).toContain("404");
    }
    expect(
      events
        .filter((event) => event.type === "start")
        .map((event) => event.id)
        .sort(),
    ).toEqual(ids);
    expect(snapshot.complete).toBe(false);
  });

  it("collects nothing when asked for no collector: every part not collected, no event, no request", async () => {
    // No API URL: the session would go to Datadog itself, so nothing may be asked.
    const { snapshot, events } = await collectThrough(null, "datadoghq.eu", []);
    expect(events).toEqual([]);
    for (const id of COLLECTOR_IDS)
      expect(snapshot.collectors[id], id).toEqual({
        status: "error",
        error: "not collected in this run",
        requests: 0,
        retries: 0,
        duration_ms: 0,
        warnings: [],
      });
    expect(snapshot.complete).toBe(false);
    expect(snapshot.org).toEqual({ site: "datadoghq.eu", api_url: null, name: null });
  });
});

describe("a run in which every collector answers", () => {
  // The smallest answer each endpoint gives for an org that holds nothing yet.
  const EMPTY_ORG = [
    wireRoute("GET", "/api/v2/security_monitoring/rules", [{ body: { data: [], meta: { page: {} } } }]),
    wireRoute("GET", "/api/v2/security_monitoring/configuration/suppressions", [{ body: { data: [] } }]),
    wireRoute("GET", "/api/v2/remote_config/products/cws/agent_rules", [{ body: { data: [] } }]),
    wireRoute("GET", "/api/v2/security/signals/notification_rules", [{ body: { data: [] } }]),
    wireRoute("GET", "/api/v1/dashboard", [{ body: { dashboards: [] } }]),
    wireRoute("POST", "/api/v2/logs/analytics/aggregate", [
      { body: { data: { buckets: [] }, meta: { status: "done" } } },
    ]),
    INDEXES,
    wireRoute("GET", "/api/v2/logs/config/archives", [{ body: { data: [] } }]),
    wireRoute("GET", "/api/v2/csm/onboarding/agents", [{ body: { data: [] } }]),
    wireRoute("GET", "/api/v1/hosts", [{ body: { host_list: [] } }]),
    wireRoute("POST", "/api/v2/security_monitoring/signals/search", [{ body: { data: [], meta: { page: {} } } }]),
    wireRoute("POST", "/api/v2/audit/events/search", [{ body: { data: [], meta: { page: {} } } }]),
  ];

  it("is complete, and no part took longer than the run", async () => {
    const started = performance.now();
    const { snapshot } = await collect(EMPTY_ORG, undefined);
    const elapsed = performance.now() - started;
    const failed = Object.entries(snapshot.collectors).filter(([, part]) => part.status !== "ok");
    expect(failed).toEqual([]);
    expect(snapshot.complete).toBe(true);
    for (const part of Object.values(snapshot.collectors))
      expect(part.duration_ms).toBeLessThanOrEqual(Math.ceil(elapsed));
  });
});
