/**
 * A fleet job's run, step by step at the least cost: two orgs served by one
 * simulated org, JSON formats only (the HTML, CSV and PDF packs are tested by
 * fleet-job.test.ts). The run id shared by every history (and the next suffix
 * when any of them holds it), the period, an org without keys, the fleet pack
 * made from the org packs written, the report every notification target is
 * handed, the comparison with the fleet's previous run, an abort, and the work
 * folders an interrupted run left in an org's history.
 */
import { createPrivateKey } from "node:crypto";
import { mkdir, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OrgConfig } from "../../src/config/schema.js";
import { FLEET_FORMATS } from "../../src/fleet/formats/index.js";
import { Manifest } from "../../src/pack/manifest.js";
import { generateSigningKeyPair, SIGNATURE_FILE } from "../../src/pack/sign.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";
import { INDEX_FORMAT, readRunIndex, writeRunIndex } from "../../src/schedule/history-index.js";
import { type RunOutcome, type RunSettings, runJob } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";
import { captureLog, reportRecorder, settingsFor, TEST_FRAMEWORKS, testJob } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

const org = useSimulator();
const root = scratchDir("fleet-job-steps");
/** What the fleet pack reads of a gap job's org packs. */
const JSON_FORMATS = REPORT_FORMATS.filter((format) =>
  ["snapshot-json", "assessment-json", "actions-json"].includes(format.id),
);
const FLEET_JSON = FLEET_FORMATS.filter((format) => format.id === "fleet-json");
const ORGS = ["eu", "us"] as const;
const NOW = new Date("2026-11-15T02:00:30Z");
const RUN_ID = "2026-11-15T020030Z";
const NO_NOTIFICATIONS: ScheduledJob["notify"] = { datadogEvent: false, datadogMetrics: false, slackWebhook: null };

function fleetJob(name: string, fields: Partial<ScheduledJob> = {}): ScheduledJob {
  return testJob(root, name, {
    notify: NO_NOTIFICATIONS,
    fleet: ORGS.map((orgName) => ({
      name: orgName,
      org: OrgConfig.parse({
        name: orgName,
        site: "datadoghq.com",
        api_key_env: `DD_API_KEY_${orgName.toUpperCase()}`,
        app_key_env: `DD_APP_KEY_${orgName.toUpperCase()}`,
      }),
      inputs: { frameworks: [...TEST_FRAMEWORKS], userDirs: [], attestationsFile: null },
    })),
    ...fields,
  });
}

/** Settings holding keys for `withKeys` (every org served by the one simulated org), at the fixed clock. */
function settings(withKeys: readonly string[], fields: Partial<RunSettings> = {}) {
  const captured = captureLog();
  const target = { apiKey: TEST_API_KEY, appKey: TEST_APP_KEY, site: "datadoghq.com", apiUrl: org.sim.url };
  return {
    captured,
    settings: {
      ...settingsFor(org.sim, captured.log),
      target: null,
      orgTargets: new Map(withKeys.map((name) => [name, target])),
      formats: JSON_FORMATS,
      fleetFormats: FLEET_JSON,
      clock: () => NOW,
      ...fields,
    },
  };
}

function ran(outcome: RunOutcome) {
  if (outcome.status === "skipped") throw new Error("the run was skipped");
  return outcome;
}

const noKeys = (name: string) => `no keys were read for org "${name}"`;

