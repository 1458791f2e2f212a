/**
 * Collectors under the simulator's injected faults: retries recover what
 * they can; what they cannot becomes `status: error`, never empty data.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/collectors/run.js";
import { resolvePeriod } from "../../src/config/period.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { type CollectorId, Snapshot } from "../../src/snapshot/schema.js";
import { useSimulator } from "../helpers/simulator.js";

const NOW = new Date("2026-11-15T12:00:00Z");
const period = resolvePeriod("2026-09", "UTC", NOW);
const context = useSimulator({ now: NOW });
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-faults-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  context.sim.setFaults("");
});

async function collect(faults: string, only: CollectorId[], maxRetries = 2) {
  context.sim.setFaults(faults);
  const session = await DatadogSession.open(context.target(), {
    policy: { baseDelayMs: 5, maxDelayMs: 1500, maxRetries, timeoutMs: 3000 },
  });
  return collectSnapshot({ session, period, now: NOW, populationDir: dir, only });
}

describe("collectors under faults", () => {
  it("recovers from a 429 followed by success, honouring the reset", async () => {
    const snapshot = await collect("rules:status=429@1", ["rules"]);
    const rules = snapshot.collectors.rules;
    expect(rules.status).toBe("ok");
    expect(rules.retries).toBeGreaterThanOrEqual(1);
  });

  it("marks only the failing collector as error on a persistent 500, and the snapshot stays valid", async () => {
    const snapshot = await collect("hosts:status=500", ["agents", "rules", "dashboards"]);
    expect(snapshot.collectors.agents).toMatchObject({ status: "error", error: expect.stringContaining("HTTP 500") });
    // One CSM agents page, then the hosts call: the first attempt and two retries.
    expect(snapshot.collectors.agents.requests).toBe(1 + 3);
    expect(snapshot.collectors.rules.status).toBe("ok");
    expect(snapshot.collectors.dashboards.status).toBe("ok");
    expect(snapshot.complete).toBe(false);
    expect(Snapshot.safeParse(snapshot).success).toBe(true);
  });

  it("records collectors that were not run as errors, never as empty", async () => {
    const snapshot = await collect("", ["dashboards"]);
    expect(snapshot.collectors.rules).toMatchObject({ status: "error", error: "not collected in this run" });
    expect(snapshot.complete).toBe(false);
  });

  it("fails the signals collector cleanly when the cursor fails halfway, leaving no population file", async () => {
    const snapshot = await collect("signals:fail-after=1", ["signals"], 1);
    expect(snapshot.collectors.signals.status).toBe("error");
    expect(await readdir(dir)).toEqual([]);
  });

  it("keeps rules the client cannot deserialize (unknown enum values), flagged", async () => {
    const snapshot = await collect("rules:unknown-enum", ["rules"]);
    const part = snapshot.collectors.rules;
    if (part.status !== "ok") throw new Error(part.error);
    expect(part.data.rules.length).toBe(context.sim.org.rules.length);
    expect(part.data.rules.filter((rule) => rule.unparsed).length).toBeGreaterThan(1);
  });

  it("keeps the rest of a page when one rule lacks a required field", async () => {
    const snapshot = await collect("rules:missing-field", ["rules"]);
    const part = snapshot.collectors.rules;
    if (part.status !== "ok") throw new Error(part.error);
    expect(part.data.rules.length).toBeGreaterThanOrEqual(context.sim.org.rules.length - 3);
    expect(part.data.rules.some((rule) => rule.unparsed)).toBe(true);
  });

  it("retries a malformed body, then reports it", async () => {
    const snapshot = await collect("suppressions:malformed", ["suppressions"], 1);
    expect(snapshot.collectors.suppressions).toMatchObject({
      status: "error",
      error: expect.stringContaining("not valid JSON"),
    });
    expect(snapshot.collectors.suppressions.requests).toBe(2);
  });

  it("retries a connection cut mid-body", async () => {
    const snapshot = await collect("log_indexes:cut@1", ["log_indexes"]);
    expect(snapshot.collectors.log_indexes).toMatchObject({ status: "ok", retries: 1 });
  });
});
