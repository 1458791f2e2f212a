/**
 * One run of a job, start to finish: take the job's lock, tidy what a killed
 * run left, collect into a private folder beside the history, render the pack
 * into `<job>/<run id>/` (atomically: whole or not at all), record the run in
 * the index, apply retention, then notify. Used by the daemon and `run-job`.
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
import { describeError } from "../describe-error.js";
import { InputError } from "../errors.js";
import { renderPack } from "../pack/render-pack.js";
import type { ReportFormat } from "../report/contract.js";
import { SNAPSHOT_FILE_NAME } from "../snapshot/read.js";
import type { Period } from "../snapshot/schema.js";
import { chainLinkFor } from "./history-chain.js";
import {
  type RunEntry,
  type RunIndex,
  type RunStatus,
  type RunTrigger,
  readRunIndex,
  writeRunIndex,
} from "./history-index.js";
import { acquireJobLock, type LockHolder } from "./job-lock.js";
import type { Logger } from "./log.js";
import type { NotifyTarget, RunReport } from "./notify/contract.js";
import { type NotifyOutcome, sendNotifications } from "./notify/index.js";
import { NAMED_ACTIONS } from "./notify/run-message.js";
import { changesSincePrevious, previousPackOf } from "./previous-run.js";
import { applyRetention } from "./retention.js";
import { runIdAt, uniqueRunId } from "./run-id.js";
import { summariseRun, trendFromIndex } from "./run-summary.js";
import type { ScheduledJob } from "./scheduled-job.js";
import { makeCollectDir, removeStaleWorkDirs } from "./staging.js";

/** What every run of a process shares. */
export interface RunSettings {
  target: DatadogTarget;
  thresholds: Thresholds;
  orgName: string | null;
  log: Logger;
  /** Formats to render; default: every format of the job's kind. */
  formats?: readonly ReportFormat[];
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
  | { status: RunStatus; entry: RunEntry; error: unknown; notifications: NotifyOutcome[] };

const ABANDONED = "abandoned: shutdown was requested while the run was in progress";

interface Produced {
  status: RunStatus;
  period: Period;
  missing: string[];
  summary: RunEntry["summary"];
  changes: RunReport["changes"];
  actions: NonNullable<RunReport["actions"]>;
}

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

    const previous = await previousPackOf(job.jobDir, index, log);
    const chain = await chainLinkFor(job.jobDir, job.name, index, runId);
    const pack = await renderPack({
      kind: job.kind,
      snapshotFile,
      outDir: join(job.jobDir, runId),
      inputs: job.inputs,
      thresholds: settings.thresholds,
      // Only the gap report shows changes; other kinds still count new and closed gaps for notifications.
      previousDir: job.kind === "gap" && previous ? previous.dir : null,
      history: trendFromIndex(index),
      formats: settings.formats,
      signal: request.signal,
      chain,
      signingKey: job.signingKey ?? null,
    });
    const changes = previous ? changesSincePrevious(pack, previous) : null;
    const counts = changes ? { new_gaps: changes.new_gaps.length, closed_gaps: changes.closed_gaps.length } : null;
    return {
      status: pack.manifest.complete ? "complete" : "incomplete",
      period,
      missing: pack.manifest.missing_evidence,
      summary: summariseRun(pack.assessment, counts, {
        collect: collectSeconds,
        total: (performance.now() - startedMs) / 1000,
      }),
      changes,
      actions: (pack.plan?.actions ?? []).slice(0, NAMED_ACTIONS),
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function describeFailure(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return ABANDONED;
  return error instanceof InputError ? error.message : describeError(error);
}

async function runLocked(
  job: ScheduledJob,
  settings: RunSettings,
  request: RunRequest,
  started: Date,
): Promise<RunOutcome> {
  const clock = settings.clock ?? (() => new Date());
  const startedMs = performance.now();
  let index = await readRunIndex(job.jobDir, job.name, job.kind);
  const runId = uniqueRunId(
    started,
    (id) => index.runs.some((run) => run.id === id) || existsSync(join(job.jobDir, id)),
  );
  const log = settings.log.with({ job: job.name, run: runId });
  log.info("run started", { trigger: request.trigger, kind: job.kind, period: job.period });

  let produced: Produced | null = null;
  let failure: unknown = null;
  try {
    produced = await produce({ job, settings, request, index, runId, log, startedMs });
  } catch (error) {
    failure = error;
  }
  const entry: RunEntry = {
    id: runId,
    status: produced?.status ?? "failed",
    trigger: request.trigger,
    started_at: started.toISOString(),
    finished_at: clock().toISOString(),
    period: produced?.period ?? null,
    pack_dir: produced ? runId : null,
    missing_evidence: produced?.missing ?? [],
    summary: produced?.summary ?? null,
    error: produced ? null : describeFailure(failure, request.signal),
  };
  // A written pack has recorded retention's earlier removals in its manifest: the list starts anew.
  const { retention_removed: recorded, ...rest } = index;
  index = { ...rest, runs: [...index.runs, entry], ...(produced || !recorded ? {} : { retention_removed: recorded }) };
  await writeRunIndex(job.jobDir, index);
  if (produced) {
    log.info("run finished", {
      status: entry.status,
      gaps: entry.summary?.gaps,
      new_gaps: entry.summary?.new_gaps,
      closed_gaps: entry.summary?.closed_gaps,
      pack: join(job.jobDir, runId),
    });
    await prune(job, index, runId, clock(), log);
  } else {
    log.error("run failed", { error: entry.error });
  }

  if (request.signal?.aborted) return { status: entry.status, entry, error: failure, notifications: [] };
  const report: RunReport = {
    job,
    run: entry,
    changes: produced?.changes ?? null,
    pack: produced ? `${job.name}/${runId}` : null,
    actions: produced?.actions ?? [],
  };
  const notifications = await sendNotifications(report, job.notify, {
    target: settings.target,
    log,
    signal: request.signal ?? new AbortController().signal,
    targets: settings.notifyTargets,
  });
  return { status: entry.status, entry, error: failure, notifications };
}

async function prune(job: ScheduledJob, index: RunIndex, keepId: string, now: Date, log: Logger): Promise<void> {
  try {
    const { removed } = await applyRetention(job.jobDir, index, job.retention, keepId, now);
    if (removed.length > 0)
      log.info("retention removed earlier runs", { runs: removed.map((run) => run.id).join(",") });
  } catch (error) {
    log.warn("retention could not remove earlier runs; they are kept", { error: describeError(error) });
  }
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
    return await runLocked(job, settings, request, started);
  } finally {
    await lock.release();
  }
}
