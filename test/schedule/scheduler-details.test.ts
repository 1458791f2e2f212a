/**
 * The daemon's scheduler around its runs, with a recording runner (no
 * collection): each job's cron task, its name, time zone and late-tick
 * tolerance, a late tick still running the job, node-cron's own messages in
 * the job's log, what a run is given, a run that cannot be recorded, abandoning
 * and stopping, tidying work folders at start-up, and the warnings when missed
 * runs cannot be looked for. Cron tasks are reached through node-cron's
 * registry; none of these tests waits for a real tick.
 */
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import cron from "node-cron";
import { beforeAll, describe, expect, it } from "vitest";
import { INDEX_FILE } from "../../src/schedule/history-index.js";
import { acquireJobLock } from "../../src/schedule/job-lock.js";
import type { RunRequest, RunSettings, runJob } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import { JobScheduler } from "../../src/schedule/scheduler.js";
import type { RunningSimulator } from "../../src/simulator/index.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { type CapturedLog, captureLog, settingsFor, testJob } from "./job-fixtures.js";

let root: string;
beforeAll(() => {
  root = scratchDir("scheduler-details");
});

/** No test here reaches Datadog: the runner only records. */
const NOWHERE = { url: "http://127.0.0.1:9" } as RunningSimulator;

interface Call {
  job: string;
  settings: RunSettings;
  request: RunRequest;
}

function recorder(outcome: (call: Call) => Promise<void> = async () => undefined) {
  const calls: Call[] = [];
  const run: typeof runJob = async (job, settings, request) => {
    const call = { job: job.name, settings, request };
    calls.push(call);
    await outcome(call);
    return { status: "skipped", holder: null };
  };
  return { calls, run };
}

/** node-cron's task as it is stored, with the parts these tests look at. */
interface CronTask {
  name: string;
  timezone: string | undefined;
  logger: { info(m: string): void; debug(m: string): void; warn(m: string): void; error(m: string | Error): void };
  runner: { missedExecutionTolerance: number };
  emit(event: string, context: { date: Date }): void;
}

function cronTask(name: string): CronTask | undefined {
  return [...cron.getTasks().values()].find((task) => task.name === name) as unknown as CronTask | undefined;
}

function scheduler(jobs: ScheduledJob[], captured: CapturedLog, run: typeof runJob, clock?: () => Date) {
  return new JobScheduler({ jobs, settings: { ...settingsFor(NOWHERE, captured.log), clock }, run });
}

/** The next 17:00 UTC after now: 02:00 in Tokyo. */
function nextTokyoTwoAm(): string {
  const now = new Date();
  let next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 17, 0, 0);
  if (next <= now.getTime()) next += 86_400_000;
  return new Date(next).toISOString();
}

