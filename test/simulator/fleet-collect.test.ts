/**
 * The degraded profile through the real collectors and the official client:
 * its collection is incomplete because of its failing endpoint alone, and at
 * once (the 403 is not retried), while the us org beside it collects whole.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSnapshot } from "../../src/collectors/run.js";
import { resolvePeriod } from "../../src/config/period.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { type RunningFleet, startFleetSimulators } from "../../src/simulator/fleet.js";
import type { CollectorId } from "../../src/snapshot/schema.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { NOW } from "./http.js";

const period = resolvePeriod("2026-09", "UTC", NOW);
const ONLY: CollectorId[] = ["agents", "rules", "dashboards"];
let fleet: RunningFleet;

beforeAll(async () => {
  fleet = await startFleetSimulators({ orgs: 3, now: NOW });
});
afterAll(async () => {
  await fleet?.close();
});

async function collect(name: string) {
  const org = fleet.orgs.find((candidate) => candidate.name === name)!;
  const session = await DatadogSession.open({
    apiKey: TEST_API_KEY,
    appKey: TEST_APP_KEY,
    site: org.site,
    apiUrl: org.url,
  });
  return collectSnapshot({ session, period, now: NOW, populationDir: null, only: ONLY });
}

describe("collecting a fleet's orgs", () => {
  it("leaves the degraded org incomplete in its agents alone, after one hosts request", async () => {
    const snapshot = await collect("degraded");
    expect(snapshot.collectors.agents).toMatchObject({ status: "error", error: expect.stringContaining("HTTP 403") });
    expect(snapshot.collectors.rules.status).toBe("ok");
    expect(snapshot.collectors.dashboards.status).toBe("ok");
    const hostRequests = fleet.orgs[2]!.simulator.requests.filter((request) => request.endpoint === "hosts");
    expect(hostRequests.map((request) => request.status)).toEqual([403]);
  });

  it("collects the us org whole", async () => {
    const snapshot = await collect("us");
    for (const id of ONLY) expect(snapshot.collectors[id].status, id).toBe("ok");
  });
});
