/**
 * The daemon behind `ddproof schedule`: one node-cron task per job, in the
 * job's time zone. A trigger while the same job is still running in this
 * process is skipped with a log line (the job's lock file does the same
 * between processes). At start-up each job's folder is tidied and, with
 * `run_missed_on_start`, a schedule missed while the daemon was down runs
 * once. `stop()` stops scheduling and waits for runs in progress; `abort()`
 * makes them give up (recorded as failed, no pack left behind).
 */
import cron, { type Logger as CronLogger, type ScheduledTask, type TaskContext } from "node-cron";
import { loadDatadogModule } from "../datadog/session.js";
import { describeError } from "../describe-error.js";
import { type RunTrigger, readRunIndex } from "./history-index.js";
import { acquireJobLock } from "./job-lock.js";
import type { Logger } from "./log.js";
import { missedScheduledTime, previousScheduledTime } from "./missed-run.js";
import { runIdAt } from "./run-id.js";
import { type RunSettings, runJob } from "./run-job.js";
import { runIndexDirOf, type ScheduledJob } from "./scheduled-job.js";
import { createRunAborter } from "./shutdown-signals.js";
import { removeStaleWorkDirs } from "./staging.js";

export interface SchedulerOptions {
  jobs: readonly ScheduledJob[];
  settings: RunSettings;
  /** Runs one job; default `runJob`. */
  run?: typeof runJob;
}

/**
 * node-cron runs a tick only if the event loop reaches it within this
 * tolerance (1 s by default). Rendering a PDF can hold the loop longer, and a
 * nightly job must not be skipped for that.
 */
const LATE_TICK_TOLERANCE_MS = 60_000;

/** node-cron's own messages (e.g. a tick missed because the process was busy) go to our log. */
function cronLogger(log: Logger): CronLogger {
  return {
    info: () => undefined,
    debug: () => undefined,
    warn: (message) => log.warn(`node-cron: ${message}`),
    error: (message) => log.error(`node-cron: ${message instanceof Error ? message.message : message}`),
  };
}

export class JobScheduler {
  private readonly tasks: ScheduledTask[] = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly aborter = createRunAborter();
  private readonly log: Logger;
  private readonly run: typeof runJob;
  private stopping: Promise<void> | null = null;
  private markStopped: () => void = () => undefined;
  /** Resolves once `stop()` has finished: no task scheduled, no run in progress. */
  readonly stopped: Promise<void>;

  constructor(private readonly options: SchedulerOptions) {
    this.log = options.settings.log;
    this.run = options.run ?? runJob;
    this.stopped = new Promise((resolve) => {
      this.markStopped = resolve;
    });
  }

  private now(): Date {
    return this.options.settings.clock?.() ?? new Date();
  }

  /** Names of the jobs running now. */
  get running(): string[] {
    return [...this.inFlight.keys()];
  }

  async start(): Promise<void> {
    this.log.info("scheduler starting", { jobs: this.options.jobs.map((job) => job.name).join(",") });
    // Loading the client blocks the event loop for seconds; done now, it cannot make a tick late.
    await loadDatadogModule();
    for (const job of this.options.jobs) await this.tidy(job);
    // A signal during start-up: nothing gets scheduled.
    if (this.stopping) return;
    for (const job of this.options.jobs) {
      const fire = (context: TaskContext) => this.trigger(job, "schedule", context.date);
      const task = cron.schedule(job.cron, fire, {
        timezone: job.timezone,
        name: `ddproof:${job.name}`,
        logger: cronLogger(this.log.with({ job: job.name })),
        missedExecutionTolerance: LATE_TICK_TOLERANCE_MS,
      });
      // A tick later than that still runs (a nightly job must not be lost to a busy moment); the overlap guard applies as usual.
      task.on("execution:missed", fire);
      this.tasks.push(task);
      this.log.info("job scheduled", {
        job: job.name,
        cron: job.cron,
        timezone: job.timezone,
        next: task.getNextRun()?.toISOString() ?? null,
      });
    }
    for (const job of this.options.jobs.filter((candidate) => candidate.runMissedOnStart)) await this.catchUp(job);
  }

  /** Starts a run unless the job is already running here or the scheduler is stopping. */
  trigger(job: ScheduledJob, trigger: RunTrigger, anchor: Date): void {
    if (this.stopping) return;
    const log = this.log.with({ job: job.name });
    if (this.inFlight.has(job.name)) {
      log.warn("skipped: the previous run of this job is still in progress", {
        trigger,
        scheduled: anchor.toISOString(),
      });
      return;
    }
    const running = this.run(job, this.options.settings, { trigger, anchor, signal: this.aborter.signal })
      .then(() => undefined)
      .catch((error: unknown) => log.error("the run could not be recorded", { error: describeError(error) }))
      .finally(() => this.inFlight.delete(job.name));
    this.inFlight.set(job.name, running);
  }

  /** Stops scheduling and resolves when the runs in progress have finished. */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      for (const task of this.tasks) await task.destroy();
      if (this.inFlight.size > 0)
        this.log.info("waiting for runs in progress to finish", { jobs: this.running.join(",") });
      await Promise.all(this.inFlight.values());
      this.log.info("scheduler stopped");
      this.markStopped();
    })();
    return this.stopping;
  }

  /** Makes runs in progress give up; they are recorded as failed and leave no pack. */
  abort(): void {
    if (this.inFlight.size > 0) this.log.warn("abandoning runs in progress", { jobs: this.running.join(",") });
    this.aborter.abort(new Error("shutdown"));
  }

  /** Removes work folders a killed run left, if no other process is running the job. */
  private async tidy(job: ScheduledJob): Promise<void> {
    const attempt = await acquireJobLock(job.jobDir, runIdAt(this.now())).catch(() => null);
    if (!attempt?.acquired) return;
    try {
      const removed = await removeStaleWorkDirs(job.jobDir);
      if (removed.length > 0)
        this.log.info("removed work folders left by an interrupted run", { job: job.name, folders: removed.join(",") });
    } finally {
      await attempt.lock.release();
    }
  }

  private async catchUp(job: ScheduledJob): Promise<void> {
    const log = this.log.with({ job: job.name });
    const previous = previousScheduledTime(job.cron, job.timezone, this.now());
    if (!previous.ok) {
      log.warn("missed runs are not detected for this job", { why: previous.why });
      return;
    }
    const index = await readRunIndex(runIndexDirOf(job), job.name, job.kind).catch((error: unknown) => {
      log.warn("cannot read the job's history to look for a missed run", { error: (error as Error).message });
      return null;
    });
    const missed = index && missedScheduledTime(index, previous.at);
    if (!missed) return;
    log.info("running a missed schedule", { scheduled: missed.toISOString() });
    this.trigger(job, "missed", missed);
  }
}
