/**
 * The agents collector's join of the CSM agents list with the hosts list,
 * field by field, on bodies shaped like the recorded ones
 * (csm-agents/list.json, hosts/list.json) holding what those recordings do
 * not: a host in both lists, fields left out, a host named only by `name`,
 * and full pages. Real collectors, the official client, HTTP on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { AGENTS_PAGE_SIZE, HOSTS_PAGE_SIZE } from "../../src/collectors/agents.js";
import { collectRecorded, okData, utcPeriod } from "../helpers/collect-recorded.js";
import { type WirePage, wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const AGENTS_PATH = "/api/v2/csm/onboarding/agents";
const HOSTS_PATH = "/api/v1/hosts";

function agent(hostname: string | undefined, attributes: Record<string, unknown> = {}) {
  return { id: `agent-${hostname ?? "none"}`, type: "datadog_agent", attributes: { hostname, ...attributes } };
}

async function collectAgents(agentPages: WirePage[], hostPages: WirePage[]) {
  const run = await collectRecorded({
    routes: [wireRoute("GET", AGENTS_PATH, agentPages), wireRoute("GET", HOSTS_PATH, hostPages)],
    only: ["agents"],
    period: utcPeriod("2026-07-01", "2026-08-01"),
    now: NOW,
  });
  await run.dispose();
  return run;
}

describe("the agents collector's join", () => {
  it("joins a host in both lists by name, the agent's version first, and fills what either list leaves out", async () => {
    const run = await collectAgents(
      [
        {
          body: {
            data: [
              agent("web-1", { agent_version: "7.60.0", is_cws_enabled: true, is_cspm_enabled: false }),
              agent("web-2", { is_cspm_enabled: true }),
              agent("web-3", {}),
            ],
          },
        },
      ],
      [
        {
          body: {
            host_list: [
              { host_name: "web-1", last_reported_time: 1755777600, meta: { agent_version: "7.59.1" } },
              { host_name: "web-2", last_reported_time: 1755774000, meta: { agent_version: "7.58.0" } },
              { name: "legacy-1", last_reported_time: 1755770400 },
              { meta: { agent_version: "7.1.0" } },
              { host_name: "silent-1", meta: { agent_version: "6.9.0" } },
            ],
          },
        },
      ],
    );
    expect(okData(run.parts, "agents").hosts).toEqual([
      {
        hostname: "legacy-1",
        agent_version: null,
        cws_enabled: false,
        cspm_enabled: false,
        last_reported_at: "2025-08-21T10:00:00.000Z",
        has_security_agent: false,
      },
      {
        hostname: "silent-1",
        agent_version: "6.9.0",
        cws_enabled: false,
        cspm_enabled: false,
        last_reported_at: null,
        has_security_agent: false,
      },
      {
        hostname: "web-1",
        agent_version: "7.60.0",
        cws_enabled: true,
        cspm_enabled: false,
        last_reported_at: "2025-08-21T12:00:00.000Z",
        has_security_agent: true,
      },
      {
        hostname: "web-2",
        agent_version: "7.58.0",
        cws_enabled: false,
        cspm_enabled: true,
        last_reported_at: "2025-08-21T11:00:00.000Z",
        has_security_agent: true,
      },
      {
        hostname: "web-3",
        agent_version: null,
        cws_enabled: false,
        cspm_enabled: false,
        last_reported_at: null,
        has_security_agent: true,
      },
    ]);
    expect(run.parts.agents.warnings).toEqual(["host silent-1 has no last-reported time; it counts as not reporting"]);
  });

  it("fails, naming the agent, when a security agent has no host name", async () => {
    const run = await collectAgents(
      [{ body: { data: [agent("web-1", {}), { id: "f30878", type: "datadog_agent", attributes: { hostname: "" } }] } }],
      [{ body: { host_list: [] } }],
    );
    expect(run.parts.agents).toMatchObject({
      status: "error",
      error: "Datadog listed a security agent without a host name (id f30878); agents cannot be matched to hosts",
    });
  });

  it("fails the same way for an agent listed without attributes", async () => {
    const run = await collectAgents(
      [{ body: { data: [{ id: "d66d3b", type: "datadog_agent" }] } }],
      [{ body: { host_list: [] } }],
    );
    expect(run.parts.agents).toMatchObject({
      status: "error",
      error: "Datadog listed a security agent without a host name (id d66d3b); agents cannot be matched to hosts",
    });
  });

  it("says 'unknown' for an agent with neither a host name nor an id", async () => {
    const run = await collectAgents(
      [{ body: { data: [{ type: "datadog_agent", attributes: { agent_version: "7.1.0" } }] } }],
      [{ body: { host_list: [] } }],
    );
    expect(run.parts.agents).toMatchObject({
      status: "error",
      error: "Datadog listed a security agent without a host name (id unknown); agents cannot be matched to hosts",
    });
  });

  it("asks the next page of each list after a full one, and keeps every host once", async () => {
    const agents = Array.from({ length: AGENTS_PAGE_SIZE }, (_, index) => agent(`a-${String(index).padStart(4, "0")}`));
    const hosts = Array.from({ length: HOSTS_PAGE_SIZE }, (_, index) => ({
      host_name: `h-${String(index).padStart(4, "0")}`,
      last_reported_time: 1755777600,
    }));
    const run = await collectAgents(
      [{ body: { data: agents } }, { body: { data: [agent("a-last")] } }],
      [
        { body: { host_list: hosts } },
        { body: { host_list: [{ host_name: "h-last", last_reported_time: 1755777600 }] } },
      ],
    );
    const asked = (path: string) =>
      run.requests.filter((request) => request.path === path).map((request) => request.query);
    expect(asked(AGENTS_PATH)).toEqual([
      { page: "0", size: "100" },
      { page: "1", size: "100" },
    ]);
    const from = String(Math.floor(NOW.getTime() / 1000) - 7 * 24 * 3600);
    expect(asked(HOSTS_PATH)).toEqual([
      { start: "0", count: "1000", from },
      { start: "1000", count: "1000", from },
    ]);
    const joined = okData(run.parts, "agents").hosts;
    expect(joined).toHaveLength(AGENTS_PAGE_SIZE + HOSTS_PAGE_SIZE + 2);
    expect(joined.filter((host) => host.has_security_agent)).toHaveLength(AGENTS_PAGE_SIZE + 1);
    expect(joined.map((host) => host.hostname).slice(0, 2)).toEqual(["a-0000", "a-0001"]);
    expect(joined.at(-1)?.hostname).toBe("h-last");
    expect(run.parts.agents.warnings).toEqual([]);
  });
});
