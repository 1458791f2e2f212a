/**
 * Runs the collectors concurrently and assembles the snapshot. A collector
 * that throws, or returns data that does not fit the snapshot schema, gets
 * `status: error` with the reason; the others are unaffected. The snapshot
 * says `complete: false` whenever any part failed.
 */

import { displayUrl } from "../datadog/credentials.js";
import type { RequestStats } from "../datadog/resilient-fetch.js";
import type { DatadogSession } from "../datadog/session.js";
import { describeError } from "../describe-error.js";
import { redactSecrets } from "../secrets.js";
import {
  type CollectorId,
  CollectorParts,
  type Period,
  SNAPSHOT_SCHEMA_VERSION,
  Snapshot,
} from "../snapshot/schema.js";
import { TOOL_VERSION } from "../version.js";
import type { Collector, CollectorContext } from "./context.js";
import { COLLECTORS } from "./index.js";

export type CollectEvent =
  | { type: "start"; id: CollectorId }
  | { type: "progress"; id: CollectorId; items: number; requests: number }
  | { type: "done"; id: CollectorId; status: "ok" | "error"; requests: number; durationMs: number; error?: string };

export interface CollectOptions {
  session: DatadogSession;
  period: Period;
  now?: Date;
  populationDir: string | null;
  orgName?: string | null;
  /** Which collectors to run; all by default. A part not run is recorded as an error, never as empty. */
  only?: readonly CollectorId[];
  onEvent?: (event: CollectEvent) => void;
}

type PartResult = CollectorParts[CollectorId];

async function runOne(id: CollectorId, collector: Collector, options: CollectOptions, now: Date): Promise<PartResult> {
  const stats: RequestStats = { requests: 0, retries: 0 };
  const warnings: string[] = [];
  const started = performance.now();
  const emit = options.onEvent ?? (() => {});
  const ctx: CollectorContext = {
    dd: options.session.dd,
    session: options.session,
    period: options.period,
    now,
    populationDir: options.populationDir,
    stats,
    call: (invoke) => options.session.call(stats, invoke),
    warn: (message) => {
      // Warnings reach the snapshot and the reports: redacted here, whatever a collector put in them.
      if (warnings.length < 100) warnings.push(redactSecrets(message));
    },
    progress: (items) => emit({ type: "progress", id, items, requests: stats.requests }),
  };
  emit({ type: "start", id });
  const meta = () => ({
    requests: stats.requests,
    retries: stats.retries,
    duration_ms: Math.round(performance.now() - started),
    warnings,
  });
  let part: PartResult;
  try {
    const data = await collector.collect(ctx);
    const checked = CollectorParts.shape[id].safeParse({ status: "ok", data, ...meta() });
    part = checked.success
      ? checked.data
      : {
          status: "error",
          error: `collected data does not fit the snapshot schema: ${checked.error.issues[0]?.message ?? "invalid"}`,
          ...meta(),
        };
  } catch (error) {
    part = { status: "error", error: describeError(error), ...meta() };
  }
  emit({
    type: "done",
    id,
    status: part.status,
    requests: part.requests,
    durationMs: part.duration_ms,
    ...(part.status === "error" ? { error: part.error } : {}),
  });
  return part;
}

export async function collectSnapshot(options: CollectOptions): Promise<Snapshot> {
  const now = options.now ?? new Date();
  const ids = Object.keys(COLLECTORS) as CollectorId[];
  const selected = new Set(options.only ?? ids);
  const parts = await Promise.all(
    ids.map(async (id): Promise<[CollectorId, PartResult]> => {
      if (!selected.has(id)) {
        return [
          id,
          {
            status: "error",
            error: "not collected in this run",
            requests: 0,
            retries: 0,
            duration_ms: 0,
            warnings: [],
          },
        ];
      }
      return [id, await runOne(id, COLLECTORS[id] as Collector, options, now)];
    }),
  );
  const collectors = Object.fromEntries(parts) as CollectorParts;
  const { target } = options.session;
  return Snapshot.parse({
    schema_version: SNAPSHOT_SCHEMA_VERSION,
    tool: { name: "ddproof", version: TOOL_VERSION },
    org: {
      site: target.site,
      api_url: target.apiUrl ? displayUrl(target.apiUrl) : null,
      name: options.orgName ?? null,
    },
    period: options.period,
    collected_at: now.toISOString(),
    complete: parts.every(([, part]) => part.status === "ok"),
    collectors,
  });
}