describe("JobScheduler.start", () => {
  it("schedules one named cron task per job in its time zone, tolerating ticks up to a minute late", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const jobs = [
      testJob(root, "utc-job", { notify: { datadogEvent: false, datadogMetrics: false, slackWebhook: null } }),
      testJob(root, "tokyo-job", { timezone: "Asia/Tokyo" }),
    ];
    const daemon = scheduler(jobs, captured, run);
    await daemon.start();
    try {
      expect(captured.records.slice(0, 1)).toMatchObject([
        { level: "info", msg: "scheduler starting", jobs: "utc-job,tokyo-job" },
      ]);
      const scheduled = captured.records.filter((record) => record.msg === "job scheduled");
      expect(scheduled.map(({ job, cron: expression, timezone }) => ({ job, expression, timezone }))).toEqual([
        { job: "utc-job", expression: "0 2 * * *", timezone: "UTC" },
        { job: "tokyo-job", expression: "0 2 * * *", timezone: "Asia/Tokyo" },
      ]);
      expect(scheduled[1]!.next).toBe(nextTokyoTwoAm());
      const task = cronTask("ddproof:tokyo-job");
      expect(task?.timezone).toBe("Asia/Tokyo");
      expect(task?.runner.missedExecutionTolerance).toBe(60_000);

      // A tick node-cron reports as missed (later than the tolerance) still runs the job.
      const late = new Date("2026-11-29T17:00:00.000Z");
      task!.emit("execution:missed", { date: late });
      expect(calls.map(({ job, request }) => ({ job, trigger: request.trigger, anchor: request.anchor }))).toEqual([
        { job: "tokyo-job", trigger: "schedule", anchor: late },
      ]);
    } finally {
      await daemon.stop();
    }
    expect(cronTask("ddproof:utc-job")).toBeUndefined();
    expect(cronTask("ddproof:tokyo-job")).toBeUndefined();
  });

  it("writes node-cron's warnings and errors to the job's log, and drops its info and debug lines", async () => {
    const captured = captureLog();
    const daemon = scheduler([testJob(root, "chatty")], captured, recorder().run);
    await daemon.start();
    try {
      const { logger } = cronTask("ddproof:chatty")!;
      const before = captured.records.length;
      logger.info("info line");
      logger.debug("debug line");
      logger.warn("missed execution");
      logger.error(new Error("task failed"));
      logger.error("plain failure");
      expect(captured.records.slice(before).map(({ level, msg, job }) => ({ level, msg, job }))).toEqual([
        { level: "warn", msg: "node-cron: missed execution", job: "chatty" },
        { level: "error", msg: "node-cron: task failed", job: "chatty" },
        { level: "error", msg: "node-cron: plain failure", job: "chatty" },
      ]);
    } finally {
      await daemon.stop();
    }
  });

  it("schedules nothing when stopped while starting", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const job = testJob(root, "stopped-early", { runMissedOnStart: true });
    const daemon = scheduler([job], captured, run);
    const starting = daemon.start();
    await daemon.stop();
    await starting;
    await daemon.stopped;
    expect(captured.messages()).not.toContain("job scheduled");
    expect(cronTask("ddproof:stopped-early")).toBeUndefined();
    expect(calls).toEqual([]);
  });

  it("removes work folders an interrupted run left, and says which", async () => {
    const job = testJob(root, "untidy");
    await mkdir(join(job.jobDir, ".2026-11-29T020000Z.partial-abc123"), { recursive: true });
    await mkdir(join(job.jobDir, ".2026-11-28T020000Z.collect.partial-x1"), { recursive: true });
    await mkdir(join(job.jobDir, "2026-11-27T020000Z"));
    const captured = captureLog();
    const daemon = scheduler([job], captured, recorder().run, () => new Date("2026-11-29T09:30:00Z"));
    await daemon.start();
    await daemon.stop();
    expect(captured.records.find((record) => record.msg.startsWith("removed work folders"))).toMatchObject({
      level: "info",
      msg: "removed work folders left by an interrupted run",
      job: "untidy",
      folders: ".2026-11-28T020000Z.collect.partial-x1,.2026-11-29T020000Z.partial-abc123",
    });
    expect(await readdir(job.jobDir)).toEqual(["2026-11-27T020000Z"]);
  });

  it("leaves work folders alone, and says nothing, while another process holds the job's lock", async () => {
    const job = testJob(root, "busy");
    await mkdir(join(job.jobDir, ".2026-11-29T020000Z.partial-abc123"), { recursive: true });
    const attempt = await acquireJobLock(job.jobDir, "elsewhere");
    if (!attempt.acquired) throw new Error("expected the lock");
    const captured = captureLog();
    const daemon = scheduler([job], captured, recorder().run);
    try {
      await daemon.start();
      await daemon.stop();
    } finally {
      await attempt.lock.release();
    }
    expect(captured.messages().filter((msg) => msg.startsWith("removed"))).toEqual([]);
    expect(await readdir(job.jobDir)).toEqual([".2026-11-29T020000Z.partial-abc123"]);
  });

  it("says nothing about work folders when there were none", async () => {
    const job = testJob(root, "tidy");
    await mkdir(job.jobDir, { recursive: true });
    const captured = captureLog();
    const daemon = scheduler([job], captured, recorder().run);
    await daemon.start();
    await daemon.stop();
    expect(captured.messages()).toEqual(["scheduler starting", "job scheduled", "scheduler stopped"]);
  });
});

