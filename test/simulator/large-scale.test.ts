/**
 * The large demo org: big lists are materialised, signals never are. Counting
 * a quarter of over a million signals is cheap, and serving a page only
 * generates that page.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSimulator, type RunningSimulator } from "../../src/simulator/index.js";
import { getJson, NOW, postJson, Q3, SIGNALS_PATH, type SearchPage } from "./http.js";

let sim: RunningSimulator;
let startMs: number;
let heapAfterStart: number;
beforeAll(async () => {
  const begin = performance.now();
  sim = await startSimulator({ seed: 1, scale: "large", now: NOW });
  startMs = performance.now() - begin;
  heapAfterStart = process.memoryUsage().heapUsed;
});
afterAll(async () => {
  await sim.close();
});

describe("large scale", () => {
  it("has at least 2,000 rules and 20,000 hosts, built in well under a few seconds", () => {
    expect(sim.org.rules.length).toBeGreaterThanOrEqual(2000);
    expect(sim.org.hosts.length).toBeGreaterThanOrEqual(20_000);
    expect(new Set(sim.org.hostnames).size).toBe(sim.org.hosts.length);
    expect(startMs).toBeLessThan(5000);
  });

  it("counts over a million signals in a quarter quickly, without materialising them", () => {
    const begin = performance.now();
    const total = sim.org.countSignals(Q3.from, Q3.to);
    const elapsed = performance.now() - begin;
    expect(total).toBeGreaterThanOrEqual(1_000_000);
    expect(elapsed).toBeLessThan(1000);
    // A million signal objects would take hundreds of MB; counting holds one number per hour.
    expect(process.memoryUsage().heapUsed - heapAfterStart).toBeLessThan(50 * 1024 * 1024);
  });

  it("serves a full page of signals from anywhere in the quarter", async () => {
    const begin = performance.now();
    const { status, json } = await postJson<SearchPage>(sim, SIGNALS_PATH, {
      filter: { from: "2026-08-20T00:00:00Z", to: "2026-08-27T00:00:00Z" },
      page: { limit: 1000 },
      sort: "-timestamp",
    });
    expect(status).toBe(200);
    expect(json.data).toHaveLength(1000);
    expect(json.meta.page?.after).toBeTruthy();
    expect(Date.parse(json.data[0]?.attributes.timestamp ?? "")).toBeLessThan(Date.parse("2026-08-27T00:00:00.001Z"));
    expect(performance.now() - begin).toBeLessThan(3000);
  });

  it("pages 20,000 hosts by 1,000", async () => {
    const { json } = await getJson<{ host_list: unknown[]; total_matching: number; total_returned: number }>(sim, "/api/v1/hosts?count=1000&start=19000&from=0");
    expect(json.total_matching).toBe(sim.org.hosts.length);
    expect(json.total_returned).toBe(sim.org.hosts.length - 19_000);
  });
});
