/**
 * The rate limiter's arithmetic, on fake timers: how long a request waits for
 * an announced window, the caps on that wait, which answer wins when answers
 * overtake each other, and the concurrency it suggests.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimiter, sleep } from "../../src/datadog/rate-limit.js";

const T0 = 1_000_000_000;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

/** Starts an acquire and reports whether it has returned yet. */
function acquiring(limiter: RateLimiter, key: string, maxWaitMs?: number): () => boolean {
  let done = false;
  void limiter.acquire(key, undefined, maxWaitMs).then(() => {
    done = true;
  });
  return () => done;
}

describe("waiting for a spent budget", () => {
  it("waits until the announced reset, to the millisecond", async () => {
    const limiter = new RateLimiter();
    limiter.release("GET /x", { limit: "10", period: "60", remaining: "0", reset: "2" });
    const done = acquiring(limiter, "GET /x");
    await vi.advanceTimersByTimeAsync(1999);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });

  it("goes at once while budget remains, or once the window has reset", async () => {
    const limiter = new RateLimiter();
    limiter.release("a", { limit: "10", period: "60", remaining: "1", reset: "60" });
    const first = acquiring(limiter, "a");
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toBe(true);
    limiter.release("b", { limit: "10", period: "60", remaining: "0", reset: "0" });
    const second = acquiring(limiter, "b");
    await vi.advanceTimersByTimeAsync(0);
    expect(second()).toBe(true);
  });

  it("sleeps at least 5 ms between looks", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "10", period: "60", remaining: "0", reset: "0.001" });
    const done = acquiring(limiter, "k");
    await vi.advanceTimersByTimeAsync(4);
    expect(done()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done()).toBe(true);
  });

  it("waits for an absurd reset no longer than the announced period plus a second, or the caller's cap if longer", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "5", period: "1", remaining: "0", reset: "3600" });
    const capped = acquiring(limiter, "k", 50);
    await vi.advanceTimersByTimeAsync(1999);
    expect(capped()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(capped()).toBe(true);

    const other = new RateLimiter();
    other.release("k", { limit: "5", period: "1", remaining: "0", reset: "3600" });
    const longCap = acquiring(other, "k", 5000);
    await vi.advanceTimersByTimeAsync(4999);
    expect(longCap()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(longCap()).toBe(true);
  });

  it("counts unanswered requests against the budget, and frees one with each answer", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "10", period: "60", remaining: "2", reset: "30" });
    await limiter.acquire("k");
    await limiter.acquire("k");
    // An answer without rate-limit headers still frees its reservation.
    limiter.release("k", null);
    const third = acquiring(limiter, "k");
    await vi.advanceTimersByTimeAsync(0);
    expect(third()).toBe(true);
    const fourth = acquiring(limiter, "k");
    await vi.advanceTimersByTimeAsync(29_999);
    expect(fourth()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(fourth()).toBe(true);
  });

  it("never counts fewer than zero requests in flight", async () => {
    const limiter = new RateLimiter();
    limiter.release("k", null);
    limiter.release("k", null);
    limiter.release("k", { limit: "10", period: "60", remaining: "1", reset: "30" });
    const first = acquiring(limiter, "k");
    await vi.advanceTimersByTimeAsync(0);
    expect(first()).toBe(true);
    const second = acquiring(limiter, "k");
    await vi.advanceTimersByTimeAsync(100);
    expect(second()).toBe(false);
  });
});

