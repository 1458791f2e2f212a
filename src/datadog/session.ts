/**
 * A connection to one Datadog org (or anything that speaks its API) through
 * the official client. The client module is loaded lazily: it costs over a
 * second and ~180 MB, and only commands that talk to Datadog should pay it.
 */
import { setMaxListeners } from "node:events";
import type { client as DatadogClientCommon } from "@datadog/datadog-api-client";
import type { DatadogTarget } from "./credentials.js";
import { RateLimiter } from "./rate-limit.js";
import { createResilientFetch, DEFAULT_RETRY_POLICY, type RequestStats, type RetryPolicy } from "./resilient-fetch.js";

export type DatadogModule = typeof import("@datadog/datadog-api-client");
export type DatadogConfiguration = DatadogClientCommon.Configuration;

let loaded: Promise<DatadogModule> | null = null;

export function loadDatadogModule(): Promise<DatadogModule> {
  loaded ??= import("@datadog/datadog-api-client").then((module) => {
    const dd = ((module as { default?: DatadogModule }).default ?? module) as DatadogModule;
    // The client logs failed requests to the console on its own; ddproof reports
    // failures itself, once, through its redacting output.
    dd.logger.setLevel("silent");
    return dd;
  });
  return loaded;
}

/** The outcome of one client call: the deserialized value, and the raw JSON the server sent. */
export interface CallResult<T> {
  value: T | undefined;
  /** The last JSON body received during the call (null for none). */
  raw: unknown;
  /** Set when the server answered 2xx but the client could not deserialize the body. */
  deserializeError?: Error;
}

export interface SessionOptions {
  policy?: Partial<RetryPolicy>;
  limiter?: RateLimiter;
  signal?: AbortSignal;
}

export class DatadogSession {
  readonly limiter: RateLimiter;
  readonly policy: RetryPolicy;

  private constructor(
    readonly dd: DatadogModule,
    readonly target: DatadogTarget,
    private readonly options: SessionOptions,
  ) {
    this.limiter = options.limiter ?? new RateLimiter();
    // Every request in flight listens for the caller's abort; many run at once.
    if (options.signal) setMaxListeners(0, options.signal);
    this.policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
  }

  static async open(target: DatadogTarget, options: SessionOptions = {}): Promise<DatadogSession> {
    return new DatadogSession(await loadDatadogModule(), target, options);
  }

  /** A client configuration whose requests are counted in `stats`. */
  configuration(stats: RequestStats, onJson?: (json: unknown) => void): DatadogConfiguration {
    const { client } = this.dd;
    const configuration = client.createConfiguration({
      authMethods: { apiKeyAuth: this.target.apiKey, appKeyAuth: this.target.appKey },
      fetch: createResilientFetch({
        limiter: this.limiter,
        policy: this.policy,
        stats,
        onJson,
        signal: this.options.signal,
      }),
      // Retries happen in our fetch, where the rate-limit headers are visible.
      enableRetry: false,
      ...(this.target.apiUrl ? { baseServer: new client.BaseServerConfiguration(this.target.apiUrl, {}) } : {}),
    });
    if (!this.target.apiUrl) configuration.setServerVariables({ site: this.target.site });
    return configuration;
  }

  /**
   * Runs one client call. HTTP failures (after retries) are thrown; a 2xx body
   * the client cannot deserialize (a missing required field fails the whole
   * call) is returned as `deserializeError` with the raw JSON, so the caller
   * can salvage the items that are fine.
   */
  async call<T>(
    stats: RequestStats,
    invoke: (configuration: DatadogConfiguration) => Promise<T>,
  ): Promise<CallResult<T>> {
    let raw: unknown = null;
    const configuration = this.configuration(stats, (json) => {
      raw = json;
    });
    try {
      return { value: await invoke(configuration), raw };
    } catch (error) {
      if (raw !== null && !(error instanceof this.dd.client.ApiException)) {
        return { value: undefined, raw, deserializeError: error as Error };
      }
      throw error;
    }
  }
}
