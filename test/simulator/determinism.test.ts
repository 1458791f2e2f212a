/** Same seed and now, same organisation and same bytes on the wire; another seed, another org. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { buildOrg } from "../../src/simulator/org/demo-org.js";
import { KEYS, NOW, SIGNALS_PATH } from "./http.js";

const sims: RunningSimulator[] = [];
beforeAll(async () => {
  for (const seed of [5, 5, 6]) sims.push(await startSimulator({ seed, now: NOW }));
});
afterAll(async () => {
  await Promise.all(sims.map((sim) => sim.close()));
});

async function text(sim: RunningSimulator, path: string, body?: unknown): Promise<string> {
  const response = await fetch(
    `${sim.url}${path}`,
    body === undefined ? { headers: KEYS } : { method: "POST", headers: KEYS, body: JSON.stringify(body) },
  );
  return response.text();
}

const PATHS = [
  "/api/v2/security_monitoring/rules?page[size]=100&page[number]=1",
  "/api/v2/security_monitoring/configuration/suppressions",
  "/api/v2/remote_config/products/cws/agent_rules",
  "/api/v1/hosts?count=1000&from=0",
  "/api/v2/csm/onboarding/agents?size=100",
];
const SIGNALS = {
  filter: { from: "2026-08-01T00:00:00Z", to: "2026-08-03T00:00:00Z" },
  page: { limit: 1000 },
  sort: "timestamp",
};

describe("determinism", () => {
  it("builds the same org twice from the same seed and now", () => {
    const a = buildOrg(42, "small", NOW);
    const b = buildOrg(42, "small", NOW);
    expect(b.rules).toEqual(a.rules);
    expect(b.hosts).toEqual(a.hosts);
    expect(b.suppressions).toEqual(a.suppressions);
    expect(b.countSignals(new Date("2026-01-01T00:00:00Z"), NOW)).toBe(
      a.countSignals(new Date("2026-01-01T00:00:00Z"), NOW),
    );
  });

  it("serves byte-identical responses from two simulators with the same seed", async () => {
    const [a, b] = sims as [RunningSimulator, RunningSimulator, RunningSimulator];
    for (const path of PATHS) expect(await text(b, path)).toBe(await text(a, path));
    expect(await text(b, SIGNALS_PATH, SIGNALS)).toBe(await text(a, SIGNALS_PATH, SIGNALS));
  });

  it("serves another org for another seed", async () => {
    const [a, , c] = sims as [RunningSimulator, RunningSimulator, RunningSimulator];
    expect(c.org.rules.map((r) => r.id)).not.toEqual(a.org.rules.map((r) => r.id));
    expect(await text(c, SIGNALS_PATH, SIGNALS)).not.toBe(await text(a, SIGNALS_PATH, SIGNALS));
  });

  it("keeps the past fixed when now moves on: signals and log volumes depend on absolute time", () => {
    const earlier = buildOrg(5, "small", new Date("2026-10-15T00:00:00Z"));
    const later = buildOrg(5, "small", NOW);
    const from = new Date("2026-07-01T00:00:00Z");
    const to = new Date("2026-10-01T00:00:00Z");
    expect(later.countSignals(from, to)).toBe(earlier.countSignals(from, to));
    expect(later.countLogs("cloudtrail", from, to)).toBe(earlier.countLogs("cloudtrail", from, to));
    expect(later.rules.map((r) => r.id)).toEqual(earlier.rules.map((r) => r.id));
  });
});
