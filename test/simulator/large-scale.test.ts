/**
 * The large demo org: big lists are materialised, signals never are. How fast
 * it is built, counts and serves, and the heap counting takes, are figures of
 * `npm run bench` (bench/simulator-child.ts), not limits of a unit test.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { getJson, NOW, postJson, Q3, type SearchPage, SIGNALS_PATH } from "./http.js";

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 1, scale: "large", now: NOW });
});
afterAll(async () => {
  await sim.close();
});

describe("large scale", () => {
  it("has at least 2,000 rules and 20,000 hosts", () => {
    expect(sim.org.rules.length).toBeGreaterThanOrEqual(2000);
    expect(sim.org.hosts.length).toBeGreaterThanOrEqual(20_000);
    expect(new Set(sim.org.hostnames).size).toBe(sim.org.hosts.length);
  });

  it("counts over a million signals in a quarter", () => {
    expect(sim.org.countSignals(Q3.from, Q3.to)).toBeGreaterThanOrEqual(1_000_000);
  });

  it("serves a full page of signals from anywhere in the quarter", async () => {
    const { status, json } = await postJson<SearchPage>(sim, SIGNALS_PATH, {
      filter: { from: "2026-08-20T00:00:00Z", to: "2026-08-27T00:00:00Z" },
      page: { limit: 1000 },
      sort: "-timestamp",
    });
    expect(status).toBe(200);
    expect(json.data).toHaveLength(1000);
    expect(json.meta.page?.after).toBeTruthy();
    expect(Date.parse(json.data[0]?.attributes.timestamp ?? "")).toBeLessThan(Date.parse("2026-08-27T00:00:00.001Z"));
  });

  it("pages 20,000 hosts by 1,000", async () => {
    const { json } = await getJson<{ host_list: unknown[]; total_matching: number; total_returned: number }>(
      sim,
      "/api/v1/hosts?count=1000&start=19000&from=0",
    );
    expect(json.total_matching).toBe(sim.org.hosts.length);
    expect(json.total_returned).toBe(sim.org.hosts.length - 19_000);
  });
});
