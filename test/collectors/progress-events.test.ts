/**
 * The progress each collector reports while it reads: the items it holds so
 * far, once per page it reads, as the runner passes them on to the progress
 * display. Real collectors through the official client, against written wire
 * bodies served on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import type { CollectEvent } from "../../src/collectors/run.js";
import type { CollectorId } from "../../src/snapshot/schema.js";
import { collectRecorded, okData, utcPeriod } from "../helpers/collect-recorded.js";
import type { ReplayRoute } from "../helpers/replay-server.js";
import { wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");

/** The items of each progress event the collector reported, in order, and the part's status. */
async function progressOf(id: CollectorId, routes: ReplayRoute[]) {
  const run = await collectRecorded({ routes, only: [id], period: PERIOD, now: NOW });
  await run.dispose();
  const progress = run.events.filter(
    (event): event is Extract<CollectEvent, { type: "progress" }> => event.type === "progress" && event.id === id,
  );
  return {
    items: progress.map((event) => event.items),
    status: run.parts[id].status,
    requests: run.requests,
    parts: run.parts,
  };
}

describe("progress while collecting", () => {
  it("agents: the hosts of each list read so far, after each page of either list", async () => {
    const agent = (hostname: string) => ({ id: `a-${hostname}`, type: "datadog_agent", attributes: { hostname } });
    const { items, status } = await progressOf("agents", [
      wireRoute("GET", "/api/v2/csm/onboarding/agents", [{ body: { data: [agent("web-1"), agent("web-2")] } }]),
      wireRoute("GET", "/api/v1/hosts", [
        {
          body: {
            host_list: [
              { host_name: "web-1", last_reported_time: 1755777600 },
              { host_name: "web-2", last_reported_time: 1755777600 },
              { host_name: "db-1", last_reported_time: 1755777600 },
            ],
          },
        },
      ]),
    ]);
    expect(status).toBe("ok");
    // The two lists are read at once: either may report first.
    expect([...items].sort()).toEqual([2, 3]);
  });

  it("audit: the rule changes kept so far, after each page", async () => {
    const change = (id: string, timestamp: string) => ({
      id,
      type: "audit",
      attributes: { timestamp, attributes: { action: "created", asset: { type: "security_rule", id: "r-1" } } },
    });
    const { items, status, requests } = await progressOf("audit", [
      wireRoute("POST", "/api/v2/audit/events/search", [
        {
          body: {
            meta: { page: { after: "p2" } },
            data: [change("e-1", "2026-07-02T00:00:00Z"), change("e-out", "2026-06-02T00:00:00Z")],
          },
        },
        {
          cursor: "p2",
          body: { data: [change("e-2", "2026-07-03T00:00:00Z"), change("e-3", "2026-07-04T00:00:00Z")] },
        },
      ]),
    ]);
    expect(status).toBe("ok");
    expect(items).toEqual([1, 3]);
    // The query sent, as written: rule and suppression assets only.
    expect(requests.map((request) => (request.body as { filter: { query: string } }).filter.query)).toEqual([
      "@asset.type:(security_rule OR *suppression*)",
      "@asset.type:(security_rule OR *suppression*)",
    ]);
  });

  it("notification rules: the rules read, once; a severity that is not text is left out", async () => {
    const rule = (id: string, severities: unknown[] = ["critical"]) => ({
      id,
      type: "notification_rules",
      attributes: {
        name: `Rule ${id}`,
        enabled: true,
        selectors: { severities, rule_types: ["log_detection"], trigger_source: "security_signals" },
        targets: ["@slack-sec"],
        time_aggregation: 0,
        version: 1,
        created_at: 1722439645000,
        modified_at: 1722439645000,
        created_by: { name: "Ana", handle: "ana@example.com" },
        modified_by: { name: "Ana", handle: "ana@example.com" },
      },
    });
    const { items, parts } = await progressOf("notification_rules", [
      wireRoute("GET", "/api/v2/security/signals/notification_rules", [
        { body: { data: [rule("n-1", ["high", "urgent", 7]), rule("n-2")] } },
      ]),
    ]);
    expect(okData(parts, "notification_rules").notification_rules.map((read) => read.severities)).toEqual([
      ["high", "urgent"],
      ["critical"],
    ]);
    expect(items).toEqual([2]);
  });

  it("log sources: the sources seen so far, after each page of groups", async () => {
    const bucket = (source: string) => ({
      by: { source },
      computes: { c0: [{ time: "2026-07-02T00:00:00.000Z", value: 3 }] },
    });
    const { items, status } = await progressOf("log_sources", [
      wireRoute("POST", "/api/v2/logs/analytics/aggregate", [
        { body: { meta: { page: { after: "p2" } }, data: { buckets: [bucket("nginx"), bucket("auditd")] } } },
        { cursor: "p2", body: { data: { buckets: [bucket("nginx"), bucket("sshd")] } } },
      ]),
    ]);
    expect(status).toBe("ok");
    expect(items).toEqual([2, 3]);
  });
});
