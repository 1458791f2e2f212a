/**
 * The fastest any client could collect the simulator's org: for each
 * endpoint, the pages needed at the API's maximum page size, and the time the
 * announced fixed-window rate limit forces (a window's budget, then wait for
 * the next window), with one round trip of latency. Collectors run in
 * parallel, so the bound is the slowest endpoint's.
 */
import type { DemoOrg, EndpointId, SimulatorOptions } from "../src/simulator/index.js";
import { DEFAULT_RATE_LIMITS } from "../src/simulator/index.js";

/** Largest page each endpoint serves, as its API documents. */
export const MAX_PAGE: Partial<Record<EndpointId, number>> = {
  rules: 100,
  suppressions: 100,
  dashboards: 100,
  csm_agents: 100,
  hosts: 1000,
  signals: 1000,
  audit: 1000,
  logs_aggregate: 1000,
};

export interface EndpointBound {
  items: number;
  minPages: number;
  limit: number;
  periodSeconds: number;
  seconds: number;
}

export function lowerBound(
  org: DemoOrg,
  from: Date,
  to: Date,
  latencyMs: number,
  /** The simulator's overrides of the default limits, as given to startSimulator. */
  rateLimits: SimulatorOptions["rateLimits"] = {},
): { seconds: number; endpoints: Record<string, EndpointBound> } {
  const items: Partial<Record<EndpointId, number>> = {
    rules: org.rules.length,
    suppressions: org.suppressions.length,
    agent_rules: 1,
    notification_rules: 1,
    dashboards: org.dashboards.length,
    logs_aggregate: org.logSources.length,
    log_indexes: 1,
    log_archives: 1,
    csm_agents: org.agentHostnames.length,
    hosts: org.hostnames.length,
    signals: org.countSignals(from, to),
    audit: org.countRuleChanges(from, to),
  };
  const endpoints: Record<string, EndpointBound> = {};
  let seconds = 0;
  for (const [id, count] of Object.entries(items) as Array<[EndpointId, number]>) {
    const page = MAX_PAGE[id];
    const minPages = page ? Math.max(1, Math.ceil(count / page)) : 1;
    const { limit, periodSeconds } = rateLimits[id] ?? DEFAULT_RATE_LIMITS[id];
    const bound = Math.floor((minPages - 1) / limit) * periodSeconds + latencyMs / 1000;
    endpoints[id] = { items: count, minPages, limit, periodSeconds, seconds: bound };
    seconds = Math.max(seconds, bound);
  }
  return { seconds, endpoints };
}
