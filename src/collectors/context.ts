/**
 * What a collector receives and what it promises. A collector returns its
 * part of the snapshot, or throws when it could not ask: the runner turns a
 * throw into `status: error`, never into an empty (and passing) result.
 */

import type { RequestStats } from "../datadog/resilient-fetch.js";
import type { CallResult, DatadogConfiguration, DatadogModule, DatadogSession } from "../datadog/session.js";
import { type CollectorDescription, collectorDescription } from "../snapshot/collector-descriptions.js";
import type { CollectorId, PartData, Period } from "../snapshot/schema.js";

export interface CollectorContext {
  readonly dd: DatadogModule;
  readonly session: DatadogSession;
  readonly period: Period;
  /** When collection started; ages and "still open" are measured against it. */
  readonly now: Date;
  /** Folder for population files (e.g. every signal), or null to write none. */
  readonly populationDir: string | null;
  readonly stats: RequestStats;
  call<T>(invoke: (configuration: DatadogConfiguration) => Promise<T>): Promise<CallResult<T>>;
  /** Something was kept but is worth a reader's attention (e.g. a rule read from raw JSON). */
  warn(message: string): void;
  /** Reports items fetched so far, for the progress display. */
  progress(items: number): void;
  readonly signal?: AbortSignal;
}

/**
 * The JSON body of a call's answer. Every call a collector makes answers with
 * a JSON object; a 2xx with no body, a `null` or anything else means the
 * collector could not ask. The client turns an empty body into an empty model
 * (every list undefined), which would read as "nothing found" and pass, so the
 * body is checked here, and the error names the operation. A JSON list is not
 * an object either: the client reads it as an empty model too.
 */
export function requireBody(result: CallResult<unknown>, operation: string): object {
  const { raw } = result;
  if (raw !== null && typeof raw === "object" && !Array.isArray(raw)) return raw;
  throw new Error(`${operation}: Datadog answered with an empty response (no JSON object in the body)`);
}

/**
 * The value of a call that must have one: a non-empty body (see requireBody)
 * the client could read. A body the client could not deserialize fails the
 * same way, naming the operation; collectors that can salvage items one by
 * one (rules) use requireBody and the raw JSON instead.
 */
export function requireValue<T>(result: CallResult<T>, operation: string): T {
  requireBody(result, operation);
  if (result.value !== undefined && result.value !== null) return result.value;
  throw new Error(
    `${operation}: the client could not read the response: ${result.deserializeError?.message ?? "no value"}`,
    { cause: result.deserializeError },
  );
}

export interface Collector<K extends CollectorId = CollectorId> {
  readonly id: K;
  /** What it gathers and what it asks of which API: the same description the evidence appendix prints. */
  readonly description: CollectorDescription;
  collect(ctx: CollectorContext): Promise<PartData<K>>;
}

/**
 * Builds a collector with its id checked against the snapshot schema. Its
 * description is the one kept for that id (snapshot/collector-descriptions.json),
 * never written here, so the collector and the appendix say the same thing.
 */
export function defineCollector<K extends CollectorId>(collector: Omit<Collector<K>, "description">): Collector<K> {
  return { ...collector, description: collectorDescription(collector.id) };
}
