/**
 * Notifications obey the same redirect rule as collection: a Datadog event,
 * metrics and a Slack post whose endpoints redirect to another origin are
 * not sent there (a second server counts what reaches it: nothing), each
 * fails with the other origin named, and the webhook's path never appears.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunEntry } from "../../src/schedule/history-index.js";
import { sendNotifications } from "../../src/schedule/notify/index.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { captureLog } from "./job-fixtures.js";

const HOOK_PATH = "/services/T0/B0/n0tForAnyOtherHost0";
let sim: RunningSimulator;
let elsewhere: RunningSimulator;
let slack: Server;
let slackUrl: string;

beforeAll(async () => {
  elsewhere = await startSimulator();
  sim = await startSimulator({
    faults: `events_submit:redirect=${elsewhere.port},metrics_submit:redirect=${elsewhere.port}`,
  });
  // A webhook that sends its caller to another origin, path and all.
  slack = createServer((request, response) => {
    response.writeHead(308, { location: `${elsewhere.url}${request.url}` });
    response.end();
  });
  await new Promise<void>((resolve) => slack.listen(0, "127.0.0.1", resolve));
  slackUrl = `http://127.0.0.1:${(slack.address() as AddressInfo).port}${HOOK_PATH}`;
});
afterAll(async () => {
  slack.closeAllConnections();
  await new Promise<void>((resolve) => slack.close(() => resolve()));
  await sim.close();
  await elsewhere.close();
});

const RUN: RunEntry = {
  id: "2026-11-29T020000Z",
  status: "complete",
  trigger: "schedule",
  started_at: "2026-11-29T02:00:00.000Z",
  finished_at: "2026-11-29T02:00:09.000Z",
  period: { label: "last-24h", from: "2026-11-28T02:00:00Z", to: "2026-11-29T02:00:00Z", timezone: "UTC" },
  pack_dir: "2026-11-29T020000Z",
  missing_evidence: [],
  summary: {
    collected_at: "2026-11-29T02:00:00.500Z",
    frameworks: {
      "pci-dss-4.0.1": { pass: 1, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 },
    },
    attack: null,
    gaps: 0,
    new_gaps: 0,
    closed_gaps: 0,
    collect_seconds: 1,
    duration_seconds: 2,
  },
  error: null,
};

describe("notifications redirected to another origin", () => {
  it("the event, the metrics and the Slack post are not sent there; each fails naming the origin", async () => {
    const { log, records } = captureLog();
    const outcomes = await sendNotifications(
      { job: { name: "nightly", kind: "gap" }, run: RUN, changes: null, pack: "nightly/2026-11-29T020000Z" },
      { datadogEvent: true, datadogMetrics: true, slackWebhook: slackUrl },
      {
        target: { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: sim.url },
        log,
        signal: new AbortController().signal,
      },
    );
    const refused = `to another origin, ${elsewhere.url}, and was not followed`;
    expect(outcomes).toEqual([
      {
        target: "datadog-event",
        ok: false,
        error: `POST /api/v1/events: the server redirected (HTTP 307) ${refused}: keys and webhooks go only to the origin they were configured for`,
      },
      {
        target: "datadog-metrics",
        ok: false,
        error: `POST /api/v2/series: the server redirected (HTTP 307) ${refused}: keys and webhooks go only to the origin they were configured for`,
      },
      {
        target: "slack",
        ok: false,
        error: `the Slack webhook was not posted: the server redirected (HTTP 308) ${refused}: keys and webhooks go only to the origin they were configured for`,
      },
    ]);
    expect(elsewhere.requests).toEqual([]);
    expect(elsewhere.received).toEqual({ events: [], series: [] });
    expect(JSON.stringify(records)).not.toContain(HOOK_PATH);
    expect(JSON.stringify(records)).not.toContain(TEST_API_KEY);
  });
});
