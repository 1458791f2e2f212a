/**
 * A fleet of simulated orgs: the profiles differ as intended, measured from
 * each simulator's own endpoints over 127.0.0.1; every simulator keeps its own
 * rate-limit windows; ports are consecutive, and one that cannot be had is
 * named with nothing left running.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATADOG_SITES } from "../../src/config/sites.js";
import { OrgName } from "../../src/fleet/org-name.js";
import {
  fleetProfiles,
  MAX_FLEET_ORGS,
  ORG_PROFILES,
  type RunningFleet,
  startFleetSimulators,
} from "../../src/simulator/fleet.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { AGGREGATE_PATH, getJson, KEYS, NOW, postJson } from "./http.js";
import { consecutiveFreePorts, holdPort, isFree } from "./ports.js";

const RULES_PAGE = "/api/v2/security_monitoring/rules?page[size]=100";
const DAY_MS = 86_400_000;

async function enabledRules(sim: RunningSimulator): Promise<number> {
  let enabled = 0;
  for (let page = 0; ; page++) {
    const { status, json } = await getJson<{ data: Array<{ isEnabled: boolean }> }>(
      sim,
      `${RULES_PAGE}&page[number]=${page}`,
    );
    expect(status).toBe(200);
    enabled += json.data.filter((rule) => rule.isEnabled).length;
    if (json.data.length < 100) return enabled;
  }
}

/** Log sources with any log in the week before now, as the logs aggregate endpoint groups them. */
async function ingestingSources(sim: RunningSimulator): Promise<string[]> {
  const { status, json } = await postJson<{ data: { buckets: Array<{ by: { source: string } }> } }>(
    sim,
    AGGREGATE_PATH,
    {
      compute: [{ aggregation: "count", type: "total" }],
      filter: { from: new Date(NOW.getTime() - 7 * DAY_MS).toISOString(), to: NOW.toISOString(), query: "*" },
      group_by: [{ facet: "source", limit: 100 }],
    },
  );
  expect(status).toBe(200);
  return json.data.buckets.map((bucket) => bucket.by.source).sort();
}

async function agentProducts(sim: RunningSimulator): Promise<{ agents: number; cws: number; cspm: number }> {
  const counts = { agents: 0, cws: 0, cspm: 0 };
  for (let page = 0; ; page++) {
    const { status, json } = await getJson<{
      data: Array<{ attributes: { is_cws_enabled: boolean; is_cspm_enabled: boolean } }>;
    }>(sim, `/api/v2/csm/onboarding/agents?size=100&page=${page}`);
    expect(status).toBe(200);
    counts.agents += json.data.length;
    counts.cws += json.data.filter((agent) => agent.attributes.is_cws_enabled).length;
    counts.cspm += json.data.filter((agent) => agent.attributes.is_cspm_enabled).length;
    if (json.data.length < 100) return counts;
  }
}

describe("the fleet profiles", () => {
  it("cycles us, eu, degraded, then the same shapes with numbered names and other seeds", () => {
    const orgs = fleetProfiles(7);
    expect(orgs.map((org) => org.name)).toEqual(["us", "eu", "degraded", "us-2", "eu-2", "degraded-2", "us-3"]);
    expect(new Set(orgs.map((org) => org.seed)).size).toBe(7);
    expect(orgs[3]?.shape).toEqual(orgs[0]?.shape);
    expect(orgs[5]?.faults).toBe(orgs[2]?.faults);
  });

  it("gives every org of the largest fleet a valid org name and a real Datadog site", () => {
    for (const org of fleetProfiles(MAX_FLEET_ORGS)) {
      expect(OrgName.safeParse(org.name).success, org.name).toBe(true);
      expect(DATADOG_SITES, org.name).toContain(org.site);
    }
    expect(ORG_PROFILES.map((profile) => [profile.name, profile.site])).toEqual([
      ["us", "datadoghq.com"],
      ["eu", "datadoghq.eu"],
      ["degraded", "us3.datadoghq.com"],
    ]);
  });

  it("refuses a fleet size out of range", () => {
    expect(() => fleetProfiles(0)).toThrow(`orgs: expected a whole number from 1 to ${MAX_FLEET_ORGS}, got 0`);
    expect(() => fleetProfiles(MAX_FLEET_ORGS + 1)).toThrow(`got ${MAX_FLEET_ORGS + 1}`);
  });
});

