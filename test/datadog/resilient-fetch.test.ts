import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../src/datadog/bounded-body.js";
import { RateLimiter } from "../../src/datadog/rate-limit.js";
import { createResilientFetch, DatadogRequestError, type RetryPolicy } from "../../src/datadog/resilient-fetch.js";
import { attemptServer } from "../helpers/local-server.js";

const local = attemptServer();
const serve = local.serve;

afterEach(() => local.stop());

// The timeout is generous: only the test about timeouts sets a short one, so a busy machine cannot turn a slow answer into a retry.
const FAST: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 5,
  maxDelayMs: 2000,
  timeoutMs: 10_000,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

/**
 * A fetch with no jitter. With `recordWaits`, the waits between attempts are
 * recorded and not slept, so a test asserts how long the fetch chose to wait
 * without a clock.
 */
function client(policy: Partial<RetryPolicy> = {}, recordWaits = false) {
  const stats = { requests: 0, retries: 0 };
  const bodies: unknown[] = [];
  const waits: number[] = [];
  const fetch = createResilientFetch({
    limiter: new RateLimiter(),
    policy: { ...FAST, ...policy },
    stats,
    onJson: (json) => bodies.push(json),
    random: () => 0,
    ...(recordWaits ? { sleep: async (ms: number) => void waits.push(ms) } : {}),
  });
  return { fetch, stats, bodies, waits };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  response.writeHead(status, { "content-type": "application/json", ...headers });
  response.end(JSON.stringify(body));
}

describe("resilient fetch", () => {
  it("retries a 429 after the announced reset, then succeeds", async () => {
    const times: number[] = [];
    const url = await serve((_request, response, attempt) => {
      times.push(Date.now());
      if (attempt === 1)
        json(
          response,
          429,
          { errors: ["Too many requests"] },
          {
            "x-ratelimit-limit": "10",
            "x-ratelimit-remaining": "0",
            "x-ratelimit-reset": "1",
            "x-ratelimit-period": "10",
          },
        );
      else json(response, 200, { data: [1, 2] });
    });
    const { fetch, stats, bodies } = client();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [1, 2] });
    expect(stats).toEqual({ requests: 2, retries: 1 });
    expect(bodies).toEqual([{ data: [1, 2] }]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(950);
  });

  it("waits the announced reset before retrying a 429 that does not say the budget is spent", async () => {
    // Without X-RateLimit-Remaining: 0 the limiter holds nothing back: only the retry's own wait honours the reset.
    const url = await serve((_request, response, attempt) => {
      if (attempt === 1) json(response, 429, { errors: ["Too many requests"] }, { "x-ratelimit-reset": "2" });
      else json(response, 200, { data: [] });
    });
    const { fetch, stats, waits } = client({ maxDelayMs: 30_000 }, true);
    expect((await fetch(url)).status).toBe(200);
    expect(stats).toEqual({ requests: 2, retries: 1 });
    expect(waits).toEqual([2000]);
  });

  it("backs off exponentially, within the cap, for errors that announce no reset", async () => {
    const url = await serve((_request, response) => json(response, 503, { errors: ["unavailable"] }));
    const { fetch, waits } = client({ baseDelayMs: 100, maxDelayMs: 300 }, true);
    expect((await fetch(url)).status).toBe(503);
    // No jitter: half of each ceiling (100, 200, then 400 capped at 300).
    expect(waits).toEqual([50, 100, 150]);
  });

  it("hands the last 5xx to the caller after the retries run out", async () => {
    const url = await serve((_request, response) => json(response, 503, { errors: ["unavailable"] }));
    const { fetch, stats } = client();
    const response = await fetch(url);
    expect(response.status).toBe(503);
    expect(stats).toEqual({ requests: 4, retries: 3 });
  });

  it("does not retry a 403", async () => {
    const url = await serve((_request, response) => json(response, 403, { errors: ["Forbidden"] }));
    const { fetch, stats } = client();
    expect((await fetch(url)).status).toBe(403);
    expect(stats.requests).toBe(1);
  });

  it("retries a body that is not JSON, then fails with a clear error", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"data": [');
    });
    const { fetch, stats } = client({ maxRetries: 2 });
    await expect(fetch(url)).rejects.toThrow(
      new DatadogRequestError("GET /api/v2/thing: a response body that is not valid JSON after 3 attempts"),
    );
    expect(stats.requests).toBe(3);
  });

  it("retries a connection cut in the middle of the body", async () => {
    const url = await serve((_request, response, attempt) => {
      if (attempt === 1) {
        response.writeHead(200, { "content-type": "application/json", "content-length": "100" });
        response.write('{"data": [1,');
        setTimeout(() => response.socket?.destroy(), 10);
      } else json(response, 200, { data: [] });
    });
    const { fetch, stats } = client();
    expect(await (await fetch(url)).json()).toEqual({ data: [] });
    expect(stats.retries).toBe(1);
  });

  it("times out a request that never answers, and stops after the retries", async () => {
    const url = await serve(() => {
      /* never answers */
    });
    // Were the timeout not applied, the fetch would never settle and the test would time out.
    const { fetch, stats } = client({ maxRetries: 1, timeoutMs: 100 });
    await expect(fetch(url)).rejects.toThrow(/GET \/api\/v2\/thing: no complete answer within 100 ms after 2 attempts/);
    expect(stats.requests).toBe(2);
  });

  it("caps the wait a server asks for", async () => {
    const url = await serve((_request, response, attempt) => {
      if (attempt === 1)
        json(
          response,
          429,
          {},
          { "x-ratelimit-limit": "1", "x-ratelimit-remaining": "0", "x-ratelimit-reset": "3600" },
        );
      else json(response, 200, { ok: true });
    });
    const { fetch, waits } = client({ maxDelayMs: 50 }, true);
    expect((await fetch(url)).status).toBe(200);
    expect(waits).toEqual([50]);
  });
});