describe("JobScheduler missed runs that cannot be looked for", () => {
  it("warns when the schedule's earlier times cannot be worked out", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const job = testJob(root, "both-days", { cron: "0 2 1 * 1", runMissedOnStart: true });
    const daemon = scheduler([job], captured, run, () => new Date("2026-11-29T09:30:00Z"));
    await daemon.start();
    await daemon.stop();
    expect(captured.records.find((record) => record.level === "warn")).toMatchObject({
      msg: "missed runs are not detected for this job",
      job: "both-days",
      why: "both day of month and day of week are restricted, which cron libraries read differently",
    });
    expect(calls).toEqual([]);
  });

  it("warns, naming the problem, when the job's history cannot be read", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const job = testJob(root, "bad-history", { runMissedOnStart: true });
    await mkdir(job.jobDir, { recursive: true });
    await writeFile(join(job.jobDir, INDEX_FILE), "{ not json");
    const daemon = scheduler([job], captured, run, () => new Date("2026-11-29T09:30:00Z"));
    await daemon.start();
    await daemon.stop();
    const warning = captured.records.find((record) => record.level === "warn");
    expect(warning).toMatchObject({
      msg: "cannot read the job's history to look for a missed run",
      job: "bad-history",
    });
    expect(String(warning?.error)).toContain(INDEX_FILE);
    expect(calls).toEqual([]);
  });

  it("logs the missed schedule it runs", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const job = testJob(root, "never-run", { runMissedOnStart: true });
    const daemon = scheduler([job], captured, run, () => new Date("2026-11-29T09:30:00Z"));
    await daemon.start();
    await daemon.stop();
    expect(captured.records.find((record) => record.msg === "running a missed schedule")).toMatchObject({
      level: "info",
      job: "never-run",
      scheduled: "2026-11-29T02:00:00.000Z",
    });
    expect(calls.map((call) => call.request.trigger)).toEqual(["missed"]);
  });
});

describe("JobScheduler.trigger, abort and stop", () => {
  it("gives the run the job, the settings, the trigger, the anchor and the shutdown signal", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const job = testJob(root, "manual");
    const daemon = scheduler([], captured, run);
    const anchor = new Date("2026-11-29T02:00:00Z");
    daemon.trigger(job, "manual", anchor);
    await daemon.stop();
    expect(calls).toHaveLength(1);
    expect(calls[0]!.job).toBe("manual");
    expect(calls[0]!.settings.log).toBe(captured.log);
    expect(calls[0]!.request.trigger).toBe("manual");
    expect(calls[0]!.request.anchor).toBe(anchor);
    expect(calls[0]!.request.signal?.aborted).toBe(false);
  });

  it("makes a run in progress give up on abort, saying which jobs are abandoned", async () => {
    const captured = captureLog();
    let signal: AbortSignal | undefined;
    const { run } = recorder(
      (call) =>
        new Promise<void>((resolve) => {
          signal = call.request.signal;
          signal?.addEventListener("abort", () => resolve(), { once: true });
        }),
    );
    const daemon = scheduler([], captured, run);
    daemon.trigger(testJob(root, "long-a"), "manual", new Date());
    daemon.trigger(testJob(root, "long-b"), "manual", new Date());
    expect(daemon.running).toEqual(["long-a", "long-b"]);
    daemon.abort();
    expect(signal?.aborted).toBe(true);
    expect((signal!.reason as Error).message).toBe("shutdown");
    expect(captured.records.find((record) => record.msg === "abandoning runs in progress")).toMatchObject({
      level: "warn",
      jobs: "long-a,long-b",
    });
    await daemon.stop();
    expect(daemon.running).toEqual([]);
    expect(captured.records.find((record) => record.msg === "waiting for runs in progress to finish")).toMatchObject({
      jobs: "long-a,long-b",
    });
  });

  it("abandons nothing, and says nothing, when no run is in progress", async () => {
    const captured = captureLog();
    const daemon = scheduler([], captured, recorder().run);
    daemon.abort();
    await daemon.stop();
    expect(captured.messages()).toEqual(["scheduler stopped"]);
  });

  it("logs a run that could not be recorded as an error, and frees the job", async () => {
    const captured = captureLog();
    const { calls, run } = recorder(async () => {
      throw new Error("disk full");
    });
    const daemon = scheduler([], captured, run);
    const job = testJob(root, "doomed");
    daemon.trigger(job, "manual", new Date());
    await daemon.stop();
    expect(captured.records.find((record) => record.level === "error")).toMatchObject({
      msg: "the run could not be recorded",
      job: "doomed",
      error: "disk full",
    });
    expect(daemon.running).toEqual([]);
    expect(calls).toHaveLength(1);
  });

  it("starts nothing once stopping, and stop is the same promise however often it is called", async () => {
    const captured = captureLog();
    const { calls, run } = recorder();
    const daemon = scheduler([], captured, run);
    const first = daemon.stop();
    daemon.trigger(testJob(root, "too-late"), "manual", new Date());
    expect(daemon.stop()).toBe(first);
    await first;
    await daemon.stopped;
    expect(calls).toEqual([]);
    expect(captured.messages()).toEqual(["scheduler stopped"]);
  });
});
