/**
 * The one HTTP layer under every Datadog call. The official client takes a
 * custom `fetch`; this one adds what the client lacks: a timeout per request
 * (the client has none), retries on 429, 5xx, resets, timeouts and cut or
 * malformed bodies (capped, with jitter, honouring `X-RateLimit-Reset`),
 * waiting on announced rate limits, and per-collector request accounting.
 *
 * It reads each body whole before handing it back, so a connection cut
 * mid-body is retried here instead of surfacing as a parse error later, and
 * it reads it within a byte limit (`bounded-body.ts`). Requests leave through
 * `http-transport.ts` (proxies, CA certificates) and follow only same-origin
 * redirects (`redirects.ts`): the keys stay with the host they were meant for.
 * A refused redirect or an oversized body fails at once: asking again would
 * get the same answer.
 */
import { DEFAULT_MAX_RESPONSE_BYTES, ResponseTooLargeError, readBoundedText } from "./bounded-body.js";
import { transportFetch } from "./http-transport.js";
import { type RateLimiter, type RateLimitHeaders, sleep } from "./rate-limit.js";
import { RedirectRefusedError } from "./redirects.js";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** First backoff for 5xx and network errors; doubles per attempt, with full jitter. */
  baseDelayMs: number;
  /** Cap for any single wait, including an announced `X-RateLimit-Reset`. */
  maxDelayMs: number;
  /** Time allowed for one attempt, headers and body together (redirects included). */
  timeoutMs: number;
  /** Largest response body accepted, counted in decoded bytes. */
  maxResponseBytes: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  timeoutMs: 30_000,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};

export interface RequestStats {
  requests: number;
  retries: number;
}

export interface ResilientFetchOptions {
  limiter: RateLimiter;
  policy: RetryPolicy;
  stats: RequestStats;
  /** Receives every successful JSON body, parsed (used to salvage items the client cannot deserialize). */
  onJson?: (json: unknown) => void;
  signal?: AbortSignal;
  random?: () => number;
  /** Waits between attempts; tests pass one that records the waits instead of sleeping. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** A request that could not be completed after every retry. */
export class DatadogRequestError extends Error {
  override readonly name = "DatadogRequestError";
}

type FetchInput = Parameters<typeof fetch>[0];

function describe(method: string, url: string): string {
  const { pathname } = new URL(url);
  return `${method} ${pathname}`;
}

function rateLimitHeaders(headers: Headers): RateLimitHeaders {
  return {
    limit: headers.get("x-ratelimit-limit"),
    period: headers.get("x-ratelimit-period"),
    remaining: headers.get("x-ratelimit-remaining"),
    reset: headers.get("x-ratelimit-reset"),
  };
}

function isJson(headers: Headers): boolean {
  return (headers.get("content-type") ?? "application/json").includes("json");
}

interface Attempt {
  /** The response to hand to the client, or null when the attempt failed. */
  response: Response | null;
  /** Why the attempt failed, when it did. */
  failure: string | null;
  /** Seconds the server asked us to wait, when it said. */
  resetSeconds: number | null;
  retryable: boolean;
}

export function createResilientFetch(options: ResilientFetchOptions): typeof fetch {
  const { limiter, policy, stats } = options;
  const random = options.random ?? Math.random;
  const wait = options.sleep ?? sleep;

  async function attempt(url: string, init: RequestInit, key: string): Promise<Attempt> {
    // An abort listener never fires for a signal aborted already: a caller stopped before this
    // request (a scheduled job shut down before collecting) must not send it.
    options.signal?.throwIfAborted();
    await limiter.acquire(key, options.signal, policy.maxDelayMs);
    // The clock for the timeout starts once the request may go out, not while it waits for budget.
    const controller = new AbortController();
    const onOuterAbort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener("abort", onOuterAbort, { once: true });
    // Aborted while the budget was granted: end it through the same path, which releases the budget.
    if (options.signal?.aborted) onOuterAbort();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), policy.timeoutMs);
    stats.requests += 1;
    let headersForLimiter: RateLimitHeaders | null = null;
    try {
      const response = await transportFetch(url, { ...init, signal: controller.signal });
      headersForLimiter = rateLimitHeaders(response.headers);
      const text = await readBoundedText(response, policy.maxResponseBytes, controller.signal);
      const reset = Number(response.headers.get("x-ratelimit-reset"));
      const resetSeconds = Number.isFinite(reset) && reset >= 0 ? reset : null;
      if (response.status === 429 || response.status >= 500) {
        return { response: rebuild(response, text), failure: `HTTP ${response.status}`, resetSeconds, retryable: true };
      }
      if (response.ok && text.length > 0 && isJson(response.headers)) {
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          return {
            response: null,
            failure: "a response body that is not valid JSON",
            resetSeconds: null,
            retryable: true,
          };
        }
        options.onJson?.(json);
      }
      return { response: rebuild(response, text), failure: null, resetSeconds: null, retryable: false };
    } catch (error) {
      if (options.signal?.aborted) throw options.signal.reason ?? error;
      if (error instanceof RedirectRefusedError || error instanceof ResponseTooLargeError) {
        // Ends whatever is still in flight: a body being abandoned, a connection kept for a redirect.
        controller.abort(error);
        return { response: null, failure: error.message, resetSeconds: null, retryable: false };
      }
      const reason = controller.signal.aborted
        ? `no complete answer within ${policy.timeoutMs >= 1000 ? `${Math.round(policy.timeoutMs / 1000)} s` : `${policy.timeoutMs} ms`}`
        : `a network error (${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message})`;
      return { response: null, failure: reason, resetSeconds: null, retryable: true };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onOuterAbort);
      limiter.release(key, headersForLimiter);
    }
  }

  function backoff(retry: number, last: Attempt): number {
    if (last.resetSeconds !== null && last.failure === "HTTP 429") {
      // Wait for the announced window, plus a little jitter so concurrent callers do not stampede.
      return Math.min(policy.maxDelayMs, last.resetSeconds * 1000 + random() * 250);
    }
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
    return ceiling / 2 + random() * (ceiling / 2);
  }

  return async function resilientFetch(input: FetchInput, init: RequestInit = {}): Promise<Response> {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = (init.method ?? "GET").toUpperCase();
    const key = describe(method, url);
    let last: Attempt | null = null;
    for (let retry = 0; retry <= policy.maxRetries; retry += 1) {
      if (retry > 0) {
        stats.retries += 1;
        await wait(backoff(retry - 1, last!), options.signal);
      }
      last = await attempt(url, init, key);
      if (!last.retryable) {
        if (last.response) return last.response;
        throw new DatadogRequestError(`${key}: ${last.failure ?? "failed"}`);
      }
    }
    // Out of retries: an HTTP error goes back to the client, which raises it with
    // its status and body; anything else becomes our own error.
    if (last?.response) return last.response;
    throw new DatadogRequestError(`${key}: ${last?.failure ?? "failed"} after ${policy.maxRetries + 1} attempts`);
  };
}

/** The body has been read; hand the client a fresh response carrying the same text. */
function rebuild(response: Response, text: string): Response {
  const headers = new Headers(response.headers);
  // The text is already decoded; the client must not try to decode it again.
  headers.delete("content-encoding");
  headers.delete("content-length");
  const noBody = response.status === 204 || response.status === 304;
  return new Response(noBody ? null : text, { status: response.status, statusText: response.statusText, headers });
}
