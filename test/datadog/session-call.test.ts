/**
 * A session's client configuration and calls, through the official client
 * against a real server on 127.0.0.1: the site picks the API host when no URL
 * is given, a 2xx body the client cannot deserialize comes back with its raw
 * JSON, and the limiter ignores an answer that does not announce a budget.
 */

import { getEventListeners } from "node:events";
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter, sleep } from "../../src/datadog/rate-limit.js";
import { DatadogSession } from "../../src/datadog/session.js";
import { listenLocally, stopServer } from "../helpers/local-server.js";

let server: Server | null = null;

afterEach(async () => {
  await stopServer(server);
  server = null;
});

async function serve(status: number, body: string): Promise<string> {
  server = createServer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(body);
  });
  return listenLocally(server);
}

const KEYS = { apiKey: "session0test0api0key", appKey: "session0test0app0key" };
const POLICY = { maxRetries: 0, timeoutMs: 10_000 };

describe("a session's configuration", () => {
  it("sends requests to the API host of the site when no URL is given", async () => {
    const session = await DatadogSession.open({ ...KEYS, site: "datadoghq.eu", apiUrl: null });
    const configuration = session.configuration({ requests: 0, retries: 0 });
    const url = configuration
      .getServer("v1.AuthenticationApi.validate")
      .makeRequestContext("/api/v1/validate", session.dd.client.HttpMethod.GET)
      .getUrl();
    expect(url).toBe("https://api.datadoghq.eu/api/v1/validate");
  });

  it("sends requests to the given URL", async () => {
    const session = await DatadogSession.open({ ...KEYS, site: "datadoghq.eu", apiUrl: "http://127.0.0.1:8126" });
    const url = session
      .configuration({ requests: 0, retries: 0 })
      .getServer("v1.AuthenticationApi.validate")
      .makeRequestContext("/api/v1/validate", session.dd.client.HttpMethod.GET)
      .getUrl();
    expect(url).toBe("http://127.0.0.1:8126/api/v1/validate");
  });
});

describe("a session's calls", () => {
  it("returns a 2xx body the client cannot deserialize with its raw JSON and the error", async () => {
    const apiUrl = await serve(200, '{"valid":"not a boolean"}');
    const session = await DatadogSession.open({ ...KEYS, site: "datadoghq.com", apiUrl }, { policy: POLICY });
    const stats = { requests: 0, retries: 0 };
    const result = await session.call(stats, (configuration) =>
      new session.dd.v1.AuthenticationApi(configuration).validate(),
    );
    expect(result.value).toBeUndefined();
    expect(result.raw).toEqual({ valid: "not a boolean" });
    expect(result.deserializeError).toBeInstanceOf(TypeError);
    expect(stats).toEqual({ requests: 1, retries: 0 });
  });

  it("raises an HTTP error as the client's ApiException", async () => {
    const apiUrl = await serve(403, '{"errors":["Forbidden"]}');
    const session = await DatadogSession.open({ ...KEYS, site: "datadoghq.com", apiUrl }, { policy: POLICY });
    const failure = await session
      .call({ requests: 0, retries: 0 }, (configuration) =>
        new session.dd.v1.AuthenticationApi(configuration).validate(),
      )
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(session.dd.client.ApiException);
    expect(failure).toMatchObject({ code: 403 });
  });
});

describe("budgets that are not announced", () => {
  it.each([
    ["remaining", { limit: "5", period: "10", remaining: null, reset: "1" }],
    ["remaining", { limit: "5", period: "10", remaining: "", reset: "1" }],
    ["limit", { limit: null, period: "10", remaining: "0", reset: "1" }],
    ["reset", { limit: "5", period: "10", remaining: "0", reset: null }],
  ])("an answer without %s records nothing", (_missing, headers) => {
    const limiter = new RateLimiter(() => 1_000_000);
    limiter.release("k", headers);
    expect(limiter.state("k")).toBeUndefined();
  });
});

describe("waiting between attempts", () => {
  it("a wait that ends leaves no listener on the signal", async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });

  it("a wait cut short by an abort rejects with its reason and leaves no listener", async () => {
    const controller = new AbortController();
    const waiting = sleep(600_000, controller.signal);
    const reason = new Error("stop");
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(getEventListeners(controller.signal, "abort")).toHaveLength(0);
  });
});