describe("a fleet of three simulated orgs", () => {
  let fleet: RunningFleet;
  let demo: RunningSimulator;
  const org = (name: string) => fleet.orgs.find((candidate) => candidate.name === name)!.simulator;

  beforeAll(async () => {
    fleet = await startFleetSimulators({ orgs: 3, now: NOW });
    demo = await startSimulator({ seed: 1, now: NOW });
  });
  afterAll(async () => {
    await fleet?.close();
    await demo?.close();
  });

  it("names each org with its profile, site and own URL on 127.0.0.1", () => {
    expect(fleet.orgs.map((o) => [o.name, o.site, o.profile.name])).toEqual([
      ["us", "datadoghq.com", "us"],
      ["eu", "datadoghq.eu", "eu"],
      ["degraded", "us3.datadoghq.com", "degraded"],
    ]);
    for (const o of fleet.orgs) expect(o.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(new Set(fleet.orgs.map((o) => o.url)).size).toBe(3);
  });

  it("serves the demo org itself as us, byte for byte", async () => {
    for (const path of [`${RULES_PAGE}&page[number]=1`, "/api/v1/hosts?count=1000&from=0"]) {
      const [fromFleet, fromDemo] = await Promise.all(
        [org("us"), demo].map(async (sim) => (await fetch(`${sim.url}${path}`, { headers: KEYS })).text()),
      );
      expect(fromFleet).toBe(fromDemo);
    }
  });

  it("disables more rules in eu than in us", async () => {
    const us = await enabledRules(org("us"));
    const eu = await enabledRules(org("eu"));
    expect(us).toBe(org("us").org.rules.filter((rule) => rule.enabled).length);
    // 300 rules each: about 85% enabled in us, about 60% in eu.
    expect(us).toBeGreaterThan(230);
    expect(eu).toBeLessThan(210);
  });

  it("ingests fewer log sources in eu: its silenced sources send nothing, and send in us", async () => {
    const silenced = ORG_PROFILES[1]!.shape.silentSources!;
    const us = await ingestingSources(org("us"));
    const eu = await ingestingSources(org("eu"));
    expect(silenced.length).toBeGreaterThan(0);
    for (const source of silenced) {
      expect(us).toContain(source);
      expect(eu).not.toContain(source);
    }
    expect(eu.length).toBeLessThanOrEqual(us.length - silenced.length);
  });

  it("runs CWS and CSPM on fewer agents in eu", async () => {
    const us = await agentProducts(org("us"));
    const eu = await agentProducts(org("eu"));
    expect(us.agents).toBe(eu.agents);
    expect(eu.cws).toBeLessThan(us.cws);
    expect(eu.cspm).toBeLessThan(us.cspm);
    expect(eu.cspm / eu.agents).toBeLessThan(0.35);
  });

  it("answers the degraded org's hosts endpoint with its fault, and only there", async () => {
    const hosts = await getJson(org("degraded"), "/api/v1/hosts");
    expect(hosts.status).toBe(403);
    expect(hosts.json).toEqual({ errors: ["Forbidden"] });
    expect((await getJson(org("degraded"), RULES_PAGE)).status).toBe(200);
    expect((await getJson(org("us"), "/api/v1/hosts")).status).toBe(200);
    expect((await getJson(org("eu"), "/api/v1/hosts")).status).toBe(200);
  });
});

describe("rate limits in a fleet", () => {
  let fleet: RunningFleet;
  let standalone: RunningSimulator;
  beforeAll(async () => {
    fleet = await startFleetSimulators({
      orgs: 2,
      now: NOW,
      rateLimits: { dashboards: { limit: 2, periodSeconds: 60 } },
    });
    standalone = await startSimulator({ seed: 1, now: NOW });
  });
  afterAll(async () => {
    await fleet?.close();
    await standalone?.close();
  });

  it("announces and enforces each org's own limits: spending one org's budget leaves the other's whole", async () => {
    const [us, eu] = fleet.orgs.map((o) => o.simulator) as [RunningSimulator, RunningSimulator];
    expect((await getJson(us, "/api/v1/dashboard")).headers.get("x-ratelimit-remaining")).toBe("1");
    expect((await getJson(us, "/api/v1/dashboard")).headers.get("x-ratelimit-remaining")).toBe("0");
    const refused = await getJson(us, "/api/v1/dashboard");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("x-ratelimit-limit")).toBe("2");

    const other = await getJson(eu, "/api/v1/dashboard");
    expect(other.status).toBe(200);
    expect(other.headers.get("x-ratelimit-limit")).toBe("2");
    expect(other.headers.get("x-ratelimit-remaining")).toBe("1");
    expect(other.headers.get("x-ratelimit-name")).toBe("dashboards_list");
    // The fleet's override stayed with the fleet: a simulator started beside it has the default.
    expect((await getJson(standalone, "/api/v1/dashboard")).headers.get("x-ratelimit-limit")).toBe("100");
  });
});

describe("fleet ports", () => {
  it("puts org i on basePort + i", async () => {
    const base = await consecutiveFreePorts(3);
    const fleet = await startFleetSimulators({ orgs: 3, basePort: base, now: NOW });
    try {
      expect(fleet.orgs.map((o) => o.simulator.port)).toEqual([base, base + 1, base + 2]);
    } finally {
      await fleet.close();
    }
    expect(await isFree(base)).toBe(true);
  });

  it("names the port it cannot have, and leaves nothing it started listening", async () => {
    const base = await consecutiveFreePorts(3);
    const release = await holdPort(base + 1);
    try {
      await expect(startFleetSimulators({ orgs: 3, basePort: base, now: NOW })).rejects.toThrow(
        `cannot start org "eu" on 127.0.0.1:${base + 1}: listen EADDRINUSE`,
      );
      expect(await isFree(base)).toBe(true);
    } finally {
      await release();
    }
  });

  it("refuses a range past the last port, and two orgs of one name", async () => {
    await expect(startFleetSimulators({ orgs: 3, basePort: 65534 })).rejects.toThrow(
      "3 orgs from port 65534 need ports 65534–65536, and 65536 is past 65535",
    );
    const [us] = fleetProfiles(1);
    await expect(startFleetSimulators({ orgs: [us!, us!] })).rejects.toThrow('orgs: the name "us" is used twice');
  });
});
