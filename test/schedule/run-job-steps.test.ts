/**
 * runJob's own steps, each shown once at the least cost: the run id from the
 * clock (and the next suffix when that id is taken), the period resolved at
 * the request's anchor or the clock, the pack and the work folder, what the
 * run's report hands the notification targets, the log lines, a job without
 * an org, an aborted run, a locked job, a stale lock and the work folders an
 * interrupted run left. Packs hold the JSON formats only; most runs here fail
 * before collecting (no org to run with), which still records the run.
 */
import { createPrivateKey } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { Manifest } from "../../src/pack/manifest.js";
import { generateSigningKeyPair, SIGNATURE_FILE } from "../../src/pack/sign.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";
import { INDEX_FORMAT, readRunIndex, writeRunIndex } from "../../src/schedule/history-index.js";
import { acquireJobLock, LOCK_FILE } from "../../src/schedule/job-lock.js";
import { type RunOutcome, type RunSettings, runJob } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { useSimulator } from "../helpers/simulator.js";
import { captureLog, reportRecorder, settingsFor, testJob } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

const org = useSimulator();
const root = scratchDir("run-job-steps");
const JSON_FORMATS = REPORT_FORMATS.filter((format) => ["snapshot-json", "assessment-json"].includes(format.id));
/** The daemon's clock in these tests: 02:00:30 on the simulated org's day. */
const NOW = new Date("2026-11-15T02:00:30Z");
const RUN_ID = "2026-11-15T020030Z";
const NO_NOTIFICATIONS: ScheduledJob["notify"] = { datadogEvent: false, datadogMetrics: false, slackWebhook: null };
const NO_ORG_ERROR = (name: string) =>
  `job "${name}" names no orgs, and there are no DD_API_KEY and DD_APP_KEY to run it with`;

function job(name: string, fields: Partial<ScheduledJob> = {}): ScheduledJob {
  return testJob(root, name, { notify: NO_NOTIFICATIONS, ...fields });
}

/** Settings aimed at the simulated org, or (`target: null`) at no org at all. */
function settings(fields: Partial<RunSettings> = {}) {
  const captured = captureLog();
  return {
    captured,
    settings: { ...settingsFor(org.sim, captured.log), formats: JSON_FORMATS, clock: () => NOW, ...fields },
  };
}

function ran(outcome: RunOutcome) {
  if (outcome.status === "skipped") throw new Error("the run was skipped");
  return outcome;
}

