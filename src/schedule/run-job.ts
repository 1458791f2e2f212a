/**
 * One run of a job, start to finish: take the job's lock, tidy what a killed
 * run left, collect into a private folder beside the history, render the pack
 * into `<job>/<run id>/` (atomically: whole or not at all), record the run in
 * the index, apply retention, then notify. Used by the daemon and `run-job`.
 * A fleet job's run (its orgs' histories and the fleet's) is run-fleet-job.ts.
 *
 * A run either leaves a complete pack and an index entry saying so, or an
 * entry saying it failed and why; a killed run leaves neither, and its work
 * folders are removed by the next run. An abort (second SIGTERM) stops
 * collection and rendering and is recorded as a failed run.
 */

import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { collectToFile } from "../collectors/collect-to-file.js";
import { resolvePeriod } from "../config/period.js";
import type { Thresholds } from "../config/schema.js";
import type { DatadogTarget } from "../datadog/credentials.js";
import type { RetryPolicy } from "../datadog/resilient-fetch.js";
import { InputError } from "../errors.js";
import type { FleetFormat } from "../fleet/contract.js";
import type { ReportFormat } from "../report/contract.js";
import { SNAPSHOT_FILE_NAME } from "../snapshot/read.js";
import { type RunEntry, type RunIndex, type RunStatus, type RunTrigger, readRunIndex } from "./history-index.js";
import { acquireJobLock, type LockHolder } from "./job-lock.js";
import type { Logger } from "./log.js";
import type { NotifyTarget, RunReport } from "./notify/contract.js";
import type { NotifyOutcome } from "./notify/index.js";
import { notifyRun } from "./notify-run.js";
import { type Produced, produceEntry, recordRun } from "./record-run.js";
import { renderRun } from "./render-run.js";
import { runFleetLocked } from "./run-fleet-job.js";
import { runIdAt, uniqueRunId } from "./run-id.js";
import type { ScheduledJob } from "./scheduled-job.js";
import { makeCollectDir, removeStaleWorkDirs } from "./staging.js";

/** What every run of a process shares. */
export interface RunSettings {
  /** The one org of DD_API_KEY and DD_APP_KEY; null when every job is a fleet job (a config with `orgs:`). */
  target: DatadogTarget | null;
  /** The targets of the orgs fleet jobs run on, by org name (each org's keys from its own variables). */
  orgTargets?: ReadonlyMap<string, DatadogTarget>;
  thresholds: Thresholds;
  orgName: string | null;
  log: Logger;
  /** Formats to render; default: every format of the job's kind. */
  formats?: readonly ReportFormat[];
  /** Fleet formats to render for fleet jobs; default: every fleet format of the job's kind. */
  fleetFormats?: readonly FleetFormat[];
  policy?: Partial<RetryPolicy>;
  clock?: () => Date;
  notifyTargets?: readonly NotifyTarget[];
}

export interface RunRequest {
  trigger: RunTrigger;
  /** The instant the period rule is resolved at: the scheduled time for scheduled and missed runs; default now. */
  anchor?: Date;
  signal?: AbortSignal;
}

export type RunOutcome =
  | { status: "skipped"; holder: LockHolder | null }
  | {
      status: RunStatus;
      /** The job's entry; for a fleet job, the fleet's. */
      entry: RunEntry;
      error: unknown;
      notifications: NotifyOutcome[];
      /** A fleet job's entry in each org's history, by org name. */
      orgs?: ReadonlyArray<{ name: string; entry: RunEntry }>;
    };

/** One run in progress: what it runs, with what, and what the job's history held when it started. */
interface RunScope {
  job: ScheduledJob;
  settings: RunSettings;
  request: RunRequest;
  index: RunIndex;
  runId: string;
  log: Logger;
  startedMs: number;
}