describe("what the headers announce", () => {
  it("records limit, period, remaining and the reset time", () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "300", period: "60", remaining: "299", reset: "1.5" });
    expect(limiter.state("k")).toEqual({ limit: 300, periodSeconds: 60, remaining: 299, resetAt: T0 + 1500 });
    limiter.release("j", { limit: "300", remaining: "299", reset: "12" });
    expect(limiter.state("j")).toEqual({ limit: 300, periodSeconds: 0, remaining: 299, resetAt: T0 + 12_000 });
  });

  it.each([
    ["no limit", { remaining: "1", reset: "1" }],
    ["an empty remaining", { limit: "5", remaining: "", reset: "1" }],
    ["a reset that is not a number", { limit: "5", remaining: "1", reset: "soon" }],
    ["a null reset", { limit: "5", remaining: "1", reset: null }],
  ])("records nothing for headers with %s", (_what, headers) => {
    const limiter = new RateLimiter();
    limiter.release("k", headers);
    expect(limiter.state("k")).toBeUndefined();
  });

  it("keeps the lower budget of an answer overtaken within the window, but takes the newer limit and period", () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "300", period: "60", remaining: "10", reset: "30" });
    limiter.release("k", { limit: "400", period: "90", remaining: "10", reset: "31" });
    expect(limiter.state("k")).toEqual({ limit: 400, periodSeconds: 90, remaining: 10, resetAt: T0 + 30_000 });
    limiter.release("k", { limit: "400", period: "90", remaining: "9", reset: "29" });
    expect(limiter.state("k")).toEqual({ limit: 400, periodSeconds: 90, remaining: 9, resetAt: T0 + 29_000 });
  });

  it("trusts a higher budget within the last 1.5 s of the known window (its end is only known to the second)", () => {
    const limiter = new RateLimiter();
    limiter.release("k", { limit: "300", period: "60", remaining: "0", reset: "10" });
    vi.setSystemTime(T0 + 8499);
    limiter.release("k", { limit: "300", period: "60", remaining: "5", reset: "2" });
    expect(limiter.state("k")?.remaining).toBe(0);
    vi.setSystemTime(T0 + 8500);
    limiter.release("k", { limit: "300", period: "60", remaining: "300", reset: "60" });
    expect(limiter.state("k")).toEqual({ limit: 300, periodSeconds: 60, remaining: 300, resetAt: T0 + 68_500 });
  });
});

describe("suggested concurrency", () => {
  it("is the fallback before any answer, within the cap", () => {
    const limiter = new RateLimiter();
    expect(limiter.suggestedConcurrency("k", 8)).toBe(2);
    expect(limiter.suggestedConcurrency("k", 1)).toBe(1);
    expect(limiter.suggestedConcurrency("k", 8, 5)).toBe(5);
  });

  it("is the announced limit, at least one and at most the cap", () => {
    const limiter = new RateLimiter();
    limiter.release("three", { limit: "3", remaining: "3", reset: "1" });
    limiter.release("zero", { limit: "0", remaining: "0", reset: "1" });
    limiter.release("many", { limit: "500", remaining: "500", reset: "1" });
    expect(limiter.suggestedConcurrency("three", 8)).toBe(3);
    expect(limiter.suggestedConcurrency("zero", 8)).toBe(1);
    expect(limiter.suggestedConcurrency("many", 8)).toBe(8);
  });
});

describe("finding an endpoint's state", () => {
  it("returns the first endpoint whose key matches, or nothing", () => {
    const limiter = new RateLimiter();
    limiter.release("GET /api/v2/a", { limit: "1", remaining: "1", reset: "1" });
    limiter.release("GET /api/v2/b", { limit: "2", remaining: "2", reset: "1" });
    expect(limiter.find((key) => key.endsWith("/b"))?.limit).toBe(2);
    expect(limiter.find((key) => key.startsWith("GET"))?.limit).toBe(1);
    expect(limiter.find(() => false)).toBeUndefined();
  });
});

describe("sleep", () => {
  it("resolves after the time given", async () => {
    let done = false;
    void sleep(100).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toBe(true);
  });

  it("rejects with the abort's reason, at once or mid-sleep, and leaves no timer behind", async () => {
    const before = new AbortController();
    before.abort(new Error("stopped before"));
    await expect(sleep(100, before.signal)).rejects.toThrow("stopped before");
    const during = new AbortController();
    const sleeping = sleep(100, during.signal);
    during.abort(new Error("stopped during"));
    await expect(sleeping).rejects.toThrow("stopped during");
    expect(vi.getTimerCount()).toBe(0);
  });
});
