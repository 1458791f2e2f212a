/**
 * The endpoints the simulator answers, one id each. The ids name endpoints in
 * fault specs, rate-limit overrides and the request log.
 */
export const ENDPOINT_IDS = [
  "rules",
  "suppressions",
  "agent_rules",
  "notification_rules",
  "dashboards",
  "logs_aggregate",
  "log_indexes",
  "log_archives",
  "csm_agents",
  "hosts",
  "signals",
  "audit",
  "events_submit",
  "metrics_submit",
  "validate",
] as const;

export type EndpointId = (typeof ENDPOINT_IDS)[number];

export function isEndpointId(value: string): value is EndpointId {
  return (ENDPOINT_IDS as readonly string[]).includes(value);
}