describe("rate limiter", () => {
  it("holds requests while the announced budget is spent, until the window resets", async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    await limiter.acquire("GET /x");
    limiter.release("GET /x", { limit: "5", period: "10", remaining: "0", reset: "0.05" });
    expect(limiter.state("GET /x")).toMatchObject({ limit: 5, remaining: 0, periodSeconds: 10 });
    let acquired = false;
    const pending = limiter.acquire("GET /x").then(() => {
      acquired = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(acquired).toBe(false);
    now += 60;
    await pending;
    expect(acquired).toBe(true);
  });

  it("counts requests in flight against the remaining budget", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "2", period: "60", remaining: "1", reset: "60" });
    await limiter.acquire("k");
    let second = false;
    void limiter.acquire("k").then(() => (second = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(second).toBe(false);
  });
});

describe("rate limiter with answers out of order", () => {
  it("keeps the lower remaining budget of one window even when reset seconds differ", () => {
    let now = 5_000_000;
    const limiter = new RateLimiter(() => now);
    limiter.release("k", { limit: "300", period: "60", remaining: "10", reset: "38" });
    now += 20;
    // An older answer, overtaken, announcing more budget and a reset one second later.
    limiter.release("k", { limit: "300", period: "60", remaining: "12", reset: "39" });
    expect(limiter.state("k")?.remaining).toBe(10);
  });

  it("takes the new budget once the window has reset", () => {
    let now = 5_000_000;
    const limiter = new RateLimiter(() => now);
    limiter.release("k", { limit: "300", period: "60", remaining: "0", reset: "2" });
    now += 1000;
    limiter.release("k", { limit: "300", period: "60", remaining: "299", reset: "60" });
    expect(limiter.state("k")?.remaining).toBe(299);
  });
});

describe("rate limiter waits for an announced window longer than the retry cap", () => {
  it("holds a request until the window resets, not just for the caller's cap", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "5", period: "1", remaining: "0", reset: "1" });
    const started = Date.now();
    await limiter.acquire("k", undefined, 50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("still gives up on a reset far beyond the announced period", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "5", period: "1", remaining: "0", reset: "3600" });
    // Were the absurd reset honoured, this would wait an hour and the test would time out.
    await limiter.acquire("k", undefined, 50);
    expect(limiter.state("k")?.remaining).toBe(0);
  });
});
