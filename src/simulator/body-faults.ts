/**
 * Answers that test a client's limits rather than its parsing: a redirect, a
 * page padded to any size, a body that never ends, a gzip bomb and a slow
 * drip. Each is written with backpressure and stops when the client goes
 * away or the simulator closes, so the simulator itself stays small.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { FaultPlan } from "./faults.js";

const CHUNK = Buffer.alloc(64 * 1024, 0x20);

export function hasBodyFault(plan: FaultPlan): boolean {
  return plan.redirectPort !== null || plan.padTo !== null || plan.endless || plan.gzipBomb || plan.dripMs !== null;
}

let bomb: Buffer | null = null;

/**
 * 1 GiB of spaces as 128 gzip members of 8 MiB each (a gzip stream may hold
 * several members; decoders read them all): about 1 MiB on the wire, made in
 * milliseconds.
 */
function gzipBomb(): Buffer {
  if (bomb === null) {
    const member = gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20), { level: 9 });
    bomb = Buffer.concat(Array.from({ length: 128 }, () => member));
  }
  return bomb;
}

/** Writes `remaining` bytes of spaces (Infinity: forever), pausing on backpressure, until done or closed. */
function pump(response: ServerResponse, remaining: number, closing: AbortSignal, done: () => void): void {
  const step = () => {
    while (!response.destroyed && !closing.aborted) {
      if (remaining <= 0) return done();
      const chunk = remaining >= CHUNK.length ? CHUNK : CHUNK.subarray(0, remaining);
      remaining -= chunk.length;
      if (!response.write(chunk)) return void response.once("drain", step);
    }
    response.destroy();
  };
  step();
}

function drip(response: ServerResponse, intervalMs: number, closing: AbortSignal): void {
  const timer = setInterval(() => {
    if (response.destroyed || closing.aborted) {
      clearInterval(timer);
      response.destroy();
    } else {
      response.write(" ");
    }
  }, intervalMs);
  response.once("close", () => clearInterval(timer));
}

/**
 * Writes the faulty answer for `body` (the page the endpoint produced, with
 * `status` and `headers`). Returns the status sent.
 */
export function writeBodyFault(
  request: IncomingMessage,
  response: ServerResponse,
  plan: FaultPlan,
  answer: { status: number; body: Buffer; headers: Record<string, string> },
  closing: AbortSignal,
): number {
  const { status, body, headers } = answer;
  if (plan.redirectPort !== null) {
    const scheme = (request.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
    const port = plan.redirectPort === 0 ? request.socket.localPort : plan.redirectPort;
    response.writeHead(307, { Location: `${scheme}://127.0.0.1:${port}${request.url ?? "/"}`, "Content-Length": "0" });
    response.end();
    return 307;
  }
  if (plan.gzipBomb) {
    const bytes = gzipBomb();
    response.writeHead(status, {
      "Content-Type": "application/json",
      "Content-Encoding": "gzip",
      "Content-Length": String(bytes.length),
      ...headers,
    });
    response.end(bytes);
    return status;
  }
  if (plan.endless || plan.dripMs !== null) {
    // No Content-Length: chunked, so the client cannot know the end is never coming.
    response.writeHead(status, { "Content-Type": "application/json", ...headers });
    response.write(body.subarray(0, Math.min(body.length, 1)));
    if (plan.dripMs !== null) drip(response, plan.dripMs, closing);
    else pump(response, Infinity, closing, () => response.end());
    return status;
  }
  // pad: the page, then whitespace up to the size asked for (valid JSON throughout).
  const size = Math.max(plan.padTo ?? 0, body.length);
  response.writeHead(status, { "Content-Type": "application/json", "Content-Length": String(size), ...headers });
  response.write(body);
  pump(response, size - body.length, closing, () => response.end());
  return status;
}
