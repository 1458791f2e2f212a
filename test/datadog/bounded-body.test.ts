/**
 * ddproof's fetch reading answers that are too big, from real servers on
 * 127.0.0.1: a declared Content-Length over the limit fails before the body
 * is read, an undeclared body is counted as it streams and abandoned past the
 * limit, a gzip bomb is counted in decoded bytes, and a page just under the
 * limit is read whole. None of these is retried: the answer would not change.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { formatByteLimit } from "../../src/datadog/bounded-body.js";
import { LARGE_BODY_BYTES, LargeBodyGate } from "../../src/datadog/large-body-gate.js";
import { RateLimiter } from "../../src/datadog/rate-limit.js";
import { createResilientFetch, DatadogRequestError } from "../../src/datadog/resilient-fetch.js";

const LIMIT = 256 * 1024;
let server: Server | null = null;
let sentBytes = 0;

async function serve(handler: (request: IncomingMessage, response: ServerResponse) => void): Promise<string> {
  sentBytes = 0;
  server = createServer(handler);
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v2/logs/analytics/aggregate?x=1`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

function client() {
  const stats = { requests: 0, retries: 0 };
  const fetch = createResilientFetch({
    limiter: new RateLimiter(),
    policy: { maxRetries: 3, baseDelayMs: 5, maxDelayMs: 100, timeoutMs: 5_000, maxResponseBytes: LIMIT },
    stats,
    random: () => 0,
  });
  return { fetch, stats };
}

/** A JSON page of exactly `size` bytes. */
function page(size: number): Buffer {
  const head = '{"data":"';
  const tail = '"}';
  return Buffer.from(head + "x".repeat(size - head.length - tail.length) + tail);
}

/** Writes `chunk` until the client goes away, counting what went out. */
function endless(response: ServerResponse, chunk: Buffer): void {
  const pump = () => {
    while (!response.destroyed) {
      sentBytes += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
  };
  response.on("close", () => response.destroy());
  pump();
}

describe("a body over the limit", () => {
  it("formats the limit as it is given", () => {
    expect(formatByteLimit(16 * 1024 * 1024)).toBe("16 MiB");
    expect(formatByteLimit(512 * 1024)).toBe("0.5 MiB");
    expect(formatByteLimit(1000)).toBe("1000 bytes");
  });

  it("a Content-Length over the limit fails before the body is read", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json", "content-length": String(LIMIT * 1024) });
      endless(response, Buffer.alloc(64 * 1024, 0x20));
    });
    const { fetch, stats } = client();
    const failure = await fetch(url).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DatadogRequestError);
    expect((failure as Error).message).toBe(
      `GET /api/v2/logs/analytics/aggregate: the response declares ${LIMIT * 1024} bytes, over the 0.25 MiB limit on a response body`,
    );
    expect(stats).toEqual({ requests: 1, retries: 0 });
  });

  it("an endless body without a length is abandoned just past the limit", async () => {
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      endless(response, Buffer.alloc(16 * 1024, 0x20));
    });
    const { fetch, stats } = client();
    await expect(fetch(url)).rejects.toThrow(
      "GET /api/v2/logs/analytics/aggregate: the response body passed the 0.25 MiB limit and was abandoned",
    );
    expect(stats).toEqual({ requests: 1, retries: 0 });
    // The connection was closed: the server stopped soon after, within socket buffers of the limit.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const settled = sentBytes;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sentBytes).toBe(settled);
    expect(settled).toBeLessThan(LIMIT + 16 * 1024 * 1024);
  });

  it("a gzip bomb is counted in decoded bytes", async () => {
    // 64 MiB of spaces in about 64 KiB on the wire: far under the limit as sent.
    const bomb = gzipSync(Buffer.alloc(64 * 1024 * 1024, 0x20), { level: 9 });
    expect(bomb.length).toBeLessThan(LIMIT);
    const url = await serve((_request, response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "gzip",
        "content-length": String(bomb.length),
      });
      response.end(bomb);
    });
    const { fetch } = client();
    await expect(fetch(url, { headers: { "accept-encoding": "gzip" } })).rejects.toThrow(
      "the response body passed the 0.25 MiB limit and was abandoned",
    );
  });

  it("a page exactly at the limit, and a gzipped page just under it, are read whole", async () => {
    const exact = page(LIMIT);
    const zipped = gzipSync(page(LIMIT - 1));
    const url = await serve((request, response) => {
      const body = request.url!.includes("zipped") ? zipped : exact;
      response.writeHead(200, {
        "content-type": "application/json",
        ...(body === zipped ? { "content-encoding": "gzip" } : {}),
      });
      response.end(body);
    });
    const { fetch } = client();
    const first = await fetch(url);
    expect((await first.text()).length).toBe(LIMIT);
    const second = await fetch(url.replace("?x=1", "?zipped=1"));
    expect((await second.text()).length).toBe(LIMIT - 1);
  });
});

describe("one large body at a time", () => {
  it("a second holder waits for the first to release, in order", async () => {
    const gate = new LargeBodyGate();
    const order: string[] = [];
    await gate.acquire();
    const second = gate.acquire().then(() => order.push("second"));
    const third = gate.acquire().then(() => order.push("third"));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    gate.release();
    await second;
    expect(order).toEqual(["second"]);
    gate.release();
    await third;
    expect(order).toEqual(["second", "third"]);
  });

  it("a waiter whose request is abandoned leaves the queue with the abort's reason", async () => {
    const gate = new LargeBodyGate();
    await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    controller.abort(new Error("deadline"));
    await expect(waiting).rejects.toThrow("deadline");
    gate.release();
    // The gate is free again: the abandoned waiter did not keep a turn.
    await expect(
      Promise.race([
        gate.acquire(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("still held")), 100)),
      ]),
    ).resolves.toBeUndefined();
  });

  it(`bodies over ${LARGE_BODY_BYTES / 1024 / 1024} MiB read concurrently both complete, whole`, async () => {
    const size = LARGE_BODY_BYTES * 2;
    const url = await serve((_request, response) => {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(page(size));
    });
    const stats = { requests: 0, retries: 0 };
    const fetch = createResilientFetch({
      limiter: new RateLimiter(),
      policy: { maxRetries: 0, baseDelayMs: 5, maxDelayMs: 100, timeoutMs: 10_000, maxResponseBytes: size },
      stats,
    });
    const texts = await Promise.all([
      fetch(url).then((r) => r.text()),
      fetch(url).then((r) => r.text()),
      fetch(url).then((r) => r.text()),
    ]);
    expect(texts.map((text) => text.length)).toEqual([size, size, size]);
  });
});
