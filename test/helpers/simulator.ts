/**
 * Starts the simulator for a test file and stops it afterwards. Every server
 * a test starts listens on 127.0.0.1 and is closed by the test.
 */
import { afterAll, beforeAll } from "vitest";
import type { DatadogTarget } from "../../src/datadog/credentials.js";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../src/simulator/index.js";

/** Keys the tests send; distinctive so a leak is easy to grep for. */
export const TEST_API_KEY = "ddproof0test0api0key0a1b2c3d4e5f6a7b8";
export const TEST_APP_KEY = "ddproof0test0app0key0f9e8d7c6b5a4f3e2d1c0b9a8";

export function useSimulator(options: SimulatorOptions = {}): {
  readonly sim: RunningSimulator;
  target(): DatadogTarget;
} {
  let sim: RunningSimulator | null = null;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 7, now: new Date("2026-11-15T12:00:00Z"), ...options });
  });
  afterAll(async () => {
    await sim?.close();
  });
  return {
    get sim() {
      if (!sim) throw new Error("simulator not started");
      return sim;
    },
    target() {
      return { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: this.sim.url };
    },
  };
}
