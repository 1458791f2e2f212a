/** Fixed-window rate limits, announced on every response, enforced with 429. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS, ENDPOINT_IDS, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { RateLimiter } from "../../src/simulator/rate-limit.js";
import { getJson, NOW } from "./http.js";

const headersOf = (decision: { headers: Record<string, string> }) => [
  decision.headers["X-RateLimit-Remaining"],
  decision.headers["X-RateLimit-Reset"],
];

describe("RateLimiter", () => {
  it("allows `limit` requests per window, counts down, then refuses until the window ends", () => {
    const limiter = new RateLimiter({ hosts: { limit: 3, periodSeconds: 60 } });
    const t0 = 1_000_000;
    expect(headersOf(limiter.take("hosts", t0))).toEqual(["2", "60"]);
    expect(headersOf(limiter.take("hosts", t0 + 10_500))).toEqual(["1", "50"]);
    expect(limiter.take("hosts", t0 + 20_000).allowed).toBe(true);
    const refused = limiter.take("hosts", t0 + 30_000);
    expect(refused.allowed).toBe(false);
    expect(headersOf(refused)).toEqual(["0", "30"]);
    // A new window opens with the first request after the old one ended.
    const next = limiter.take("hosts", t0 + 61_000);
    expect(next.allowed).toBe(true);
    expect(headersOf(next)).toEqual(["2", "60"]);
  });

  it("keeps endpoints apart and names each limit", () => {
    const limiter = new RateLimiter({ hosts: { limit: 1, periodSeconds: 10 } });
    limiter.take("hosts", 0);
    expect(limiter.take("hosts", 1).allowed).toBe(false);
    const rules = limiter.take("rules", 1);
    expect(rules.allowed).toBe(true);
    expect(rules.headers).toEqual({
      "X-RateLimit-Limit": "1000",
      "X-RateLimit-Period": "60",
      "X-RateLimit-Remaining": "999",
      "X-RateLimit-Reset": "60",
      "X-RateLimit-Name": "security_monitoring_rules_read",
    });
  });

  it("refuses bad overrides", () => {
    expect(() => new RateLimiter({ hosts: { limit: 0, periodSeconds: 60 } })).toThrow("rateLimits.hosts.limit");
    expect(() => new RateLimiter({ hosts: { limit: 5, periodSeconds: 0.5 } })).toThrow(
      "rateLimits.hosts.periodSeconds",
    );
  });

  it("has a default for every endpoint, generous enough for a small collection", () => {
    expect(Object.keys(DEFAULT_RATE_LIMITS).sort()).toEqual([...ENDPOINT_IDS].sort());
    for (const limit of Object.values(DEFAULT_RATE_LIMITS)) expect(limit.limit).toBeGreaterThanOrEqual(100);
  });
});

describe("rate limits on the wire", () => {
  let sim: RunningSimulator;
  beforeAll(async () => {
    sim = await startSimulator({ seed: 4, now: NOW, rateLimits: { dashboards: { limit: 2, periodSeconds: 30 } } });
  });
  afterAll(async () => {
    await sim.close();
  });

  it("announces the limit on every response", async () => {
    const { headers } = await getJson(sim, "/api/v2/logs/config/archives");
    expect(headers.get("x-ratelimit-limit")).toBe("100");
    expect(headers.get("x-ratelimit-period")).toBe("60");
    expect(headers.get("x-ratelimit-remaining")).toBe("99");
    expect(Number(headers.get("x-ratelimit-reset"))).toBeGreaterThan(0);
    expect(headers.get("x-ratelimit-name")).toBe("logs_archives_read");
  });

  it("answers 429 with the same headers beyond the limit", async () => {
    expect((await getJson(sim, "/api/v1/dashboard")).status).toBe(200);
    expect((await getJson(sim, "/api/v1/dashboard")).headers.get("x-ratelimit-remaining")).toBe("0");
    const refused = await getJson(sim, "/api/v1/dashboard");
    expect(refused.status).toBe(429);
    expect(refused.json).toEqual({ errors: ["Too many requests"] });
    expect(refused.headers.get("x-ratelimit-limit")).toBe("2");
    expect(refused.headers.get("x-ratelimit-name")).toBe("dashboards_list");
    expect(Number(refused.headers.get("x-ratelimit-reset"))).toBeLessThanOrEqual(30);
    expect((await getJson(sim, "/api/v1/hosts")).status).toBe(200);
  });
});
