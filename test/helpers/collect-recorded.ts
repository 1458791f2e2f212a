/**
 * Runs real collectors, through the official client, against a replay server
 * serving recorded Datadog responses, and hands back their snapshot parts
 * and the requests they made.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { CheckResult } from "../../src/assess/check-contract.js";
import { CHECKS } from "../../src/assess/checks/index.js";
import { runCheck } from "../../src/assess/run-check.js";
import { type CollectEvent, collectSnapshot } from "../../src/collectors/run.js";
import { Thresholds } from "../../src/config/schema.js";
import { DatadogSession } from "../../src/datadog/session.js";
import type { CollectorId, CollectorParts, PartData, Period, Snapshot } from "../../src/snapshot/schema.js";
import { type ReceivedRequest, type ReplayRoute, startReplayServer } from "./replay-server.js";
import { TEST_API_KEY, TEST_APP_KEY } from "./simulator.js";

const FAST_RETRIES = { baseDelayMs: 5, maxDelayMs: 50, maxRetries: 0, timeoutMs: 10_000 };

export interface RecordedCollection {
  /** The whole snapshot, for assessing it; collectors not asked for are errors in it. */
  snapshot: Snapshot;
  parts: CollectorParts;
  requests: ReceivedRequest[];
  /** The runner's events, in order (start, progress, done). */
  events: CollectEvent[];
  /** The population folder's path, removed by `dispose`. */
  populationDir: string;
  dispose(): Promise<void>;
}

export interface RecordedCollectionOptions {
  routes: ReplayRoute[];
  only: CollectorId[];
  period: Period;
  now: Date;
}

export async function collectRecorded(options: RecordedCollectionOptions): Promise<RecordedCollection> {
  const server = await startReplayServer(options.routes);
  const populationDir = await mkdtemp(join(tmpdir(), "ddproof-recorded-"));
  const events: CollectEvent[] = [];
  try {
    const session = await DatadogSession.open(
      { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: server.url },
      { policy: FAST_RETRIES },
    );
    const snapshot = await collectSnapshot({
      session,
      period: options.period,
      now: options.now,
      populationDir,
      only: options.only,
      onEvent: (event) => events.push(event),
    });
    return {
      snapshot,
      parts: snapshot.collectors,
      requests: server.requests,
      events,
      populationDir,
      dispose: () => rm(populationDir, { recursive: true, force: true }),
    };
  } finally {
    await server.close();
  }
}

/**
 * Collects once before the tests of the enclosing describe block and cleans
 * up after them; returns a getter for the collection.
 */
export function useRecordedCollection(options: () => RecordedCollectionOptions): () => RecordedCollection {
  let run: RecordedCollection | null = null;
  beforeAll(async () => {
    run = await collectRecorded(options());
  });
  afterAll(async () => {
    await run?.dispose();
  });
  return () => {
    if (!run) throw new Error("the recorded collection has not run");
    return run;
  };
}

/** A collector's data; throws with the collector's error when its status is not ok. */
export function okData<K extends CollectorId>(parts: CollectorParts, id: K): PartData<K> {
  const part = parts[id];
  if (part.status !== "ok") throw new Error(`${id} failed: ${part.error}`);
  return part.data as PartData<K>;
}

/** Epoch milliseconds as the snapshot writes them. */
export const isoMs = (ms: number): string => new Date(ms).toISOString();

/** A period of whole UTC days. */
export function utcPeriod(from: string, to: string): Period {
  return { label: "custom", from: `${from}T00:00:00Z`, to: `${to}T00:00:00Z`, timezone: "UTC" };
}

/** Runs one check kind, with its default parameters unless given, on a collected snapshot, as the assessment does. */
export function assessRecorded(kind: string, snapshot: Snapshot, params: Record<string, unknown> = {}): CheckResult {
  const module = CHECKS[kind];
  if (!module) throw new Error(`no check kind ${kind}`);
  return runCheck(module, module.params.parse(params), snapshot, { thresholds: Thresholds.parse({}) });
}
