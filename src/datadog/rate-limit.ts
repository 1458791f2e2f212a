/**
 * Per-endpoint rate-limit state learned from Datadog's `X-RateLimit-*`
 * response headers. Requests wait here when an endpoint's announced budget
 * for the current window is spent, so ddproof slows down instead of drawing
 * 429s, and callers can size their concurrency from what was announced.
 */

export interface RateLimitState {
  limit: number;
  /** Length of the window, 0 when not announced. */
  periodSeconds: number;
  remaining: number;
  /** Epoch ms at which the window resets. */
  resetAt: number;
}

export interface RateLimitHeaders {
  limit?: string | null;
  period?: string | null;
  remaining?: string | null;
  reset?: string | null;
}

function toNumber(value: string | null | undefined): number | null {
  if (value === null || value === undefined || value === "") return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** How early a window may really end compared with the end announced in whole seconds. */
const WINDOW_END_TOLERANCE_MS = 1500;

export class RateLimiter {
  private readonly states = new Map<string, RateLimitState>();
  /** Requests sent but not yet answered, per key: they spend budget the headers do not show yet. */
  private readonly inFlight = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  state(key: string): RateLimitState | undefined {
    return this.states.get(key);
  }

  /** The state of the first endpoint whose key matches (keys are `METHOD /path`, and a base URL may prefix the path). */
  find(matches: (key: string) => boolean): RateLimitState | undefined {
    for (const [key, state] of this.states) if (matches(key)) return state;
    return undefined;
  }

  /**
   * Waits until a request to `key` fits the announced budget, then reserves it.
   * Waits at most `maxWaitMs` in all: a server announcing an absurd reset must
   * not stall a collection (the request then goes out and may draw a 429).
   */
  async acquire(key: string, signal?: AbortSignal, maxWaitMs = Number.POSITIVE_INFINITY): Promise<void> {
    const started = this.now();
    for (;;) {
      const state = this.states.get(key);
      const pending = this.inFlight.get(key) ?? 0;
      const now = this.now();
      if (!state || now >= state.resetAt || state.remaining - pending > 0) break;
      // A window as long as the one announced is always worth waiting for; only
      // a reset beyond both that and the caller's cap is treated as absurd.
      const deadline = started + Math.max(maxWaitMs, state.periodSeconds * 1000 + 1000);
      if (now >= deadline) break;
      await sleep(Math.max(Math.min(state.resetAt, deadline) - now, 5), signal);
    }
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1);
  }

  /** Releases a reservation and records the budget the response announced. */
  release(key: string, headers: RateLimitHeaders | null): void {
    this.inFlight.set(key, Math.max(0, (this.inFlight.get(key) ?? 1) - 1));
    if (!headers) return;
    const limit = toNumber(headers.limit);
    const remaining = toNumber(headers.remaining);
    const reset = toNumber(headers.reset);
    if (limit === null || remaining === null || reset === null) return;
    // 0 when the server did not announce its window length.
    const period = toNumber(headers.period) ?? 0;
    const now = this.now();
    const resetAt = now + reset * 1000;
    const previous = this.states.get(key);
    // Responses overtake each other. While the known window has not reset, a
    // higher `remaining` is an older answer: keep the lower budget. (Reset is
    // announced in whole seconds, so the window's end is known to within one.)
    if (previous && now < previous.resetAt - WINDOW_END_TOLERANCE_MS && remaining >= previous.remaining) {
      this.states.set(key, { ...previous, limit, periodSeconds: period });
      return;
    }
    this.states.set(key, { limit, periodSeconds: period, remaining, resetAt });
  }

  /**
   * How many requests to `key` may run at once: enough to spend the window's
   * budget, never more than `cap`. Before any response is seen, `fallback`.
   */
  suggestedConcurrency(key: string, cap: number, fallback = 2): number {
    const state = this.states.get(key);
    if (!state) return Math.min(cap, fallback);
    return Math.max(1, Math.min(cap, state.limit));
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason ?? new Error("aborted"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason ?? new Error("aborted"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
