/**
 * Requests through a proxy named in the environment, against a proxy and a
 * server on 127.0.0.1: the password of every proxy variable (either case) is
 * redacted from the first request on, a request goes through the proxy, and an
 * origin served by this process (`sendDirectlyTo`) is reached directly.
 */
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendDirectlyTo } from "../../src/datadog/http-transport.js";
import { RateLimiter } from "../../src/datadog/rate-limit.js";
import { createResilientFetch, DatadogRequestError } from "../../src/datadog/resilient-fetch.js";
import { redactSecrets } from "../../src/secrets.js";
import { listenLocally, stopServer, testPolicy } from "../helpers/local-server.js";

const PASSWORDS = {
  HTTPS_PROXY: "upper0https0proxy0secret",
  https_proxy: "lower0https0proxy0secret",
  HTTP_PROXY: "upper0http0proxy@secret",
  http_proxy: "lower0http0proxy0secret",
};
const NAMES = Object.keys(PASSWORDS) as Array<keyof typeof PASSWORDS>;
const PROXY_NAMES = [...NAMES, "NO_PROXY", "no_proxy"];

let proxy: Server;
let target: Server;
let targetUrl: string;
const proxied: string[] = [];
const reached: string[] = [];
const savedEnv: Record<string, string | undefined> = {};

beforeAll(async () => {
  // A proxy that lets nothing through: reaching the target proves the request went around it.
  proxy = createServer((request, response) => {
    proxied.push(`${request.method} ${request.url}`);
    response.writeHead(502).end();
  });
  proxy.on("connect", (request, socket) => {
    proxied.push(`CONNECT ${request.url}`);
    socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
  });
  target = createServer((request, response) => {
    reached.push(request.url ?? "");
    response.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
  const proxyPort = new URL(await listenLocally(proxy)).port;
  targetUrl = `${await listenLocally(target)}/api/v1/validate`;
  for (const name of PROXY_NAMES) {
    savedEnv[name] = process.env[name];
    delete process.env[name];
  }
  for (const name of NAMES)
    process.env[name] = `http://ddproof:${encodeURIComponent(PASSWORDS[name])}@127.0.0.1:${proxyPort}`;
});

afterAll(async () => {
  for (const name of PROXY_NAMES) {
    if (savedEnv[name] === undefined) delete process.env[name];
    else process.env[name] = savedEnv[name];
  }
  await Promise.all([stopServer(proxy), stopServer(target)]);
});

function client() {
  return createResilientFetch({
    limiter: new RateLimiter(),
    policy: testPolicy(),
    stats: { requests: 0, retries: 0 },
  });
}

describe("a proxy from the environment", () => {
  it("carries the request, and every proxy password is redacted once a request is made", async () => {
    // The proxy refuses the tunnel, so the request fails; the target never sees it.
    await expect(client()(targetUrl)).rejects.toThrow(
      new DatadogRequestError("GET /api/v1/validate: a network error (Request was cancelled.) after 1 attempts"),
    );
    expect(proxied).toEqual([`CONNECT ${new URL(targetUrl).host}`]);
    expect(reached).toEqual([]);
    for (const name of NAMES) expect(redactSecrets(`password ${PASSWORDS[name]}`)).toBe("password [redacted]");
    // The password as written in the URL is redacted too.
    expect(redactSecrets("upper0http0proxy%40secret")).toBe("[redacted]");
  });

  it("is bypassed for an origin served by this process", async () => {
    sendDirectlyTo(targetUrl);
    const response = await client()(targetUrl);
    expect(response.status).toBe(200);
    expect(reached).toEqual(["/api/v1/validate"]);
    expect(proxied).toHaveLength(1);
  });
});
