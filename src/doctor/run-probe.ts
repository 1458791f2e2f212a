/**
 * Sends one probe through the official client with ddproof's own fetch (the
 * session's configuration: timeouts, retries, rate limits and whatever
 * boundary policy that fetch enforces) and reports what came back.
 *
 * The generated API classes return only the body, so the answer's status,
 * headers and timing are taken at the client's HTTP library seam
 * (`configuration.httpApi.send`, which hands the built request to our fetch).
 * The response is not deserialized: whether the endpoint answers is the
 * question, not what it says.
 */
import type { client as DatadogClient } from "@datadog/datadog-api-client";
import { rawResponseProcessor } from "../datadog/raw-response.js";
import type { RequestStats } from "../datadog/resilient-fetch.js";
import type { DatadogConfiguration, DatadogSession } from "../datadog/session.js";
import type { Probe } from "./probes.js";

export interface ProbeAnswer {
  status: number;
  /** Header names in lower case, as the client gives them. */
  headers: Record<string, string>;
  /** Local epoch ms when the request went to the fetch and when its whole answer was back. */
  sentAtEpochMs: number;
  answeredAtEpochMs: number;
  /** From handing the request to the fetch to the whole answer, retries included. */
  durationMs: number;
}

export interface ProbeOutcome {
  /** Null when no answer came (a network error or a timeout, after retries). */
  answer: ProbeAnswer | null;
  /** Null when the call succeeded; else what the client threw (an ApiException for an HTTP error). */
  error: unknown;
  stats: RequestStats;
}

/** Records the answer of every request the configuration sends. */
function observeSend(
  configuration: DatadogConfiguration,
  now: () => Date,
  record: (answer: ProbeAnswer) => void,
): void {
  const http = configuration.httpApi;
  const send = http.send.bind(http);
  http.send = async (request: DatadogClient.RequestContext): Promise<DatadogClient.ResponseContext> => {
    const sentAtEpochMs = now().getTime();
    const started = performance.now();
    const response = await send(request);
    record({
      status: response.httpStatusCode,
      headers: response.headers,
      sentAtEpochMs,
      answeredAtEpochMs: now().getTime(),
      durationMs: Math.max(0, Math.round(performance.now() - started)),
    });
    return response;
  };
}

export async function runProbe(session: DatadogSession, probe: Probe, now: () => Date): Promise<ProbeOutcome> {
  const stats: RequestStats = { requests: 0, retries: 0 };
  const configuration = session.configuration(stats);
  let answer: ProbeAnswer | null = null;
  observeSend(configuration, now, (received) => {
    answer = received;
  });
  let error: unknown = null;
  try {
    await probe.send({
      dd: session.dd,
      configuration,
      processor: (method) => rawResponseProcessor(session.dd, method) as never,
      now: now(),
    });
  } catch (thrown) {
    error = thrown;
  }
  return { answer, error, stats };
}
