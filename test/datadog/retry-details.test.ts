/**
 * The details of ddproof's fetch a user relies on, against real servers on
 * 127.0.0.1: the exact waits chosen with jitter, what is parsed as JSON and
 * what is handed back untouched, bodiless answers, the budget recorded from
 * the headers, the wording of timeouts and network errors, and an abort from
 * the caller ending a request in flight.
 */

import { getEventListeners } from "node:events";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { ResponseTooLargeError } from "../../src/datadog/bounded-body.js";
import { RateLimiter } from "../../src/datadog/rate-limit.js";
import { RedirectRefusedError } from "../../src/datadog/redirects.js";
import { createResilientFetch, DatadogRequestError, type RetryPolicy } from "../../src/datadog/resilient-fetch.js";
import { closedPort } from "../helpers/closed-port.js";
import { type AttemptHandler, attemptServer, testPolicy } from "../helpers/local-server.js";

const local = attemptServer();
const serve = local.serve;

afterEach(() => local.stop());

const POLICY = testPolicy({ maxRetries: 1, baseDelayMs: 100, maxDelayMs: 30_000 });

/** A fetch whose jitter is fixed at `jitter` and whose waits are recorded, not slept. */
function client(policy: Partial<RetryPolicy> = {}, jitter = 0, signal?: AbortSignal) {
  const stats = { requests: 0, retries: 0 };
  const bodies: unknown[] = [];
  const waits: number[] = [];
  const limiter = new RateLimiter();
  const fetch = createResilientFetch({
    limiter,
    policy: { ...POLICY, ...policy },
    stats,
    onJson: (json) => bodies.push(json),
    random: () => jitter,
    sleep: async (ms: number) => void waits.push(ms),
    ...(signal ? { signal } : {}),
  });
  return { fetch, stats, bodies, waits, limiter };
}

function send(response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) {
  response.writeHead(status, headers);
  response.end(body);
}

/** A 429 carrying `reset` as X-RateLimit-Reset, then a 200. */
function tooManyThenOk(reset: string): AttemptHandler {
  return (_request, response, attempt) =>
    attempt === 1
      ? send(response, 429, "{}", { "content-type": "application/json", "x-ratelimit-reset": reset })
      : send(response, 200, "{}", { "content-type": "application/json" });
}

describe("waits between attempts, with jitter", () => {
  it("adds up to a quarter second of jitter to an announced reset", async () => {
    const url = await serve(tooManyThenOk("2"));
    const { fetch, waits } = client({}, 0.5);
    expect((await fetch(url)).status).toBe(200);
    expect(waits).toEqual([2125]);
  });

  it("draws an exponential wait between half the ceiling and the ceiling", async () => {
    const url = await serve((_request, response) => send(response, 503, "{}", { "content-type": "application/json" }));
    const { fetch, waits } = client({ maxRetries: 2 }, 0.5);
    expect((await fetch(url)).status).toBe(503);
    // Ceilings 100 and 200: half of each plus half of the other half.
    expect(waits).toEqual([75, 150]);
  });

  it("a reset of 0 means retry now, with only the jitter", async () => {
    const url = await serve(tooManyThenOk("0"));
    const { fetch, waits } = client({}, 0.5);
    expect((await fetch(url)).status).toBe(200);
    expect(waits).toEqual([125]);
  });

  it.each(["-1", "soon"])("a reset of %j is ignored: the wait is the exponential one", async (reset) => {
    const url = await serve(tooManyThenOk(reset));
    const { fetch, waits } = client({}, 0.5);
    expect((await fetch(url)).status).toBe(200);
    expect(waits).toEqual([75]);
  });
});

