/**
 * Hosts and security agents collected from real recorded responses: the CSM
 * agents list joined with the hosts list, each snapshot field checked against
 * the wire. The two recordings come from different orgs and years, so no host
 * is in both: each side's fields are checked on its own hosts.
 */
import { describe, expect, it } from "vitest";
import { HOST_LOOKBACK_SECONDS } from "../../src/collectors/agents.js";
import { okData, useRecordedCollection, utcPeriod } from "../helpers/collect-recorded.js";
import { loadRecording, recordedItems } from "../helpers/recordings.js";
import { recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;
const NOW = new Date("2026-08-21T12:00:00Z");

describe("hosts and CSM agents", () => {
  const agentsRecording = loadRecording("csm-agents", "list");
  const hostsRecording = loadRecording("hosts", "list");
  const agents = recordedItems<Wire>(agentsRecording, "data");
  const hosts = recordedItems<Wire>(hostsRecording, "host_list");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(agentsRecording), recordedRoute(hostsRecording)],
    only: ["agents"],
    period: utcPeriod("2026-07-01", "2026-08-01"),
    now: NOW,
  }));

  it("asks each list once (both recorded pages are short) and is ok", () => {
    expect(run().parts.agents.status).toBe("ok");
    const asked = run()
      .requests.map((request) => [request.path, request.query])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(asked).toEqual([
      [
        "/api/v1/hosts",
        { start: "0", count: "1000", from: String(Math.floor(NOW.getTime() / 1000) - HOST_LOOKBACK_SECONDS) },
      ],
      ["/api/v2/csm/onboarding/agents", { page: "0", size: "100" }],
    ]);
  });

  it("keeps every host of either list, once", () => {
    const { hosts: joined } = okData(run().parts, "agents");
    const names = new Set([
      ...agents.map((agent) => (agent.attributes as Wire).hostname as string),
      ...hosts.map((host) => host.host_name as string),
    ]);
    expect(joined.map((host) => host.hostname)).toEqual([...names].sort());
    expect(joined).toHaveLength(agents.length + hosts.length);
  });

  it("reads agent_version, is_cws_enabled and is_cspm_enabled from the CSM agents list", () => {
    const { hosts: joined } = okData(run().parts, "agents");
    for (const agent of agents) {
      const a = agent.attributes as Wire;
      expect(joined.find((host) => host.hostname === a.hostname)).toEqual({
        hostname: a.hostname,
        agent_version: a.agent_version,
        cws_enabled: a.is_cws_enabled,
        cspm_enabled: a.is_cspm_enabled,
        last_reported_at: null,
        has_security_agent: true,
      });
    }
    expect(joined.find((host) => host.hostname === "comp-xctp773fw9")).toMatchObject({
      agent_version: "7.62.0-devel+git.319.c819811",
      cws_enabled: false,
      cspm_enabled: false,
    });
  });

  it("converts last_reported_time (epoch seconds) and reads meta.agent_version from the hosts list", () => {
    const { hosts: joined } = okData(run().parts, "agents");
    for (const host of hosts) {
      expect(joined.find((candidate) => candidate.hostname === host.host_name)).toEqual({
        hostname: host.host_name,
        agent_version: (host.meta as Wire).agent_version,
        cws_enabled: false,
        cspm_enabled: false,
        last_reported_at: new Date((host.last_reported_time as number) * 1000).toISOString(),
        has_security_agent: false,
      });
    }
    expect(joined.find((host) => host.hostname === "control-0")).toMatchObject({
      last_reported_at: "2022-01-11T13:07:57.000Z",
      agent_version: "7.32.4",
    });
  });
});
