/**
 * Which request follows a same-origin redirect, as a unit (`nextHop`) and over
 * real HTTP on 127.0.0.1: 303 always, and 301/302 after a POST, become a GET
 * without a body; every other redirect keeps its method and body; a blank or
 * unparsable Location is refused with the status named.
 */
import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { RateLimiter } from "../../src/datadog/rate-limit.js";
import { nextHop, RedirectRefusedError } from "../../src/datadog/redirects.js";
import { createResilientFetch } from "../../src/datadog/resilient-fetch.js";
import { listenLocally, stopServer, testPolicy } from "../helpers/local-server.js";

const FROM = "http://127.0.0.1:8126/api/v1/old?x=1";

describe("the next hop of a same-origin redirect", () => {
  it.each([
    [301, "GET", "GET", false],
    [302, "GET", "GET", false],
    [303, "GET", "GET", true],
    [307, "GET", "GET", false],
    [308, "GET", "GET", false],
    [301, "POST", "GET", true],
    [302, "POST", "GET", true],
    [303, "POST", "GET", true],
    [307, "POST", "POST", false],
    [308, "POST", "POST", false],
    [301, "PUT", "PUT", false],
    [302, "PATCH", "PATCH", false],
    [303, "PUT", "GET", true],
  ])("HTTP %i after a %s: sends a %s, dropping the body: %s", (status, method, next, dropBody) => {
    expect(nextHop(FROM, method, status, "/api/v1/new", 0)).toEqual({
      url: "http://127.0.0.1:8126/api/v1/new",
      method: next,
      dropBody,
    });
  });

  it.each(["", "   ", null])("a Location of %j is refused", (location) => {
    expect(() => nextHop(FROM, "GET", 302, location, 0)).toThrow(
      new RedirectRefusedError("the server answered HTTP 302 without a Location"),
    );
  });

  it("a Location that is not a URL is refused", () => {
    expect(() => nextHop(FROM, "GET", 301, "http://[not-a-host", 0)).toThrow(
      new RedirectRefusedError("the server answered HTTP 301 with a Location that is not a URL"),
    );
  });
});

let server: Server | null = null;

afterEach(async () => {
  await stopServer(server);
  server = null;
});

describe("a redirected request over HTTP", () => {
  it.each([301, 302])(
    "HTTP %i after a POST, whatever the method's case, arrives as a GET without a body",
    async (status) => {
      const seen: Array<{ method: string; path: string; body: string }> = [];
      server = createServer((request, response) => {
        let body = "";
        request.setEncoding("utf8").on("data", (chunk: string) => (body += chunk));
        request.on("end", () => {
          seen.push({ method: request.method ?? "", path: request.url ?? "", body });
          if (request.url === "/submit") response.writeHead(status, { location: "/result" }).end();
          else response.writeHead(200, { "content-type": "application/json" }).end("{}");
        });
      });
      const base = await listenLocally(server);
      const fetch = createResilientFetch({
        limiter: new RateLimiter(),
        policy: testPolicy(),
        stats: { requests: 0, retries: 0 },
      });
      expect((await fetch(`${base}/submit`, { method: "post", body: '{"q":1}' })).status).toBe(200);
      expect(seen).toEqual([
        { method: "POST", path: "/submit", body: '{"q":1}' },
        { method: "GET", path: "/result", body: "" },
      ]);
    },
  );
});
