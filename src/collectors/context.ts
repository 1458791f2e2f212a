/**
 * What a collector receives and what it promises. A collector returns its
 * part of the snapshot, or throws when it could not ask: the runner turns a
 * throw into `status: error`, never into an empty (and passing) result.
 */

import type { RequestStats } from "../datadog/resilient-fetch.js";
import type { CallResult, DatadogConfiguration, DatadogModule, DatadogSession } from "../datadog/session.js";
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

export interface Collector<K extends CollectorId = CollectorId> {
  readonly id: K;
  /** One line for `--help` and the evidence appendix: what is asked, of which API. */
  readonly description: string;
  collect(ctx: CollectorContext): Promise<PartData<K>>;
}

/** Builds a collector with its id checked against the snapshot schema. */
export function defineCollector<K extends CollectorId>(collector: Collector<K>): Collector<K> {
  return collector;
}
