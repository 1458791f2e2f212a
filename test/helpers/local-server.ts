import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../src/datadog/bounded-body.js";
import type { RetryPolicy } from "../../src/datadog/resilient-fetch.js";

/** Starts `server` on 127.0.0.1 and gives its base URL (no trailing slash). */
export async function listenLocally(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Stops `server`, cutting any connection still open. */
export function stopServer(server: Server | null): Promise<void> {
  if (!server) return Promise.resolve();
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A retry policy for tests: no retries unless asked, short waits, and a
 * generous timeout so a busy machine cannot turn a slow answer into a retry.
 */
export function testPolicy(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  return {
    maxRetries: 0,
    baseDelayMs: 5,
    maxDelayMs: 100,
    timeoutMs: 10_000,
    maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    ...overrides,
  };
}

/** Answers the `attempt`-th request (from 1) the server has received. */
export type AttemptHandler = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

/**
 * One server at a time on 127.0.0.1 that numbers the requests it receives,
 * for tests of retries; call `stop` after each test.
 */
export function attemptServer(path = "/api/v2/thing") {
  let server: Server | null = null;
  return {
    async serve(handler: AttemptHandler): Promise<string> {
      let attempt = 0;
      server = createServer((request, response) => handler(request, response, ++attempt));
      return `${await listenLocally(server)}${path}`;
    },
    async stop(): Promise<void> {
      await stopServer(server);
      server = null;
    },
  };
}

/** A request's body: its JSON when it parses, its text otherwise, null when empty. */
export async function readRequestBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
