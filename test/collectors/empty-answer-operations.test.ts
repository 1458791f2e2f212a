/**
 * An empty 2xx answer to one request fails the collector with the exact
 * operation that answered empty, even when the collector's other requests
 * were answered: agents read two lists at once, and each names its own.
 * Real collectors through the official client, against bodies served on
 * 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import type { CollectorId } from "../../src/snapshot/schema.js";
import { collectRecorded, utcPeriod } from "../helpers/collect-recorded.js";
import type { ReplayRoute } from "../helpers/replay-server.js";
import { wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");
const EMPTY = "Datadog answered with an empty response (no JSON object in the body)";

function emptyRoute(method: string, path: string): ReplayRoute {
  return {
    method,
    path,
    responses: [{ status: 200, contentType: "application/json", text: "", cursor: null, itemTimes: [], window: null }],
  };
}

async function errorOf(id: CollectorId, routes: ReplayRoute[]) {
  const run = await collectRecorded({ routes, only: [id], period: PERIOD, now: NOW });
  await run.dispose();
  const part = run.parts[id];
  return part.status === "error" ? part.error : `not an error: ${JSON.stringify(part)}`;
}

describe("an empty answer names its operation", () => {
  it("agents: the CSM agents list", async () => {
    const error = await errorOf("agents", [
      emptyRoute("GET", "/api/v2/csm/onboarding/agents"),
      wireRoute("GET", "/api/v1/hosts", [{ body: { host_list: [] } }]),
    ]);
    expect(error).toBe(`v2 CSMAgentsApi.listAllCSMAgents: ${EMPTY}`);
  });

  it("agents: the hosts list", async () => {
    const error = await errorOf("agents", [
      wireRoute("GET", "/api/v2/csm/onboarding/agents", [{ body: { data: [] } }]),
      emptyRoute("GET", "/api/v1/hosts"),
    ]);
    expect(error).toBe(`v1 HostsApi.listHosts: ${EMPTY}`);
  });

  it("audit: the audit search", async () => {
    const error = await errorOf("audit", [emptyRoute("POST", "/api/v2/audit/events/search")]);
    expect(error).toBe(`v2 AuditApi.searchAuditLogs: ${EMPTY}`);
  });

  it("log sources: the logs aggregate", async () => {
    const error = await errorOf("log_sources", [emptyRoute("POST", "/api/v2/logs/analytics/aggregate")]);
    expect(error).toBe(`v2 LogsApi.aggregateLogs: ${EMPTY}`);
  });

  it("rules: the rules listing", async () => {
    const error = await errorOf("rules", [emptyRoute("GET", "/api/v2/security_monitoring/rules")]);
    expect(error).toBe(`v2 SecurityMonitoringApi.listSecurityMonitoringRules: ${EMPTY}`);
  });

  it("notification rules: the signal notification rules", async () => {
    const error = await errorOf("notification_rules", [
      emptyRoute("GET", "/api/v2/security/signals/notification_rules"),
    ]);
    expect(error).toBe(`v2 SecurityMonitoringApi.getSignalNotificationRules: ${EMPTY}`);
  });
});

/** One answer served as this exact text (JSON, or not). */
function textRoute(method: string, path: string, text: string): ReplayRoute {
  return {
    method,
    path,
    responses: [{ status: 200, contentType: "application/json", text, cursor: null, itemTimes: [], window: null }],
  };
}

describe("an answer that is not a JSON object names its operation", () => {
  const INDEXES = "/api/v1/logs/config/indexes";

  for (const [what, text] of [
    ["null", "null"],
    ["a number", "5"],
    ["a string", '"indexes"'],
    ["a list", "[]"],
  ] as const) {
    it(`log indexes: ${what} is no answer`, async () => {
      const error = await errorOf("log_indexes", [textRoute("GET", INDEXES, text)]);
      expect(error).toBe(`v1 LogsIndexesApi.listLogIndexes: ${EMPTY}`);
    });
  }

  it("log indexes: an object the client cannot read fails with the client's reason", async () => {
    const error = await errorOf("log_indexes", [textRoute("GET", INDEXES, '{"indexes":"main"}')]);
    expect(error).toBe(
      "v1 LogsIndexesApi.listLogIndexes: the client could not read the response: mismatch types 'main' and 'Array<LogsIndex>'",
    );
  });

  it("rules: a list is no answer, even though the rules are read from the raw JSON", async () => {
    const error = await errorOf("rules", [textRoute("GET", "/api/v2/security_monitoring/rules", "[]")]);
    expect(error).toBe(`v2 SecurityMonitoringApi.listSecurityMonitoringRules: ${EMPTY}`);
  });
});