/** Collect, then render the pack. Throws on failure; the caller records it. */
async function produce({ job, settings, request, index, runId, log, startedMs }: RunScope): Promise<Produced> {
  if (settings.target === null)
    throw new InputError(`job "${job.name}" names no orgs, and there are no DD_API_KEY and DD_APP_KEY to run it with`);
  const period = resolvePeriod(job.period, job.timezone, request.anchor ?? settings.clock?.() ?? new Date());
  const work = await makeCollectDir(job.jobDir, runId);
  try {
    const snapshotFile = join(work, SNAPSHOT_FILE_NAME);
    const collectStart = performance.now();
    const snapshot = await collectToFile({
      target: settings.target,
      period,
      out: snapshotFile,
      orgName: settings.orgName,
      policy: settings.policy,
      signal: request.signal,
    });
    const collectSeconds = (performance.now() - collectStart) / 1000;
    request.signal?.throwIfAborted();
    log.info("collected", { period: period.label, complete: snapshot.complete, seconds: Math.round(collectSeconds) });
    const { produced } = await renderRun({
      kind: job.kind,
      dir: job.jobDir,
      historyName: job.name,
      index,
      runId,
      snapshotFile,
      period,
      inputs: job.inputs,
      thresholds: settings.thresholds,
      formats: settings.formats,
      signal: request.signal,
      signingKey: job.signingKey ?? null,
      seconds: { collect: collectSeconds, startedMs },
      log,
    });
    return produced;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function runLocked(
  job: ScheduledJob,
  settings: RunSettings,
  request: RunRequest,
  started: Date,
): Promise<RunOutcome> {
  const clock = settings.clock ?? (() => new Date());
  const startedMs = performance.now();
  const index = await readRunIndex(job.jobDir, job.name, job.kind);
  const runId = uniqueRunId(
    started,
    (id) => index.runs.some((run) => run.id === id) || existsSync(join(job.jobDir, id)),
  );
  const log = settings.log.with({ job: job.name, run: runId });
  log.info("run started", { trigger: request.trigger, kind: job.kind, period: job.period });

  const { produced, failure, entry } = await produceEntry(
    () => produce({ job, settings, request, index, runId, log, startedMs }),
    { id: runId, trigger: request.trigger, started },
    { signal: request.signal, now: clock },
  );
  await recordRun(job.jobDir, index, entry, { retention: job.retention, now: clock, log });

  if (request.signal?.aborted) return { status: entry.status, entry, error: failure, notifications: [] };
  const report: RunReport = {
    job,
    run: entry,
    changes: produced?.changes ?? null,
    pack: produced ? `${job.name}/${runId}` : null,
    actions: produced?.actions ?? [],
  };
  const notifications = await notifyRun(report, job, settings, log, request.signal);
  return { status: entry.status, entry, error: failure, notifications };
}

/**
 * Runs the job once, unless another run holds its lock (then it is skipped
 * with a log line). Throws only when the job's history cannot be read or
 * written; every other failure is a `failed` entry in the index.
 */
export async function runJob(job: ScheduledJob, settings: RunSettings, request: RunRequest): Promise<RunOutcome> {
  const started = (settings.clock ?? (() => new Date()))();
  await mkdir(job.jobDir, { recursive: true });
  const attempt = await acquireJobLock(job.jobDir, runIdAt(started), started);
  const log = settings.log.with({ job: job.name });
  if (!attempt.acquired) {
    const { holder, heartbeat } = attempt;
    log.warn("skipped: the job is locked by another run", {
      holder_pid: holder?.pid,
      holder_host: holder?.host,
      holder_run: holder?.run,
      heartbeat: heartbeat?.toISOString(),
    });
    return { status: "skipped", holder };
  }
  const { lock } = attempt;
  try {
    if (lock.tookOver) {
      const stale = lock.tookOver.holder;
      log.warn("took over a stale lock", {
        why: lock.tookOver.why,
        stale_pid: stale?.pid,
        stale_host: stale?.host,
        stale_run: stale?.run,
      });
    }
    const removed = await removeStaleWorkDirs(job.jobDir);
    if (removed.length > 0) log.info("removed work folders left by an interrupted run", { folders: removed.join(",") });
    return job.fleet
      ? await runFleetLocked(job, settings, request, started)
      : await runLocked(job, settings, request, started);
  } finally {
    await lock.release();
  }
}