describe("runJob", () => {
  it("runs at the clock's time: its id, its period, its signed pack, its index entry, its log lines and report", async () => {
    const recorder = reportRecorder();
    const keys = generateSigningKeyPair();
    const nightly = job("steps", { signingKey: createPrivateKey(keys.privatePem) });
    const { settings: run, captured } = settings({ notifyTargets: [recorder] });
    const outcome = ran(await runJob(nightly, run, { trigger: "manual" }));

    expect(outcome.status).toBe("complete");
    expect(outcome.error).toBeNull();
    expect(outcome.entry).toMatchObject({ id: RUN_ID, trigger: "manual", started_at: "2026-11-15T02:00:30.000Z" });
    // last-24h resolved at the clock, not at the real now.
    expect(outcome.entry.period).toEqual({
      label: "last-24h",
      from: "2026-11-14T02:00:30Z",
      to: "2026-11-15T02:00:30Z",
      timezone: "UTC",
    });
    // The pack and the index; the collection folder and the lock are gone.
    expect((await readdir(nightly.jobDir)).sort()).toEqual([RUN_ID, "index.json"]);
    expect((await readdir(join(nightly.jobDir, RUN_ID))).sort()).toEqual([
      "assessment.json",
      "manifest.json",
      SIGNATURE_FILE,
      "snapshot.json",
    ]);
    const manifest = Manifest.parse(JSON.parse(await readFile(join(nightly.jobDir, RUN_ID, "manifest.json"), "utf8")));
    expect(manifest.chain).toEqual({ job: "steps", run: RUN_ID, previous: null, retention_removed: [] });
    expect((await readRunIndex(nightly.jobDir, "steps", "gap")).runs).toEqual([outcome.entry]);

    const started = captured.records.find((record) => record.msg === "run started");
    expect(started).toMatchObject({ job: "steps", run: RUN_ID, trigger: "manual", kind: "gap", period: "last-24h" });
    const collected = captured.records.find((record) => record.msg === "collected");
    expect(collected).toMatchObject({ job: "steps", run: RUN_ID, period: "last-24h", complete: true });
    // Collecting is part of the run: its seconds, counted from the collection's start, are within the run's.
    const { collect_seconds: collect, duration_seconds: duration } = outcome.entry.summary!;
    expect(collect).toBeGreaterThan(0);
    expect(collect).toBeLessThanOrEqual(duration);
    expect(Math.abs((collected!.seconds as number) - collect)).toBeLessThanOrEqual(0.5);

    expect(recorder.reports).toHaveLength(1);
    const report = recorder.reports[0]!;
    expect(report.run).toEqual(outcome.entry);
    expect(report.job).toMatchObject({ name: "steps", kind: "gap" });
    expect(report.pack).toBe(`steps/${RUN_ID}`);
    expect(report.changes).toBeNull();
    expect(report.actions!.length).toBeGreaterThan(0);
    expect(report.actions!.map((action) => action.rank)).toEqual(report.actions!.map((_, i) => i + 1));
    expect(outcome.notifications).toEqual([{ target: "recorder", ok: true }]);
  });

  it("resolves the period at the request's anchor when it has one", async () => {
    const { settings: run } = settings();
    const anchored = job("anchored", { period: "2026-Q3" });
    const outcome = ran(await runJob(anchored, run, { trigger: "missed", anchor: new Date("2026-10-01T02:00:00Z") }));
    expect(outcome.entry.id).toBe(RUN_ID);
    expect(outcome.entry.trigger).toBe("missed");
    // The quarter before the anchor's; at the clock's (November) it would be the running Q4.
    expect(outcome.entry.period!.label).toBe("2026-Q3");
    expect(outcome.entry.period!.from).toBe("2026-07-01T00:00:00Z");
  });

  it("records a job with no org to run with as failed, with the reason, and reports it without a pack", async () => {
    const recorder = reportRecorder();
    const { settings: run, captured } = settings({ target: null, notifyTargets: [recorder] });
    const lonely = job("no-org");
    const outcome = ran(await runJob(lonely, run, { trigger: "schedule" }));
    expect(outcome.status).toBe("failed");
    expect(outcome.entry).toMatchObject({
      id: RUN_ID,
      status: "failed",
      pack_dir: null,
      error: NO_ORG_ERROR("no-org"),
    });
    expect((outcome.error as Error).message).toBe(NO_ORG_ERROR("no-org"));
    expect(await readdir(lonely.jobDir)).toEqual(["index.json"]);
    // With no org there is nothing to send Datadog notifications with: said once, nothing sent.
    expect(recorder.reports).toEqual([]);
    expect(outcome.notifications).toEqual([]);
    expect(captured.messages("warn")).toContain("notifications not sent: no Datadog org to send them with");
  });

  it("hands a failed run's report to the notification targets without a pack, changes or actions", async () => {
    const recorder = reportRecorder();
    const { settings: run } = settings({ notifyTargets: [recorder] });
    // The org is there, but the job's attestations file is not: the run fails after collecting.
    const broken = job("broken", {
      inputs: { frameworks: ["pci-dss-4.0.1"], userDirs: [], attestationsFile: join(root, "absent.yaml") },
    });
    const outcome = ran(await runJob(broken, run, { trigger: "manual" }));
    expect(outcome.status).toBe("failed");
    expect(recorder.reports).toHaveLength(1);
    expect(recorder.reports[0]).toMatchObject({ pack: null, changes: null, actions: [] });
    expect(recorder.reports[0]!.run).toEqual(outcome.entry);
    expect(await readdir(broken.jobDir)).toEqual(["index.json"]);
  });

  it("gives a run the next suffix when its id is taken by a folder, or by an entry in the index", async () => {
    const { settings: run } = settings({ target: null });
    const onDisk = job("taken-on-disk");
    await mkdir(join(onDisk.jobDir, RUN_ID), { recursive: true });
    expect(ran(await runJob(onDisk, run, { trigger: "manual" })).entry.id).toBe(`${RUN_ID}-2`);

    const inIndex = job("taken-in-index");
    await mkdir(inIndex.jobDir, { recursive: true });
    await writeRunIndex(inIndex.jobDir, {
      format: INDEX_FORMAT,
      job: "taken-in-index",
      kind: "gap",
      runs: [runEntry(RUN_ID, NOW.toISOString(), { status: "failed", pack_dir: null, error: "earlier" })],
    });
    expect(ran(await runJob(inIndex, run, { trigger: "manual" })).entry.id).toBe(`${RUN_ID}-2`);
  });

  it("records an aborted run as failed and notifies nobody", async () => {
    const recorder = reportRecorder();
    const { settings: run } = settings({ notifyTargets: [recorder] });
    const stop = new AbortController();
    stop.abort(new Error("second SIGTERM"));
    const aborted = job("aborted");
    const served = org.sim.requests.length;
    const outcome = ran(await runJob(aborted, run, { trigger: "schedule", signal: stop.signal }));
    expect(outcome.status).toBe("failed");
    expect(outcome.entry.pack_dir).toBeNull();
    expect(outcome.notifications).toEqual([]);
    expect(recorder.reports).toEqual([]);
    // Refused before any request was sent.
    expect(org.sim.requests.length).toBe(served);
    expect((await readRunIndex(aborted.jobDir, "aborted", "gap")).runs).toEqual([outcome.entry]);
  });

  it("skips a run while another holds the job's lock, naming the holder", async () => {
    const busy = job("busy");
    await mkdir(busy.jobDir, { recursive: true });
    const attempt = await acquireJobLock(busy.jobDir, "2026-11-15T020000Z", new Date("2026-11-15T02:00:00Z"));
    if (!attempt.acquired) throw new Error("expected the lock");
    const { settings: run, captured } = settings({ target: null });
    try {
      const outcome = await runJob(busy, run, { trigger: "schedule" });
      expect(outcome).toEqual({ status: "skipped", holder: attempt.lock.holder });
    } finally {
      await attempt.lock.release();
    }
    const warning = captured.records.find((record) => record.level === "warn");
    expect(warning).toMatchObject({
      msg: "skipped: the job is locked by another run",
      job: "busy",
      holder_pid: process.pid,
      holder_host: hostname(),
      holder_run: "2026-11-15T020000Z",
    });
    expect(typeof warning!.heartbeat).toBe("string");
    expect(Number.isNaN(Date.parse(warning!.heartbeat as string))).toBe(false);
    expect(await readdir(busy.jobDir)).toEqual([]);
  });

  it("takes over a stale lock, saying whose and why, and removes what an interrupted run left", async () => {
    const untidy = job("untidy");
    await mkdir(join(untidy.jobDir, ".2026-11-14T020000Z.collect.partial-x1"), { recursive: true });
    await mkdir(join(untidy.jobDir, ".2026-11-14T020000Z.partial-abc123"), { recursive: true });
    // A holder on this host whose process is gone (no process has the largest pid).
    const gone = { pid: 2_147_483_646, host: hostname(), started: "2026-11-14T02:00:00Z", run: "2026-11-14T020000Z" };
    await writeFile(join(untidy.jobDir, LOCK_FILE), `${JSON.stringify(gone)}\n`);
    const { settings: run, captured } = settings({ target: null });
    const outcome = ran(await runJob(untidy, run, { trigger: "schedule" }));
    expect(outcome.entry.id).toBe(RUN_ID);
    expect(captured.records.find((record) => record.msg === "took over a stale lock")).toMatchObject({
      level: "warn",
      job: "untidy",
      why: `process ${gone.pid} on this host is gone`,
      stale_pid: gone.pid,
      stale_host: gone.host,
      stale_run: gone.run,
    });
    expect(captured.records.find((record) => record.msg.startsWith("removed work folders"))).toMatchObject({
      level: "info",
      msg: "removed work folders left by an interrupted run",
      job: "untidy",
      folders: ".2026-11-14T020000Z.collect.partial-x1,.2026-11-14T020000Z.partial-abc123",
    });
    expect(await readdir(untidy.jobDir)).toEqual(["index.json"]);
    expect(existsSync(join(untidy.jobDir, LOCK_FILE))).toBe(false);
  });

  it("says nothing of a lock or work folders when there were none", async () => {
    const { settings: run, captured } = settings({ target: null });
    await runJob(job("tidy"), run, { trigger: "manual" });
    expect(captured.records.map((record) => [record.level, record.msg])).toEqual([
      ["info", "run started"],
      ["error", expect.stringMatching(/^run failed/)],
      ["warn", "notifications not sent: no Datadog org to send them with"],
    ]);
  });
});
