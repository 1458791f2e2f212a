/**
 * The daemon's scheduling, in-process: a per-second cron expression whose
 * first run is held until a later tick has been skipped (so the overlap is
 * made, not hoped for), stopping while a run is in flight, and missed runs at
 * start-up (with a recording runner, so no collection is needed). Every wait
 * is on a log record, never on a polling window.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INDEX_FORMAT, readRunIndex, writeRunIndex } from "../../src/schedule/history-index.js";
import { type RunRequest, runJob } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import { JobScheduler } from "../../src/schedule/scheduler.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { captureLog, settingsFor, testJob } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

let sim: RunningSimulator;
let root: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, latencyMs: 120 });
  root = await mkdtemp(join(tmpdir(), "ddproof-scheduler-"));
});
afterAll(async () => {
  await sim.close();
  await rm(root, { recursive: true, force: true });
});

const SKIPPED = "skipped: the previous run of this job is still in progress";

describe("JobScheduler with a per-second schedule", () => {
  it("runs the job, skips triggers while it is still running, and stops after the run in flight", async () => {
    const job = testJob(root, "every-second", {
      cron: "* * * * * *",
      notify: { datadogEvent: false, datadogMetrics: false, slackWebhook: null },
    });
    const { log, records, messages, once } = captureLog();
    // The first run is held until a later tick has been skipped. Unheld, a run on an idle
    // machine can finish before the next per-second tick, and there would be no overlap to see.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scheduler = new JobScheduler({
      jobs: [job],
      settings: settingsFor(sim, log),
      run: async (...args) => {
        await held;
        return runJob(...args);
      },
    });
    await scheduler.start();
    let stopping: Promise<void> | null = null;
    try {
      expect(records.find((record) => record.msg === "job scheduled")).toMatchObject({
        job: "every-second",
        cron: "* * * * * *",
        timezone: "UTC",
      });
      expect(await once(SKIPPED)).toMatchObject({ level: "warn", job: "every-second", trigger: "schedule" });
      expect(scheduler.running).toEqual(["every-second"]);
      // Stop while the run is still held: stop must wait for it, not abandon it.
      stopping = scheduler.stop();
      await once("waiting for runs in progress to finish");
      expect(messages()).not.toContain("scheduler stopped");
    } finally {
      release();
      await (stopping ?? scheduler.stop());
    }
    expect(scheduler.running).toEqual([]);
    expect(messages().filter((msg) => msg === "run started")).toHaveLength(1);
    expect(messages()).toContain("run finished");
    // The run started before the stop finished and is recorded; none is left half done.
    const index = await readRunIndex(job.jobDir, job.name, job.kind);
    expect(index.runs).toHaveLength(1);
    expect(index.runs[0]).toMatchObject({ status: "complete", trigger: "schedule" });
    expect((await readdir(job.jobDir)).filter((name) => name.startsWith("."))).toEqual([]);
    expect(messages().at(-1)).toBe("scheduler stopped");
  });
});

describe("JobScheduler missed runs at start-up", () => {
  /** Starts and stops a scheduler whose runner only records what it was asked to run. */
  async function startAndStop(job: ScheduledJob) {
    const calls: Array<{ job: string; request: RunRequest }> = [];
    const { log } = captureLog();
    const scheduler = new JobScheduler({
      jobs: [job],
      settings: { ...settingsFor(sim, log), clock: () => new Date("2026-11-29T09:30:00Z") },
      run: async (scheduled, _settings, request) => {
        calls.push({ job: scheduled.name, request });
        return { status: "skipped", holder: null };
      },
    });
    await scheduler.start();
    await scheduler.stop();
    return calls;
  }

  it("runs once at start-up when the last recorded run is older than the last scheduled time", async () => {
    const job = testJob(root, "missed-nightly", { runMissedOnStart: true });
    await writeRunIndex(job.jobDir, {
      format: INDEX_FORMAT,
      job: job.name,
      kind: job.kind,
      runs: [runEntry("2026-11-27T020000Z", "2026-11-27T02:00:00Z")],
    });
    const calls = await startAndStop(job);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.request.trigger).toBe("missed");
    expect(calls[0]!.request.anchor?.toISOString()).toBe("2026-11-29T02:00:00.000Z");
  });

  it("does not run at start-up when the last scheduled time already has its run", async () => {
    const job = testJob(root, "kept-nightly", { runMissedOnStart: true });
    await writeRunIndex(job.jobDir, {
      format: INDEX_FORMAT,
      job: job.name,
      kind: job.kind,
      runs: [runEntry("2026-11-29T020000Z", "2026-11-29T02:00:00Z")],
    });
    const calls = await startAndStop(job);
    expect(calls).toEqual([]);
  });

  it("does not look for missed runs unless the job asks for it", async () => {
    const calls = await startAndStop(testJob(root, "never-ran"));
    expect(calls).toEqual([]);
  });
});
