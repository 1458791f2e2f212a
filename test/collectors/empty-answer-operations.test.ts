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

  it("notification rules: the signal notification rules", async () => {
    const error = await errorOf("notification_rules", [
      emptyRoute("GET", "/api/v2/security/signals/notification_rules"),
    ]);
    expect(error).toBe(`v2 SecurityMonitoringApi.getSignalNotificationRules: ${EMPTY}`);
  });
});
