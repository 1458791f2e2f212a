/**
 * Hosts and their security agents: the CSM agents list (which hosts run the
 * security products) joined with the hosts list (when each host last
 * reported). A host in either list is kept; the join is by host name.
 */

import { pagesByNumber, pagesByOffset } from "../datadog/paging.js";
import type { AgentHost } from "../snapshot/schema.js";
import { type CollectorContext, defineCollector, requireValue } from "./context.js";
import { isoFromEpochSeconds } from "./timestamps.js";

/** API maxima: CSM agents page size 100; hosts `count` 1000. */
export const AGENTS_PAGE_SIZE = 100;
export const HOSTS_PAGE_SIZE = 1000;
/**
 * The hosts API lists only hosts seen in the last two hours unless asked for
 * more. A host that stopped reporting is exactly what coverage must see, so
 * ask for every host seen in the last week; older ones count as retired.
 */
export const HOST_LOOKBACK_SECONDS = 7 * 24 * 3600;

interface SecurityAgent {
  agentVersion: string | null;
  cws: boolean;
  cspm: boolean;
}

async function listSecurityAgents(ctx: CollectorContext): Promise<Map<string, SecurityAgent>> {
  const agents = new Map<string, SecurityAgent>();
  const pages = pagesByNumber(async (page, size) => {
    const result = await ctx.call((configuration) =>
      new ctx.dd.v2.CSMAgentsApi(configuration).listAllCSMAgents({ page, size }),
    );
    const value = requireValue(result, "v2 CSMAgentsApi.listAllCSMAgents");
    return value.data ?? [];
  }, AGENTS_PAGE_SIZE);
  for await (const page of pages) {
    for (const agent of page) {
      const attributes = agent.attributes;
      // Agents join hosts by name; an agent without one would leave its host looking unprotected.
      if (!attributes?.hostname)
        throw new Error(
          `Datadog listed a security agent without a host name (id ${agent.id ?? "unknown"}); agents cannot be matched to hosts`,
        );
      agents.set(attributes.hostname, {
        agentVersion: attributes.agentVersion ?? null,
        cws: attributes.isCwsEnabled === true,
        cspm: attributes.isCspmEnabled === true,
      });
    }
    ctx.progress(agents.size);
  }
  return agents;
}

interface ReportingHost {
  lastReportedAt: string | null;
  agentVersion: string | null;
}

async function listHosts(ctx: CollectorContext): Promise<Map<string, ReportingHost>> {
  const hosts = new Map<string, ReportingHost>();
  const pages = pagesByOffset(async (start, count) => {
    const result = await ctx.call((configuration) =>
      new ctx.dd.v1.HostsApi(configuration).listHosts({
        start,
        count,
        from: Math.floor(ctx.now.getTime() / 1000) - HOST_LOOKBACK_SECONDS,
      }),
    );
    const value = requireValue(result, "v1 HostsApi.listHosts");
    return value.hostList ?? [];
  }, HOSTS_PAGE_SIZE);
  for await (const page of pages) {
    for (const host of page) {
      const name = host.hostName ?? host.name;
      if (!name) continue;
      if (host.lastReportedTime === undefined)
        ctx.warn(`host ${name} has no last-reported time; it counts as not reporting`);
      hosts.set(name, {
        lastReportedAt: isoFromEpochSeconds(host.lastReportedTime),
        agentVersion: host.meta?.agentVersion ?? null,
      });
    }
    ctx.progress(hosts.size);
  }
  return hosts;
}

export const agentsCollector = defineCollector({
  id: "agents",
  async collect(ctx) {
    const [agents, hosts] = await Promise.all([listSecurityAgents(ctx), listHosts(ctx)]);
    const names = new Set([...agents.keys(), ...hosts.keys()]);
    const joined: AgentHost[] = [...names].sort().map((hostname) => {
      const agent = agents.get(hostname);
      const host = hosts.get(hostname);
      return {
        hostname,
        agent_version: agent?.agentVersion ?? host?.agentVersion ?? null,
        cws_enabled: agent?.cws ?? false,
        cspm_enabled: agent?.cspm ?? false,
        last_reported_at: host?.lastReportedAt ?? null,
        has_security_agent: agent !== undefined,
      };
    });
    return { hosts: joined };
  },
});
