/**
 * The registry of endpoints, one module per endpoint id (a test checks that
 * the registry, the ids and the files agree).
 */
import type { EndpointId } from "../endpoint-ids.js";
import { agentRulesEndpoint } from "./agent-rules.js";
import { auditEndpoint } from "./audit.js";
import { csmAgentsEndpoint } from "./csm-agents.js";
import { dashboardsEndpoint } from "./dashboards.js";
import type { Endpoint } from "./endpoint.js";
import { eventsSubmitEndpoint } from "./events-submit.js";
import { hostsEndpoint } from "./hosts.js";
import { logArchivesEndpoint } from "./log-archives.js";
import { logIndexesEndpoint } from "./log-indexes.js";
import { logsAggregateEndpoint } from "./logs-aggregate.js";
import { metricsSubmitEndpoint } from "./metrics-submit.js";
import { notificationRulesEndpoint } from "./notification-rules.js";
import { rulesEndpoint } from "./rules.js";
import { signalsEndpoint } from "./signals.js";
import { suppressionsEndpoint } from "./suppressions.js";
import { validateEndpoint } from "./validate.js";

export const ENDPOINTS: Readonly<Record<EndpointId, Endpoint>> = {
  agent_rules: agentRulesEndpoint,
  audit: auditEndpoint,
  csm_agents: csmAgentsEndpoint,
  dashboards: dashboardsEndpoint,
  events_submit: eventsSubmitEndpoint,
  hosts: hostsEndpoint,
  log_archives: logArchivesEndpoint,
  log_indexes: logIndexesEndpoint,
  logs_aggregate: logsAggregateEndpoint,
  metrics_submit: metricsSubmitEndpoint,
  notification_rules: notificationRulesEndpoint,
  rules: rulesEndpoint,
  signals: signalsEndpoint,
  suppressions: suppressionsEndpoint,
  validate: validateEndpoint,
};

/** The endpoint serving a method and path, or null. */
export function routeRequest(method: string, pathname: string): Endpoint | null {
  return Object.values(ENDPOINTS).find((e) => e.method === method && e.path === pathname) ?? null;
}
