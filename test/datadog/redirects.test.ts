/**
 * ddproof's fetch against real servers on 127.0.0.1 that redirect: keys
 * never reach another origin (a second server counts what arrives), a
 * same-origin redirect is followed a few times at most, and the error names
 * the endpoint and the other origin without path, query or key.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../src/datadog/bounded-body.js";
import { RateLimiter } from "../../src/datadog/rate-limit.js";
import { MAX_REDIRECTS } from "../../src/datadog/redirects.js";
import { createResilientFetch, DatadogRequestError } from "../../src/datadog/resilient-fetch.js";

const API_KEY = "redirect0test0api0key0c0ffee0ba11";

interface Counting {
  url: string;
  seen: Array<{ method: string; path: string; apiKey: boolean; body: string }>;
}

const servers: Server[] = [];

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<Counting> {
  const seen: Counting["seen"] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      seen.push({
        method: request.method ?? "",
        path: request.url ?? "",
        apiKey: request.headers["dd-api-key"] !== undefined,
        body,
      });
      handler(request, response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map(
      (server) =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    ),
  );
});

function client() {
  const stats = { requests: 0, retries: 0 };
  const fetch = createResilientFetch({
    limiter: new RateLimiter(),
    policy: {
      maxRetries: 3,
      baseDelayMs: 5,
      maxDelayMs: 100,
      timeoutMs: 2_000,
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    },
    stats,
    random: () => 0,
  });
  return { fetch, stats };
}

function redirect(response: ServerResponse, status: number, location: string): void {
  response.writeHead(status, { location, "content-type": "text/plain" });
  response.end("moved");
}

function ok(response: ServerResponse): void {
  response.writeHead(200, { "content-type": "application/json" });
  response.end('{"data":[]}');
}

const headers = { "DD-API-KEY": API_KEY, "Content-Type": "application/json" };

describe("redirects on requests that carry keys", () => {
  it.each([301, 302, 303, 307, 308])(
    "HTTP %i to another port: refused at once, nothing reaches the other origin",
    async (status) => {
      const elsewhere = await serve((_request, response) => ok(response));
      const origin = await serve((_request, response) =>
        redirect(response, status, `${elsewhere.url}/steal?api_key=${API_KEY}`),
      );
      const { fetch, stats } = client();
      const failure = await fetch(`${origin.url}/api/v2/security_monitoring/rules?page[size]=100`, { headers }).catch(
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DatadogRequestError);
      const message = (failure as Error).message;
      expect(message).toBe(
        `GET /api/v2/security_monitoring/rules: the server redirected (HTTP ${status}) to another origin, ${elsewhere.url}, and was not followed: keys and webhooks go only to the origin they were configured for`,
      );
      expect(message).not.toContain(API_KEY);
      expect(message).not.toContain("steal");
      expect(elsewhere.seen).toEqual([]);
      // Not retried: the same request would be redirected again.
      expect(stats).toEqual({ requests: 1, retries: 0 });
    },
  );

  it("a change of scheme alone (http to https on the same host and port) is another origin", async () => {
    const origin = await serve((request, response) =>
      redirect(response, 308, `https://127.0.0.1:${new URL(origin.url).port}${request.url}`),
    );
    const { fetch } = client();
    await expect(fetch(`${origin.url}/api/v1/hosts`, { headers })).rejects.toThrow(
      /to another origin, https:\/\/127\.0\.0\.1:\d+,/,
    );
    expect(origin.seen).toHaveLength(1);
  });

  it("a same-origin redirect is followed, with the keys, method and body of a 307", async () => {
    const origin = await serve((request, response) =>
      request.url === "/old" ? redirect(response, 307, "/new?x=1") : ok(response),
    );
    const { fetch } = client();
    const response = await fetch(`${origin.url}/old`, { method: "POST", headers, body: '{"q":1}' });
    expect(response.status).toBe(200);
    expect(origin.seen).toEqual([
      { method: "POST", path: "/old", apiKey: true, body: '{"q":1}' },
      { method: "POST", path: "/new?x=1", apiKey: true, body: '{"q":1}' },
    ]);
  });

  it("a same-origin 303 turns a POST into a GET without a body", async () => {
    const origin = await serve((request, response) =>
      request.url === "/submit" ? redirect(response, 303, "/status") : ok(response),
    );
    const { fetch } = client();
    expect((await fetch(`${origin.url}/submit`, { method: "POST", headers, body: '{"q":1}' })).status).toBe(200);
    expect(origin.seen.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      { method: "POST", path: "/submit", body: '{"q":1}' },
      { method: "GET", path: "/status", body: "" },
    ]);
  });

  it(`a same-origin redirect loop is given up after ${MAX_REDIRECTS} redirects`, async () => {
    let hop = 0;
    const origin = await serve((_request, response) => {
      hop += 1;
      redirect(response, 302, `/hop-${hop}`);
    });
    const { fetch, stats } = client();
    await expect(fetch(`${origin.url}/api/v1/hosts`, { headers })).rejects.toThrow(
      `GET /api/v1/hosts: the server redirected more than ${MAX_REDIRECTS} times`,
    );
    expect(origin.seen).toHaveLength(MAX_REDIRECTS + 1);
    expect(stats.requests).toBe(1);
  });

  it("a redirect without a Location is an error, not a silent empty answer", async () => {
    const origin = await serve((_request, response) => {
      response.writeHead(302);
      response.end();
    });
    const { fetch } = client();
    await expect(fetch(`${origin.url}/api/v1/hosts`, { headers })).rejects.toThrow(
      "GET /api/v1/hosts: the server answered HTTP 302 without a Location",
    );
  });
});
