/**
 * GET /api/v2/csm/onboarding/agents (v2 CSMAgentsApi.listAllCSMAgents):
 * hosts running the Datadog agent and which security products they run.
 * Paging by `page` index (from 0) and `size` (default 10, at most 100);
 * `query` accepts `hostname:<name>` (wildcards allowed).
 */
import type { DemoHost } from "../org/hosts.js";
import { hashKey } from "../prng.js";
import { matchesQuery, parseSearchQuery } from "../search-query.js";
import { BadRequest, type Endpoint, type Json, ok } from "./endpoint.js";
import { deleteFromFirstItem, intParam, setOnFirstItem } from "./params.js";

const INSTALL_TOOL: Readonly<Record<string, string>> = { linux: "install_script_agent7", windows: "windows_msi" };

function wireAgent(host: DemoHost, seed: number): Json {
  const kubernetes = host.service === "kubernetes";
  return {
    id: hashKey(seed, "csm-agent", host.hostname).toString(16).padStart(8, "0") + host.id.toString(16),
    type: "datadog_agent",
    attributes: {
      hostname: host.hostname,
      host_id: host.id,
      agent_version: host.agentVersion,
      datadog_agent: hashKey(seed, "agent-key", host.hostname).toString(16).padStart(8, "0"),
      os: host.os,
      envs: [`env:${host.env}`],
      cluster_name: kubernetes ? [`${host.env}-${host.cloud}-cluster`] : [],
      install_method_tool: kubernetes ? "helm" : (INSTALL_TOOL[host.os] ?? "install_script_agent7"),
      install_method_installer_version: kubernetes ? "datadog-3.69.0" : "install_script_agent7-1.32.3",
      is_cws_enabled: host.cwsEnabled,
      is_cspm_enabled: host.cspmEnabled,
      is_csm_vm_hosts_enabled: host.cspmEnabled,
      is_csm_vm_containers_enabled: kubernetes && host.cspmEnabled,
      is_remote_configuration_enabled: true,
      is_cws_remote_configuration_enabled: host.cwsEnabled,
    },
  };
}

export const csmAgentsEndpoint: Endpoint = {
  id: "csm_agents",
  method: "GET",
  path: "/api/v2/csm/onboarding/agents",
  needsAppKey: true,
  handle({ query, org }) {
    const page = intParam(query, "page", 0, 0, 1_000_000);
    const size = intParam(query, "size", 10, 0, 100);
    const direction = query.get("order_direction") ?? "asc";
    if (direction !== "asc" && direction !== "desc")
      throw new BadRequest(`order_direction: expected asc or desc, got "${direction}"`);
    const filter = parseSearchQuery(query.get("query") ?? "");
    const agents = org.hosts
      .filter((h) => h.agentVersion !== null)
      .filter((h) => matchesQuery(filter, (key) => (key === "hostname" || key === "" ? [h.hostname] : [])))
      .sort((a, b) => (direction === "asc" ? 1 : -1) * a.hostname.localeCompare(b.hostname));
    return ok({
      data: agents.slice(page * size, (page + 1) * size).map((h) => wireAgent(h, org.seed)),
      meta: { page_index: page, page_size: size, total_filtered: agents.length },
    });
  },
  injectUnknownEnum: (body) => setOnFirstItem(body.data, "type", "agentless_scanner"),
  dropRequiredField: (body) => deleteFromFirstItem(body.data, "attributes.hostname"),
};
