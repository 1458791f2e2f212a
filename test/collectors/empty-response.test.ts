/**
 * A 2xx answer with nothing in it is a failure the collector names, never an
 * empty (and passing) part. A server on 127.0.0.1 answers every request with
 * 200 and an empty body (or a JSON `null`); the real collectors read it
 * through the official client.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/collectors/run.js";
import { resolvePeriod } from "../../src/config/period.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { COLLECTOR_IDS, type CollectorId } from "../../src/snapshot/schema.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";

const NOW = new Date("2026-11-15T12:00:00Z");
const period = resolvePeriod("2026-09", "UTC", NOW);
let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

async function serveEvery(body: string): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "application/json" });
    response.end(body);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function collectFrom(apiUrl: string, only: readonly CollectorId[]) {
  const session = await DatadogSession.open(
    { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl },
    { policy: { baseDelayMs: 5, maxDelayMs: 50, maxRetries: 0, timeoutMs: 3000 } },
  );
  return collectSnapshot({ session, period, now: NOW, populationDir: null, only });
}

/** The error each collector gives: the operation whose answer was empty. Agents ask two at once; either may fail first. */
const EMPTY_ANSWER: Record<CollectorId, RegExp> = {
  agent_rules: /^v2 CSMThreatsApi\.listCSMThreatsAgentRules: .*empty response/,
  agents: /^(v2 CSMAgentsApi\.listAllCSMAgents|v1 HostsApi\.listHosts): .*empty response/,
  audit: /^v2 AuditApi\.searchAuditLogs: .*empty response/,
  dashboards: /^v1 DashboardsApi\.listDashboards: .*empty response/,
  log_archives: /^v2 LogsArchivesApi\.listLogsArchives: .*empty response/,
  log_indexes: /^v1 LogsIndexesApi\.listLogIndexes: .*empty response/,
  log_sources: /^v2 LogsApi\.aggregateLogs: .*empty response/,
  notification_rules: /^v2 SecurityMonitoringApi\.getSignalNotificationRules: .*empty response/,
  rules: /^v2 SecurityMonitoringApi\.listSecurityMonitoringRules: .*empty response/,
  signals: /^v2 SecurityMonitoringApi\.searchSecurityMonitoringSignals: .*empty response/,
  suppressions: /^v2 SecurityMonitoringApi\.listSecurityMonitoringSuppressions: .*empty response/,
};

describe("an empty 2xx answer", () => {
  for (const [label, body] of [
    ["no body", ""],
    ["a JSON null", "null"],
  ] as const) {
    it(`fails every collector with ${label}, never passes one`, async () => {
      const snapshot = await collectFrom(await serveEvery(body), COLLECTOR_IDS);
      expect(snapshot.complete).toBe(false);
      for (const id of COLLECTOR_IDS) {
        const part = snapshot.collectors[id];
        expect(part.status, id).toBe("error");
        expect(part.status === "error" ? part.error : "", id).toMatch(EMPTY_ANSWER[id]);
      }
    });
  }
});
