/**
 * The wire format as the official client reads it: every endpoint
 * deserializes into the client's models, key casing included, and the
 * injected faults reach the client the way the README says.
 */
import { client, v1, v2 } from "@datadog/datadog-api-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WINDOW_SPILL_MS } from "../../src/simulator/endpoints/event-search.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { NOW } from "./http.js";

let sim: RunningSimulator;
let configuration: client.Configuration;
beforeAll(async () => {
  sim = await startSimulator({ seed: 7, now: NOW });
  configuration = client.createConfiguration({
    authMethods: { apiKeyAuth: "client-test-api-key", appKeyAuth: "client-test-app-key" },
    baseServer: new client.BaseServerConfiguration(sim.url, {}),
  });
});
afterAll(async () => {
  await sim.close();
});
afterEach(() => {
  sim.setFaults("");
});

/** The client wraps what it cannot deserialize in an UnparsedObject (not exported): the raw JSON is in `_data`. */
interface Unparsed {
  _data: { id?: string };
}
const isUnparsed = (value: unknown): value is Unparsed =>
  (value as object | undefined)?.constructor?.name === "UnparsedObject";

describe("the official client against the simulator", () => {
  it("reads every rule; only the one with an unknown type is an UnparsedObject", async () => {
    const api = new v2.SecurityMonitoringApi(configuration);
    const rules: unknown[] = [];
    for (let page = 0; ; page++) {
      const response = await api.listSecurityMonitoringRules({ pageSize: 100, pageNumber: page });
      rules.push(...(response.data ?? []));
      if ((response.data ?? []).length < 100) break;
    }
    expect(rules).toHaveLength(sim.org.rules.length);
    const unparsed = rules.filter(isUnparsed);
    expect(unparsed.map((rule) => rule._data.id)).toEqual([sim.org.unparsedRuleId]);
    const parsed = rules.filter((rule) => !isUnparsed(rule)) as v2.SecurityMonitoringStandardRuleResponse[];
    expect(parsed.filter((rule) => rule.isEnabled === false).length).toBeGreaterThan(0);
    expect(
      parsed.every(
        (rule) => typeof rule.id === "string" && typeof rule.isEnabled === "boolean" && Array.isArray(rule.tags),
      ),
    ).toBe(true);
    expect(parsed.some((rule) => rule instanceof v2.SecurityMonitoringSignalRuleResponse)).toBe(true);
  });

  it("reads suppressions, notification rules and agent rules into their models", async () => {
    const api = new v2.SecurityMonitoringApi(configuration);
    const suppressions = await api.listSecurityMonitoringSuppressions({ pageSize: 100, pageNumber: 0 });
    expect(suppressions.data?.map((s) => s.attributes?.name)).toEqual(sim.org.suppressions.map((s) => s.name));
    expect(suppressions.meta?.page?.totalCount).toBe(11);
    const notifications = await api.getSignalNotificationRules();
    expect((notifications.data ?? []).map((r) => r.attributes.selectors.severities)).toContainEqual(["critical"]);
    const agentRules = await new v2.CSMThreatsApi(configuration).listCSMThreatsAgentRules();
    expect(agentRules.data?.[0]?.attributes?.productTags?.some((tag) => tag.startsWith("technique:"))).toBe(true);
  });

  it("reads hosts, CSM agents, dashboards, indexes and archives with their snake_case fields", async () => {
    const hosts = await new v1.HostsApi(configuration).listHosts({
      count: 1000,
      from: Math.floor(NOW.getTime() / 1000) - 7 * 86400,
    });
    expect(hosts.totalMatching).toBe(60);
    expect(hosts.hostList?.every((host) => typeof host.lastReportedTime === "number")).toBe(true);
    expect(hosts.hostList?.some((host) => host.meta?.agentVersion?.startsWith("7."))).toBe(true);
    const agents = await new v2.CSMAgentsApi(configuration).listAllCSMAgents({ page: 0, size: 100 });
    expect(agents.meta?.totalFiltered).toBe(57);
    expect(agents.data?.filter((agent) => agent.attributes?.isCwsEnabled === false).length).toBe(7);
    const dashboards = await new v1.DashboardsApi(configuration).listDashboards({ count: 100 });
    expect(dashboards.dashboards?.some((d) => d.title === "Security Overview – Cloud SIEM")).toBe(true);
    const indexes = await new v1.LogsIndexesApi(configuration).listLogIndexes();
    expect(indexes.indexes?.find((i) => i.name === "security")).toMatchObject({
      numRetentionDays: 90,
      numFlexLogsRetentionDays: 450,
    });
    const archives = await new v2.LogsArchivesApi(configuration).listLogsArchives();
    expect(archives.data?.map((a) => a.attributes?.state)).toEqual(["WORKING", "FAILING"]);
  });

  it("reads log volume buckets, signals with severity and workflow, and audit events", async () => {
    const aggregate = await new v2.LogsApi(configuration).aggregateLogs({
      body: {
        compute: [{ aggregation: "count", type: "timeseries", interval: "1d" }],
        filter: { from: "2026-09-01T00:00:00Z", to: "2026-09-08T00:00:00Z", query: "*", indexes: ["*"] },
        groupBy: [{ facet: "source", limit: 1000 }],
        options: { timezone: "UTC" },
      },
    });
    const cloudtrail = aggregate.data?.buckets?.find((b) => b.by?.source === "cloudtrail");
    // Seven days of the window and the spilled day before it.
    expect(cloudtrail?.computes?.c0).toHaveLength(8);
    const signals = await new v2.SecurityMonitoringApi(configuration).searchSecurityMonitoringSignals({
      body: {
        filter: { from: new Date("2026-09-01T00:00:00Z"), to: new Date("2026-09-30T23:59:59.999Z"), query: "*" },
        page: { limit: 1000 },
        sort: "timestamp",
      },
    });
    const first = signals.data?.[0];
    expect(first?.attributes?.timestamp).toBeInstanceOf(Date);
    expect(["info", "low", "medium", "high", "critical"]).toContain(first?.attributes?.additionalProperties?.status);
    const withWorkflow =
      signals.data?.filter((s) => s.attributes?.attributes?.workflow ?? s.attributes?.custom?.workflow) ?? [];
    expect(withWorkflow).toHaveLength(signals.data?.length ?? -1);
    expect(signals.data?.some((s) => s.attributes?.custom?.workflow)).toBe(true);
    expect(signals.meta?.page?.after).toBeTruthy();
    const audit = await new v2.AuditApi(configuration).searchAuditLogs({
      body: {
        filter: { query: "@asset.type:security_rule", from: "2026-07-01T00:00:00Z", to: "2026-09-30T23:59:59Z" },
        page: { limit: 1000 },
        sort: "timestamp",
      },
    });
    // The search spills a minute before the window and returns API-access events whatever the query.
    const ruleEvents = audit.data?.filter(
      (event) => (event.attributes?.attributes?.asset as { type?: string } | undefined)?.type === "security_rule",
    );
    expect(ruleEvents?.length).toBe(
      sim.org.countRuleChanges(
        new Date(Date.parse("2026-07-01T00:00:00Z") - WINDOW_SPILL_MS),
        new Date("2026-09-30T23:59:59.001Z"),
      ),
    );
  });

  it("accepts events and gzip-compressed metrics", async () => {
    const event = await new v1.EventsApi(configuration).createEvent({
      body: { title: "ddproof", text: "gap report", tags: ["ddproof"] },
    });
    expect(event.event?.idStr).toBe(String(event.event?.id));
    const accepted = await new v2.MetricsApi(configuration).submitMetrics({
      body: {
        series: [{ metric: "ddproof.controls.failing", type: 3, points: [{ timestamp: 1_794_744_000, value: 4 }] }],
      },
      contentEncoding: "gzip",
    });
    expect(accepted.errors).toEqual([]);
    expect(sim.received.series.at(-1)).toEqual({
      series: [{ metric: "ddproof.controls.failing", type: 3, points: [{ timestamp: 1_794_744_000, value: 4 }] }],
    });
  });

  it("turns unknown-enum into UnparsedObjects and, where a field is required, missing-field into a thrown call", async () => {
    const api = new v2.SecurityMonitoringApi(configuration);
    sim.setFaults("rules:unknown-enum");
    const page = await api.listSecurityMonitoringRules({ pageSize: 10, pageNumber: 0 });
    expect(isUnparsed(page.data?.[0])).toBe(true);
    // Only the first rule of the page was altered (the org's own unparsed rule may be on it too).
    expect(
      (page.data ?? [])
        .slice(1)
        .filter(isUnparsed)
        .every((rule) => rule._data.id === sim.org.unparsedRuleId),
    ).toBe(true);
    sim.setFaults("notification_rules:missing-field,rules:missing-field");
    await expect(api.getSignalNotificationRules()).rejects.toThrow("missing required property");
    const rules = await api.listSecurityMonitoringRules({ pageSize: 10, pageNumber: 0 });
    const first = rules.data?.[0] as v2.SecurityMonitoringStandardRuleResponse | undefined;
    expect(first).toBeDefined();
    expect(first?.isEnabled).toBeUndefined();
  });

  it("surfaces injected statuses as ApiException with Datadog's error body", async () => {
    sim.setFaults("log_archives:status=503");
    await expect(new v2.LogsArchivesApi(configuration).listLogsArchives()).rejects.toMatchObject({ code: 503 });
  });
});
