/**
 * A Slack webhook that accepts the connection and never answers must not
 * hold a run's notifications for long: the post gives up at its own 10 s
 * deadline (not undici's 300 s header timeout) with a reason and no URL.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/schedule/notify/contract.js";
import { slackTarget } from "../../src/schedule/notify/slack.js";

let silent: Server;
let url: string;

beforeAll(async () => {
  silent = createServer(() => {
    // Never answers.
  });
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/services/T0/B0/silentHookToken0`;
});
afterAll(async () => {
  silent.closeAllConnections();
  await new Promise<void>((resolve) => silent.close(() => resolve()));
});

const FAILED_RUN = {
  job: { name: "nightly", kind: "gap" },
  run: {
    id: "2026-11-29T020000Z",
    status: "failed",
    summary: null,
    period: null,
    error: "boom",
    finished_at: "2026-11-29T02:00:09.000Z",
  },
  changes: null,
  pack: null,
} as unknown as RunReport;

describe("a Slack webhook that never answers", () => {
  it("is given up after 10 s, saying so without the URL", async () => {
    const started = performance.now();
    const failure = await slackTarget
      .send(
        FAILED_RUN,
        { datadogEvent: false, datadogMetrics: false, slackWebhook: url },
        { signal: new AbortController().signal, session: () => Promise.reject(new Error("unused")) },
      )
      .then(
        () => null,
        (error: unknown) => error as Error,
      );
    const elapsed = performance.now() - started;
    expect(failure?.message).toBe("the Slack webhook could not be reached (ETIMEDOUT)");
    expect(elapsed).toBeGreaterThanOrEqual(9_900);
    expect(elapsed).toBeLessThan(12_000);
  }, 20_000);
});