describe("what is parsed as JSON", () => {
  it("hands back a text answer untouched, without parsing it", async () => {
    const url = await serve((_request, response) =>
      send(response, 200, "plain words", { "content-type": "text/plain" }),
    );
    const { fetch, stats, bodies } = client();
    const response = await fetch(url);
    expect(await response.text()).toBe("plain words");
    expect(stats).toEqual({ requests: 1, retries: 0 });
    expect(bodies).toEqual([]);
  });

  it("treats an answer without a Content-Type as JSON", async () => {
    const url = await serve((_request, response) => send(response, 200, '{"data":[7]}'));
    const { fetch, bodies } = client();
    expect(await (await fetch(url)).json()).toEqual({ data: [7] });
    expect(bodies).toEqual([{ data: [7] }]);
  });

  it("accepts an empty JSON answer as it is", async () => {
    const url = await serve((_request, response) => send(response, 200, "", { "content-type": "application/json" }));
    const { fetch, stats, bodies } = client();
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("");
    expect(stats).toEqual({ requests: 1, retries: 0 });
    expect(bodies).toEqual([]);
  });

  it("hands a 404 back to the client as it came, without parsing it", async () => {
    const url = await serve((_request, response) =>
      send(response, 404, "<html>not found</html>", { "content-type": "application/json" }),
    );
    const { fetch, stats, bodies } = client();
    const response = await fetch(url);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("<html>not found</html>");
    expect(stats).toEqual({ requests: 1, retries: 0 });
    expect(bodies).toEqual([]);
  });

  it("does not hand a 404's JSON to the salvage hook", async () => {
    const url = await serve((_request, response) =>
      send(response, 404, '{"errors":["Not found"]}', { "content-type": "application/json" }),
    );
    const { fetch, bodies } = client();
    expect((await fetch(url)).status).toBe(404);
    expect(bodies).toEqual([]);
  });

  it.each([204, 304])("hands back HTTP %i with no body, first time", async (status) => {
    const url = await serve((_request, response) => send(response, status, ""));
    const { fetch, stats } = client();
    const response = await fetch(url);
    expect(response.status).toBe(status);
    expect(response.body).toBeNull();
    expect(stats).toEqual({ requests: 1, retries: 0 });
  });
});

describe("budget, errors and aborts", () => {
  it("records the budget the answer announced, and releases the request", async () => {
    const url = await serve((_request, response) =>
      send(response, 200, "{}", {
        "content-type": "application/json",
        "x-ratelimit-limit": "10",
        "x-ratelimit-period": "60",
        "x-ratelimit-remaining": "7",
        "x-ratelimit-reset": "30",
      }),
    );
    const { fetch, limiter } = client();
    await fetch(url);
    expect(limiter.state("GET /api/v2/thing")).toMatchObject({ limit: 10, periodSeconds: 60, remaining: 7 });
  });

  it("names a timeout of a second or more in seconds", async () => {
    const url = await serve(() => {
      /* never answers */
    });
    const { fetch } = client({ maxRetries: 0, timeoutMs: 1000 });
    await expect(fetch(url)).rejects.toThrow(
      new DatadogRequestError("GET /api/v2/thing: no complete answer within 1 s after 1 attempts"),
    );
  });

  it("names the cause of a network error", async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/api/v2/thing`;
    const { fetch } = client({ maxRetries: 0 });
    await expect(fetch(url)).rejects.toThrow(
      new DatadogRequestError(
        `GET /api/v2/thing: a network error (connect ECONNREFUSED 127.0.0.1:${port}) after 1 attempts`,
      ),
    );
  });

  it("ends a request in flight when the caller aborts, with the caller's reason", async () => {
    let arrived: () => void = () => {};
    const arrival = new Promise<void>((resolve) => (arrived = resolve));
    const url = await serve(() => arrived());
    const controller = new AbortController();
    // The timeout is far away: only the caller's abort can end this request.
    const { fetch, stats } = client({ timeoutMs: 600_000 }, 0, controller.signal);
    const pending = fetch(url).catch((error: unknown) => error);
    await arrival;
    const reason = new Error("collection stopped");
    controller.abort(reason);
    expect(await pending).toBe(reason);
    expect(stats).toEqual({ requests: 1, retries: 0 });
  });

  it("sends nothing for a caller whose signal was aborted before the request, and says why", async () => {
    let arrivals = 0;
    const url = await serve((_request, response) => {
      arrivals += 1;
      send(response, 200, "{}", { "content-type": "application/json" });
    });
    const reason = new Error("stopped before collecting");
    const { fetch, stats } = client({}, 0, AbortSignal.abort(reason));
    expect(await fetch(url).catch((error: unknown) => error)).toBe(reason);
    expect([arrivals, stats.requests]).toEqual([0, 0]);
  });

  it("leaves no listener on the caller's signal once a request is done", async () => {
    const url = await serve((_request, response) => send(response, 200, "{}", { "content-type": "application/json" }));
    const controller = new AbortController();
    const { fetch } = client({}, 0, controller.signal);
    expect((await fetch(url)).status).toBe(200);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("the errors carry their own names", () => {
    expect(new DatadogRequestError("x").name).toBe("DatadogRequestError");
    expect(new ResponseTooLargeError("x").name).toBe("ResponseTooLargeError");
    expect(new RedirectRefusedError("x").name).toBe("RedirectRefusedError");
  });
});