describe("a fleet job's run", () => {
  it("records every org without keys as failed, and the fleet as failed naming each org's reason", async () => {
    const job = fleetJob("keyless");
    const { settings: run, captured } = settings([]);
    const outcome = ran(await runJob(job, run, { trigger: "manual" }));
    expect(outcome.status).toBe("failed");
    expect(outcome.entry).toMatchObject({
      id: RUN_ID,
      status: "failed",
      trigger: "manual",
      pack_dir: null,
      error: `no org pack was written (eu: ${noKeys("eu")}; us: ${noKeys("us")})`,
    });
    expect(outcome.orgs!.map(({ name, entry }) => [name, entry.id, entry.status, entry.error])).toEqual([
      ["eu", RUN_ID, "failed", noKeys("eu")],
      ["us", RUN_ID, "failed", noKeys("us")],
    ]);
    // Every history has its index; the run's collection folder is gone.
    expect((await readdir(job.jobDir)).sort()).toEqual(["eu", "fleet", "us"]);
    for (const history of ["eu", "us", "fleet"])
      expect(await readdir(join(job.jobDir, history)), history).toEqual(["index.json"]);
    expect((await readRunIndex(join(job.jobDir, "fleet"), "keyless/fleet", "gap")).runs).toEqual([outcome.entry]);
    expect(captured.records.find((record) => record.msg === "run started")).toMatchObject({
      job: "keyless",
      run: RUN_ID,
      trigger: "manual",
      kind: "gap",
      period: "last-24h",
      orgs: "eu,us",
    });
    // The first org's keys send the notifications: there are none.
    expect(outcome.notifications).toEqual([]);
    expect(captured.messages("warn")).toEqual(["notifications not sent: no Datadog org to send them with"]);
  });

  it("resolves the period at the request's anchor when it has one", async () => {
    const { settings: run, captured } = settings(["eu"]);
    // A failed entry keeps no period: the org collected says which it was.
    await runJob(fleetJob("anchored"), run, { trigger: "missed", anchor: new Date("2026-11-10T02:00:00Z") });
    expect(captured.records.find((record) => record.msg === "collected")).toMatchObject({
      org: "eu",
      period: "last-24h",
    });
    const index = await readRunIndex(join(root, "anchored", "eu"), "anchored/eu", "gap");
    expect(index.runs.map((entry) => [entry.trigger, entry.period])).toEqual([
      ["missed", { label: "last-24h", from: "2026-11-09T02:00:00Z", to: "2026-11-10T02:00:00Z", timezone: "UTC" }],
    ]);
  });

  it("gives the run the next suffix when the id is taken in the job folder, an org's history or the fleet's index", async () => {
    const { settings: run } = settings([]);
    const inJob = fleetJob("taken-in-job");
    await mkdir(join(inJob.jobDir, RUN_ID), { recursive: true });
    const inOrg = fleetJob("taken-in-org");
    await mkdir(join(inOrg.jobDir, "us", RUN_ID), { recursive: true });
    const inIndex = fleetJob("taken-in-index");
    await mkdir(join(inIndex.jobDir, "fleet"), { recursive: true });
    await writeRunIndex(join(inIndex.jobDir, "fleet"), {
      format: INDEX_FORMAT,
      job: "taken-in-index/fleet",
      kind: "gap",
      runs: [runEntry(RUN_ID, NOW.toISOString(), { status: "failed", pack_dir: null, error: "earlier" })],
    });
    for (const job of [inJob, inOrg, inIndex])
      expect(ran(await runJob(job, run, { trigger: "manual" })).entry.id, job.name).toBe(`${RUN_ID}-2`);
  });

  it("removes the work folders an interrupted run left in an org's history, saying which", async () => {
    const job = fleetJob("untidy");
    await mkdir(join(job.jobDir, "eu", ".2026-11-14T020000Z.partial-abc123"), { recursive: true });
    await mkdir(join(job.jobDir, "eu", ".2026-11-14T020000Z.collect.partial-x1"), { recursive: true });
    const { settings: run, captured } = settings([]);
    await runJob(job, run, { trigger: "manual" });
    const removed = captured.records.filter((record) => record.msg.startsWith("removed work folders"));
    expect(removed).toEqual([
      expect.objectContaining({
        level: "info",
        msg: "removed work folders left by an interrupted run",
        job: "untidy",
        history: "eu",
        folders: ".2026-11-14T020000Z.collect.partial-x1,.2026-11-14T020000Z.partial-abc123",
      }),
    ]);
    expect(await readdir(join(job.jobDir, "eu"))).toEqual(["index.json"]);
  });

  it("records an aborted run as failed, every org too, and notifies nobody", async () => {
    const recorder = reportRecorder();
    const { settings: run } = settings(ORGS, { notifyTargets: [recorder] });
    const stop = new AbortController();
    stop.abort(new Error("second SIGTERM"));
    const outcome = ran(await runJob(fleetJob("aborted"), run, { trigger: "schedule", signal: stop.signal }));
    expect(outcome.status).toBe("failed");
    expect(outcome.orgs!.map(({ entry }) => entry.status)).toEqual(["failed", "failed"]);
    expect(outcome.notifications).toEqual([]);
    expect(recorder.reports).toEqual([]);
  });

  describe("with one org's keys, then both", () => {
    const keys = generateSigningKeyPair();
    const job = fleetJob("nightly", { retention: { keep_last: 1 }, signingKey: createPrivateKey(keys.privatePem) });
    /** What the run's collection folder held when the report was sent: every org's part is removed once its pack is in. */
    const workAtReport: string[][] = [];
    const recorder = reportRecorder(async () => {
      const work = (await readdir(job.jobDir)).filter((name) => name.includes(".collect.partial-"));
      expect(work).toHaveLength(1);
      workAtReport.push(await readdir(join(job.jobDir, work[0]!)));
    });
    let first: RunOutcome & { status: "complete" | "incomplete" | "failed" };

    it("writes the org's pack and a fleet pack leaving the other out, and reports each org", async () => {
      const { settings: run, captured } = settings(["eu"], {
        notifyTargets: [recorder],
        fleetFormats: FLEET_FORMATS.filter((format) => ["fleet-json", "fleet-html"].includes(format.id)),
      });
      const startedMs = performance.now();
      first = ran(await runJob(job, run, { trigger: "manual" }));
      const elapsedSeconds = (performance.now() - startedMs) / 1000;
      expect(first.status).toBe("incomplete");
      expect(first.entry).toMatchObject({ id: RUN_ID, status: "incomplete", pack_dir: RUN_ID, error: null });
      expect(first.entry.missing_evidence).toEqual(["us"]);
      expect(first.entry.period).toEqual({
        label: "last-24h",
        from: "2026-11-14T02:00:30Z",
        to: "2026-11-15T02:00:30Z",
        timezone: "UTC",
      });
      expect(first.entry.summary).toMatchObject({ new_gaps: null, closed_gaps: null });
      expect(first.orgs!.map(({ name, entry }) => [name, entry.status, entry.pack_dir])).toEqual([
        ["eu", "complete", RUN_ID],
        ["us", "failed", null],
      ]);
      expect(await readdir(join(job.jobDir, "eu", RUN_ID))).toEqual(
        expect.arrayContaining(["assessment.json", "manifest.json", "snapshot.json"]),
      );
      const euManifest = Manifest.parse(
        JSON.parse(await readFile(join(job.jobDir, "eu", RUN_ID, "manifest.json"), "utf8")),
      );
      expect(euManifest.org).toBe("eu");
      expect(euManifest.chain).toEqual({ job: "nightly/eu", run: RUN_ID, previous: null, retention_removed: [] });
      const fleetManifest = Manifest.parse(
        JSON.parse(await readFile(join(job.jobDir, "fleet", RUN_ID, "manifest.json"), "utf8")),
      );
      expect(fleetManifest.chain).toEqual({ job: "nightly/fleet", run: RUN_ID, previous: null, retention_removed: [] });
      expect(captured.records.find((record) => record.msg === "collected")).toMatchObject({
        job: "nightly",
        run: RUN_ID,
        org: "eu",
        period: "last-24h",
        complete: true,
      });
      // The run's collection folder (and the org's snapshot in it) is gone; the org's part went before the report.
      expect((await readdir(job.jobDir)).sort()).toEqual(["eu", "fleet", "us"]);
      expect(workAtReport).toEqual([[]]);

      // The fleet collected as long as its slowest org (the one without keys collected nothing), within the run.
      const eu = first.orgs![0]!.entry.summary!;
      const fleet = first.entry.summary!;
      expect(fleet.collect_seconds).toBe(eu.collect_seconds);
      expect(eu.collect_seconds).toBeGreaterThan(0);
      expect(eu.collect_seconds).toBeLessThanOrEqual(eu.duration_seconds);
      expect(fleet.collect_seconds).toBeLessThanOrEqual(fleet.duration_seconds);
      expect(fleet.duration_seconds).toBeLessThanOrEqual(elapsedSeconds);

      // Both packs signed with the job's key; the fleet page links to the org's page in its own history.
      expect(await readdir(join(job.jobDir, "fleet", RUN_ID))).toContain(SIGNATURE_FILE);
      expect(await readdir(join(job.jobDir, "eu", RUN_ID))).toContain(SIGNATURE_FILE);
      const page = await readFile(join(job.jobDir, "fleet", RUN_ID, "report.html"), "utf8");
      expect(page).toContain(`href="../../eu/${RUN_ID}/report.html"`);

      expect(recorder.reports).toHaveLength(1);
      const report = recorder.reports[0]!;
      expect(report.run).toEqual(first.entry);
      expect(report.pack).toBe(`nightly/fleet/${RUN_ID}`);
      expect(report.changes).toBeNull();
      expect(report.orgs!.map(({ name, pack, changes }) => [name, pack, changes])).toEqual([
        ["eu", `nightly/eu/${RUN_ID}`, null],
        ["us", null, null],
      ]);
      expect(report.orgs!.map(({ run }) => run)).toEqual(first.orgs!.map(({ entry }) => entry));
    });

    it("compares the next run with the fleet's previous one, and each org with its own", async () => {
      const later = new Date("2026-11-16T02:00:30Z");
      const { settings: run, captured } = settings(ORGS, { notifyTargets: [recorder], clock: () => later });
      const second = ran(await runJob(job, run, { trigger: "manual" }));
      expect(second.status).toBe("complete");
      expect(second.entry.missing_evidence).toEqual([]);
      const report = recorder.reports[1]!;
      expect(report.changes!.previous).toBe(RUN_ID);
      expect(second.entry.summary!.new_gaps).toBe(report.changes!.new_gaps.length);
      expect(second.entry.summary!.closed_gaps).toBe(report.changes!.closed_gaps.length);
      expect(report.orgs!.map(({ name, changes }) => [name, changes?.previous ?? null])).toEqual([
        ["eu", RUN_ID],
        ["us", null],
      ]);
      expect(second.entry.summary!.collect_seconds).toBeGreaterThan(0);

      // keep_last: 1 in every history: the first run is gone from each, each history saying so.
      const SECOND = "2026-11-16T020030Z";
      for (const history of ["eu", "fleet"])
        expect((await readdir(join(job.jobDir, history))).sort(), history).toEqual([SECOND, "index.json"]);
      expect((await readdir(join(job.jobDir, "us"))).sort()).toEqual([SECOND, "index.json"]);
      const finished = captured.records.filter((record) => record.msg === "run finished").map((record) => record.org);
      expect(finished.sort()).toEqual(["eu", "fleet", "us"]);
      const pruned = captured.records.filter((record) => record.msg.startsWith("retention removed"));
      // The org without a pack in the first run had its failed entry removed from its index.
      expect(pruned.map((record) => [record.org, record.runs]).sort()).toEqual([
        ["eu", RUN_ID],
        ["fleet", RUN_ID],
        ["us", RUN_ID],
      ]);
    });
  });
});
