/**
 * Per-endpoint rate limits in fixed windows, announced on every response
 * with Datadog's X-RateLimit-* headers. A window opens with the first request
 * after the previous one ended, so tests see a full period. Requests beyond
 * the limit get 429 with the same headers. Defaults: data/rate-limits.json.
 */
import data from "./data/rate-limits.json" with { type: "json" };
import type { EndpointId } from "./endpoint-ids.js";

export interface RateLimit {
  limit: number;
  periodSeconds: number;
}

export type RateLimitOverrides = Partial<Record<EndpointId, RateLimit>>;

export const DEFAULT_RATE_LIMITS: Readonly<Record<EndpointId, RateLimit & { name: string }>> = data.limits;

export interface RateLimitDecision {
  allowed: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly windows = new Map<EndpointId, { start: number; used: number }>();
  private readonly limits: Record<EndpointId, RateLimit & { name: string }>;

  constructor(overrides: RateLimitOverrides = {}) {
    this.limits = { ...DEFAULT_RATE_LIMITS };
    for (const [id, override] of Object.entries(overrides) as Array<[EndpointId, RateLimit | undefined]>) {
      if (!override) continue;
      if (!(id in DEFAULT_RATE_LIMITS)) throw new Error(`rateLimits: unknown endpoint "${id}"`);
      if (!Number.isInteger(override.limit) || override.limit < 1)
        throw new Error(`rateLimits.${id}.limit: expected a whole number of at least 1`);
      if (!Number.isInteger(override.periodSeconds) || override.periodSeconds < 1) {
        throw new Error(`rateLimits.${id}.periodSeconds: expected a whole number of at least 1`);
      }
      this.limits[id] = { ...DEFAULT_RATE_LIMITS[id], limit: override.limit, periodSeconds: override.periodSeconds };
    }
  }

  /** Counts one request to `endpoint` at `nowMs`. */
  take(endpoint: EndpointId, nowMs: number): RateLimitDecision {
    const { limit, periodSeconds, name } = this.limits[endpoint];
    const periodMs = periodSeconds * 1000;
    let window = this.windows.get(endpoint);
    if (!window || nowMs >= window.start + periodMs) {
      window = { start: nowMs, used: 0 };
      this.windows.set(endpoint, window);
    }
    window.used++;
    return {
      allowed: window.used <= limit,
      headers: {
        "X-RateLimit-Limit": String(limit),
        "X-RateLimit-Period": String(periodSeconds),
        "X-RateLimit-Remaining": String(Math.max(0, limit - window.used)),
        "X-RateLimit-Reset": String(Math.max(1, Math.ceil((window.start + periodMs - nowMs) / 1000))),
        "X-RateLimit-Name": name,
      },
    };
  }
}
