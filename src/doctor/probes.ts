/**
 * The smallest request each collector's endpoints accept: one item per page,
 * a 15-minute window for searches, so `ddproof doctor` learns whether an
 * endpoint answers without reading the org. Keyed by collector, so a new
 * collector does not compile without its probes; a test checks that these
 * are the operations the collectors really call.
 */
import type { DatadogConfiguration, DatadogModule } from "../datadog/session.js";
import type { CollectorId } from "../snapshot/schema.js";

export interface ProbeApi {
  dd: DatadogModule;
  configuration: DatadogConfiguration;
  /** The response processor to hand the API class for `method` (it skips deserialization). */
  processor(method: string): never;
  now: Date;
}

export interface Probe {
  /** The operation in Datadog's spec, and its row in contracts/datadog/permissions.json. */
  readonly operationId: string;
  send(api: ProbeApi): Promise<unknown>;
}

const WINDOW_MS = 15 * 60 * 1000;

function window(now: Date): { from: Date; to: Date } {
  return { from: new Date(now.getTime() - WINDOW_MS), to: now };
}

const NOTIFICATION_RULES_PROBE: Probe = {
  operationId: "GetSignalNotificationRules",
  send: ({ dd, configuration, processor }) =>
    new dd.v2.SecurityMonitoringApi(
      configuration,
      undefined,
      processor("getSignalNotificationRules"),
    ).getSignalNotificationRules(),
};

export const PROBES: { readonly [K in CollectorId]: readonly Probe[] } = {
  rules: [
    {
      operationId: "ListSecurityMonitoringRules",
      send: ({ dd, configuration, processor }) =>
        new dd.v2.SecurityMonitoringApi(
          configuration,
          undefined,
          processor("listSecurityMonitoringRules"),
        ).listSecurityMonitoringRules({ pageSize: 1, pageNumber: 0 }),
    },
  ],
  suppressions: [
    {
      operationId: "ListSecurityMonitoringSuppressions",
      send: ({ dd, configuration, processor }) =>
        new dd.v2.SecurityMonitoringApi(
          configuration,
          undefined,
          processor("listSecurityMonitoringSuppressions"),
        ).listSecurityMonitoringSuppressions({ pageSize: 1, pageNumber: 0 }),
    },
  ],
  agent_rules: [
    {
      // Not paged: the whole (short) list is the smallest answer.
      operationId: "ListCSMThreatsAgentRules",
      send: ({ dd, configuration, processor }) =>
        new dd.v2.CSMThreatsApi(
          configuration,
          undefined,
          processor("listCSMThreatsAgentRules"),
        ).listCSMThreatsAgentRules({}),
    },
  ],
  notification_rules: [NOTIFICATION_RULES_PROBE],
  dashboards: [
    {
      operationId: "ListDashboards",
      send: ({ dd, configuration, processor }) =>
        new dd.v1.DashboardsApi(configuration, undefined, processor("listDashboards")).listDashboards({
          start: 0,
          count: 1,
        }),
    },
  ],
  log_sources: [
    {
      operationId: "AggregateLogs",
      send: ({ dd, configuration, processor, now }) => {
        const { from, to } = window(now);
        return new dd.v2.LogsApi(configuration, undefined, processor("aggregateLogs")).aggregateLogs({
          body: {
            compute: [{ aggregation: "count", type: "total" }],
            filter: { from: from.toISOString(), to: to.toISOString(), query: "*", indexes: ["*"] },
          },
        });
      },
    },
  ],
  log_indexes: [
    {
      operationId: "ListLogIndexes",
      send: ({ dd, configuration, processor }) =>
        new dd.v1.LogsIndexesApi(configuration, undefined, processor("listLogIndexes")).listLogIndexes(),
    },
  ],
  log_archives: [
    {
      operationId: "ListLogsArchives",
      send: ({ dd, configuration, processor }) =>
        new dd.v2.LogsArchivesApi(configuration, undefined, processor("listLogsArchives")).listLogsArchives(),
    },
  ],
  agents: [
    {
      operationId: "ListAllCSMAgents",
      send: ({ dd, configuration, processor }) =>
        new dd.v2.CSMAgentsApi(configuration, undefined, processor("listAllCSMAgents")).listAllCSMAgents({
          page: 0,
          size: 1,
        }),
    },
    {
      operationId: "ListHosts",
      send: ({ dd, configuration, processor }) =>
        new dd.v1.HostsApi(configuration, undefined, processor("listHosts")).listHosts({ start: 0, count: 1 }),
    },
  ],
  signals: [
    // The signals collector reads the notification rules too: routing is measured on the signals.
    NOTIFICATION_RULES_PROBE,
    {
      operationId: "SearchSecurityMonitoringSignals",
      send: ({ dd, configuration, processor, now }) =>
        new dd.v2.SecurityMonitoringApi(
          configuration,
          undefined,
          processor("searchSecurityMonitoringSignals"),
        ).searchSecurityMonitoringSignals({
          body: { filter: { ...window(now), query: "*" }, page: { limit: 1 } },
        }),
    },
  ],
  audit: [
    {
      operationId: "SearchAuditLogs",
      send: ({ dd, configuration, processor, now }) => {
        const { from, to } = window(now);
        return new dd.v2.AuditApi(configuration, undefined, processor("searchAuditLogs")).searchAuditLogs({
          body: { filter: { from: from.toISOString(), to: to.toISOString(), query: "*" }, page: { limit: 1 } },
        });
      },
    },
  ],
};

/** The API key check (needs no application key and no permission). */
export const VALIDATE_PROBE: Probe = {
  operationId: "Validate",
  send: ({ dd, configuration, processor }) =>
    new dd.v1.AuthenticationApi(configuration, undefined, processor("validate")).validate(),
};
