/**
 * GET /api/v1/hosts (v1 HostsApi.listHosts): offset paging with `start` and
 * `count` (default 100, at most 1000); `total_matching` / `total_returned`.
 * As documented, only hosts that reported within the past 3 hours are listed
 * unless `from` (epoch seconds) asks for older ones, and none silent for more
 * than 7 days (retention): a reader that wants stale hosts must pass `from`.
 * `filter` matches host names (substring) or tags.
 */
import { type DemoHost, HOST_LIVE_WINDOW_MS, HOST_RETENTION_MS } from "../org/hosts.js";
import { BadRequest, type Endpoint, type Json, ok } from "./endpoint.js";
import { deleteFromFirstItem, intParam } from "./params.js";

function hostTags(host: DemoHost): string[] {
  return [`env:${host.env}`, `service:${host.service}`, `cloud_provider:${host.cloud}`, `os:${host.os}`];
}

function wireHost(host: DemoHost): Json {
  const agent = host.agentVersion !== null;
  const reportedSeconds = Math.floor(host.lastReportedAt / 1000);
  return {
    name: host.hostname,
    host_name: host.hostname,
    id: host.id,
    aliases: [host.hostname],
    apps: agent ? ["agent", "ntp", "system"] : [host.cloud],
    sources: agent ? ["agent", host.cloud] : [host.cloud],
    is_muted: false,
    last_reported_time: reportedSeconds,
    up: !host.stale,
    meta: agent
      ? {
          agent_version: host.agentVersion,
          platform: host.os,
          machine: host.platform,
          processor: host.os === "windows" ? "Intel(R) Xeon(R) Platinum 8375C" : "AMD EPYC 7R13 Processor",
          cpuCores: 4,
          "socket-hostname": host.hostname,
          "socket-fqdn": host.hostname,
          install_method: {
            tool: host.service === "kubernetes" ? "helm" : "install_script",
            tool_version: "install_script",
            installer_version: "1.32.3",
          },
        }
      : {},
    metrics: agent ? { cpu: 12.5, iowait: 0.4, load: 0.8 } : {},
    tags_by_source: { ...(agent ? { Datadog: [`host:${host.hostname}`] } : {}), [host.cloud]: hostTags(host) },
  };
}

export const hostsEndpoint: Endpoint = {
  id: "hosts",
  method: "GET",
  path: "/api/v1/hosts",
  needsAppKey: true,
  handle({ query, org }) {
    const count = intParam(query, "count", 100, 0, 1000);
    const start = intParam(query, "start", 0, 0, 10_000_000);
    const nowSeconds = Math.floor(org.now.getTime() / 1000);
    const fromSeconds = intParam(query, "from", nowSeconds - HOST_LIVE_WINDOW_MS / 1000, 0, Number.MAX_SAFE_INTEGER);
    const filter = (query.get("filter") ?? "").toLowerCase();
    const sortField = query.get("sort_field") ?? "name";
    if (sortField !== "name" && sortField !== "last_reported_time") {
      throw new BadRequest(`sort_field: the simulator sorts by name or last_reported_time, got "${sortField}"`);
    }
    const direction = query.get("sort_dir") === "desc" ? -1 : 1;
    const since = Math.max(fromSeconds * 1000, org.now.getTime() - HOST_RETENTION_MS);
    const matching = org.hosts
      .filter((h) => h.lastReportedAt >= since)
      .filter((h) => filter === "" || h.hostname.toLowerCase().includes(filter) || hostTags(h).includes(filter))
      .sort(
        (a, b) =>
          direction *
          (sortField === "name" ? a.hostname.localeCompare(b.hostname) : a.lastReportedAt - b.lastReportedAt),
      );
    const page = matching.slice(start, start + count);
    return ok({ host_list: page.map(wireHost), total_matching: matching.length, total_returned: page.length });
  },
  dropRequiredField: (body) => deleteFromFirstItem(body.host_list, "last_reported_time"),
};
