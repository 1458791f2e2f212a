/**
 * The small parts of a scheduled run, called directly with built inputs: the
 * previous pack a run compares with and the gaps it opened and closed, a
 * fleet's gaps (each once, with its orgs) and its changes since the fleet's
 * previous run, and which Datadog org a run's notifications are sent with.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Assessment } from "../../src/assess/schema.js";
import type { DatadogTarget } from "../../src/datadog/credentials.js";
import { MANIFEST_FILE, MANIFEST_FORMAT } from "../../src/pack/manifest.js";
import { ASSESSMENT_JSON } from "../../src/report/formats/assessment-json.js";
import { SNAPSHOT_JSON } from "../../src/report/formats/snapshot-json.js";
import { gapKey, gapsOf } from "../../src/report/gaps.js";
import { type FleetGap, fleetChanges, fleetGaps, previousFleetGaps } from "../../src/schedule/fleet-gaps.js";
import { INDEX_FORMAT, type RunEntry, type RunIndex } from "../../src/schedule/history-index.js";
import type { NotifyContext, NotifyTarget, RunReport } from "../../src/schedule/notify/contract.js";
import { notifyRun } from "../../src/schedule/notify-run.js";
import { changesSincePrevious, previousPackOf } from "../../src/schedule/previous-run.js";
import type { FleetJobOrg, NotifySettings } from "../../src/schedule/scheduled-job.js";
import { attestation } from "../assess/fixtures/catalogs.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { assessed } from "../report/data/fixtures/report-input.js";
import { captureLog, settingsFor, testJob } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

/** Every gap of the fixture org: four controls, then three techniques. */
const FULL = assessed();
/** Control 3 accepted by attestation: no longer a gap. */
const ACCEPTED = assessed({
  attestations: [attestation("test-fw", "3", "risk_acceptance", "2026-09-01", "2026-12-31")],
});
/** The test framework only: no technique gaps. */
const CONTROLS_ONLY = assessed({ frameworks: ["test-fw"] });

const TECHNIQUES = ["mitre-attack:T1110.001", "mitre-attack:T1566", "mitre-attack:T1059"];

function keysAndOrgs(gaps: readonly FleetGap[]): Array<[string, string[]]> {
  return gaps.map(({ gap, orgs }) => [gapKey(gap), orgs]);
}

function index(runs: RunEntry[]): RunIndex {
  return { format: INDEX_FORMAT, job: "nightly", kind: "gap", runs };
}

describe("fleetGaps", () => {
  it("lists each gap once, in the first org's order by name, with every org it is a gap in", () => {
    const orgs = [
      { name: "us-east", assessment: FULL.assessment },
      { name: "eu-west", assessment: ACCEPTED.assessment },
      { name: "ap-south", assessment: CONTROLS_ONLY.assessment },
    ];
    const gaps = fleetGaps(orgs);
    expect(keysAndOrgs(gaps)).toEqual([
      ["test-fw:3", ["ap-south", "us-east"]],
      ["test-fw:2.1", ["ap-south", "eu-west", "us-east"]],
      ["test-fw:1.2", ["ap-south", "eu-west", "us-east"]],
      ["test-fw:2.2", ["ap-south", "eu-west", "us-east"]],
      ...TECHNIQUES.map((key): [string, string[]] => [key, ["eu-west", "us-east"]]),
    ]);
    // The wording is the first org's by name, and the caller's list is left in its order.
    expect(gaps[0]!.gap).toEqual(gapsOf(CONTROLS_ONLY.assessment)[0]);
    expect(gaps[4]!.gap).toEqual(gapsOf(ACCEPTED.assessment)[3]);
    expect(orgs.map(({ name }) => name)).toEqual(["us-east", "eu-west", "ap-south"]);
  });

  it("is empty for no orgs", () => {
    expect(fleetGaps([])).toEqual([]);
  });
});

describe("fleetChanges", () => {
  it("names the gaps opened and closed since the previous run, with its id", () => {
    const previous = fleetGaps([{ name: "eu-west", assessment: ACCEPTED.assessment }]);
    const current = fleetGaps([{ name: "eu-west", assessment: CONTROLS_ONLY.assessment }]);
    const changes = fleetChanges(current, { id: "2026-11-28T020000Z", gaps: previous });
    expect(changes.previous).toBe("2026-11-28T020000Z");
    expect(changes.new_gaps.map(gapKey)).toEqual(["test-fw:3"]);
    expect(changes.closed_gaps.map(gapKey)).toEqual(TECHNIQUES);
    expect(changes.new_gaps[0]).toBe(current[0]!.gap);
    expect(changes.closed_gaps[0]).toBe(previous[3]!.gap);
    expect(Object.keys(changes)).toEqual(["previous", "new_gaps", "closed_gaps"]);
  });

  it("finds nothing opened or closed between the same gaps", () => {
    const gaps = fleetGaps([{ name: "us-east", assessment: FULL.assessment }]);
    expect(fleetChanges(gaps, { id: "2026-11-28T020000Z", gaps })).toEqual({
      previous: "2026-11-28T020000Z",
      new_gaps: [],
      closed_gaps: [],
    });
  });
});

const PREVIOUS = "2026-11-28T020000Z";

/** A fleet pack's manifest naming `orgs` (or none, for a pack written before fleets). */
function fleetManifest(orgs: string[] | null): string {
  return JSON.stringify({
    format: MANIFEST_FORMAT,
    tool: { name: "ddproof", version: "0.1.0" },
    kind: "gap",
    period: { label: "last-24h", from: "2026-11-27T02:00:00Z", to: "2026-11-28T02:00:00Z", timezone: "UTC" },
    collected_at: "2026-11-28T02:00:01Z",
    complete: true,
    missing_evidence: [],
    catalogs: {},
    files: [],
    ...(orgs === null
      ? {}
      : { fleet: { orgs: orgs.map((name) => ({ name, manifest_sha256: "0".repeat(64), complete: true })) } }),
  });
}

/** A fleet job folder: the fleet's previous pack and each org's assessment in `<org>/<run>/`. */
function fleetJobDir(manifestOrgs: string[] | null, assessments: Record<string, Assessment | string>): string {
  const files: Record<string, string> = { [join("fleet", PREVIOUS, MANIFEST_FILE)]: fleetManifest(manifestOrgs) };
  for (const [name, assessment] of Object.entries(assessments))
    files[join(name, PREVIOUS, ASSESSMENT_JSON)] =
      typeof assessment === "string" ? assessment : JSON.stringify(assessment);
  return scratchDir("fleet-gaps", files);
}

describe("previousFleetGaps", () => {
  it("reads the gaps of every org the previous fleet pack lists", async () => {
    const jobDir = fleetJobDir(["eu-west", "ap-south"], {
      "eu-west": ACCEPTED.assessment,
      "ap-south": CONTROLS_ONLY.assessment,
    });
    const { log, records } = captureLog();
    const previous = await previousFleetGaps(jobDir, join(jobDir, "fleet"), PREVIOUS, log);
    expect(previous?.id).toBe(PREVIOUS);
    expect(keysAndOrgs(previous?.gaps ?? [])).toEqual([
      ["test-fw:3", ["ap-south"]],
      ["test-fw:2.1", ["ap-south", "eu-west"]],
      ["test-fw:1.2", ["ap-south", "eu-west"]],
      ["test-fw:2.2", ["ap-south", "eu-west"]],
      ...TECHNIQUES.map((key): [string, string[]] => [key, ["eu-west"]]),
    ]);
    expect(records).toEqual([]);
  });

  it("has no gaps when the previous pack names no orgs", async () => {
    const jobDir = fleetJobDir(null, { "eu-west": ACCEPTED.assessment });
    const { log, records } = captureLog();
    expect(await previousFleetGaps(jobDir, join(jobDir, "fleet"), PREVIOUS, log)).toEqual({
      id: PREVIOUS,
      gaps: [],
    });
    expect(records).toEqual([]);
  });

  it("is null, with a warning, when one org's pack cannot be read", async () => {
    const jobDir = fleetJobDir(["ap-south", "eu-west"], { "ap-south": CONTROLS_ONLY.assessment });
    const { log, records } = captureLog();
    expect(await previousFleetGaps(jobDir, join(jobDir, "fleet"), PREVIOUS, log)).toBeNull();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: "warn",
      msg: "the fleet's previous run cannot be read; the fleet is not compared with it",
      previous: PREVIOUS,
    });
    expect(records[0]!.error).toContain(join(jobDir, "eu-west", PREVIOUS, ASSESSMENT_JSON));
  });

  it("is null, with a warning naming the file, when an org's assessment is not one", async () => {
    const jobDir = fleetJobDir(["ap-south"], { "ap-south": JSON.stringify({ frameworks: "none" }) });
    const { log, records } = captureLog();
    expect(await previousFleetGaps(jobDir, join(jobDir, "fleet"), PREVIOUS, log)).toBeNull();
    expect(records.map((record) => record.msg)).toEqual([
      "the fleet's previous run cannot be read; the fleet is not compared with it",
    ]);
    expect(records[0]!.error).toContain(join(jobDir, "ap-south", PREVIOUS, ASSESSMENT_JSON));
  });

  it("is null, with a warning, when the fleet's previous pack is gone", async () => {
    const jobDir = scratchDir("fleet-gaps");
    const { log, records } = captureLog();
    expect(await previousFleetGaps(jobDir, join(jobDir, "fleet"), PREVIOUS, log)).toBeNull();
    expect(records).toHaveLength(1);
    expect(records[0]!.error).toContain(join(jobDir, "fleet", PREVIOUS, MANIFEST_FILE));
  });
});

/** A job folder holding a readable pack (snapshot and assessment) for each run id given. */
function jobDirWithPacks(packs: Record<string, ReturnType<typeof assessed>>): string {
  const files: Record<string, string> = {};
  for (const [id, run] of Object.entries(packs)) {
    files[join(id, SNAPSHOT_JSON)] = JSON.stringify(run.snapshot);
    files[join(id, ASSESSMENT_JSON)] = JSON.stringify(run.assessment);
  }
  return scratchDir("previous-run", files);
}

describe("previousPackOf", () => {
  it("is null when the job has no run with a pack", async () => {
    const jobDir = scratchDir("previous-run");
    const { log, records } = captureLog();
    expect(await previousPackOf(jobDir, index([]), log)).toBeNull();
    const failed = runEntry(PREVIOUS, "2026-11-28T02:00:00Z", { status: "failed", pack_dir: null });
    expect(await previousPackOf(jobDir, index([failed]), log)).toBeNull();
    expect(records).toEqual([]);
  });

  it("reads the latest run with a pack, incomplete ones too", async () => {
    const jobDir = jobDirWithPacks({ "2026-11-27T020000Z": FULL, [PREVIOUS]: ACCEPTED });
    const { log, records } = captureLog();
    const runs = [
      runEntry(PREVIOUS, "2026-11-28T02:00:00Z", { status: "incomplete" }),
      runEntry("2026-11-27T020000Z", "2026-11-27T02:00:00Z"),
      runEntry("2026-11-29T020000Z", "2026-11-29T02:00:00Z", { status: "failed", pack_dir: null }),
    ];
    const previous = await previousPackOf(jobDir, index(runs), log);
    expect(previous?.id).toBe(PREVIOUS);
    expect(previous?.dir).toBe(join(jobDir, PREVIOUS));
    expect(previous?.run.label).toBe(PREVIOUS);
    expect(previous?.run.assessment).toEqual(JSON.parse(JSON.stringify(ACCEPTED.assessment)));
    expect(records).toEqual([]);
  });

  it("is null, with a warning naming the run, when that pack cannot be read", async () => {
    const jobDir = jobDirWithPacks({ "2026-11-27T020000Z": FULL });
    const { log, records } = captureLog();
    const runs = [runEntry("2026-11-27T020000Z", "2026-11-27T02:00:00Z"), runEntry(PREVIOUS, "2026-11-28T02:00:00Z")];
    expect(await previousPackOf(jobDir, index(runs), log)).toBeNull();
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      level: "warn",
      msg: "the previous run's pack cannot be read; this run is not compared with it",
      previous: PREVIOUS,
    });
    expect(records[0]!.error).toContain(join(jobDir, PREVIOUS, SNAPSHOT_JSON));
  });
});

describe("changesSincePrevious", () => {
  it("names the previous run and the gaps opened and closed since it, nothing else", async () => {
    const jobDir = jobDirWithPacks({ [PREVIOUS]: ACCEPTED });
    const { log } = captureLog();
    const previous = await previousPackOf(jobDir, index([runEntry(PREVIOUS, "2026-11-28T02:00:00Z")]), log);
    const pack = { ...FULL, manifest: {} as never, plan: null };
    const opened = changesSincePrevious(pack, previous!);
    expect(Object.keys(opened)).toEqual(["previous", "new_gaps", "closed_gaps"]);
    expect(opened.previous).toBe(PREVIOUS);
    expect(opened.new_gaps.map(gapKey)).toEqual(["test-fw:3"]);
    expect(opened.closed_gaps).toEqual([]);

    const closed = changesSincePrevious(
      { ...CONTROLS_ONLY, manifest: {} as never, plan: null },
      { ...previous!, id: "2026-11-28T020000Z-2" },
    );
    expect(closed.previous).toBe("2026-11-28T020000Z-2");
    expect(closed.new_gaps.map(gapKey)).toEqual(["test-fw:3"]);
    expect(closed.closed_gaps.map(gapKey)).toEqual(TECHNIQUES);
  });
});

/** A notification target that records what it was given; `ok: true` unless told to fail. */
function recorder() {
  const seen: { settings: NotifySettings[]; targets: DatadogTarget[]; signals: AbortSignal[]; reports: RunReport[] } = {
    settings: [],
    targets: [],
    signals: [],
    reports: [],
  };
  const target: NotifyTarget = {
    id: "recorder",
    enabled(settings) {
      seen.settings.push(settings);
      return true;
    },
    async send(report, _settings, ctx: NotifyContext) {
      seen.reports.push(report);
      seen.signals.push(ctx.signal);
      seen.targets.push((await ctx.session()).target);
    },
  };
  return { target, seen };
}

function orgTarget(name: string): DatadogTarget {
  return { apiKey: `${name}-api`, appKey: `${name}-app`, site: "datadoghq.com", apiUrl: "http://127.0.0.1:9" };
}

function fleetOrg(name: string): FleetJobOrg {
  return {
    name,
    org: { name } as FleetJobOrg["org"],
    inputs: { frameworks: [], userDirs: [], attestationsFile: null },
  };
}

const REPORT: RunReport = {
  job: { name: "nightly", kind: "gap" },
  run: runEntry(PREVIOUS, "2026-11-28T02:00:00Z"),
  changes: null,
  pack: null,
};

describe("notifyRun", () => {
  const sim = { url: "http://127.0.0.1:9" } as Parameters<typeof settingsFor>[0];

  it("sends with the job's org, the job's notify settings and the run's signal", async () => {
    const { target, seen } = recorder();
    const { log } = captureLog();
    const notify: NotifySettings = { datadogEvent: true, datadogMetrics: false, slackWebhook: null };
    const job = testJob("/nowhere", "nightly", { notify });
    const settings = settingsFor(sim, log, { notifyTargets: [target], orgTargets: new Map() });
    const signal = new AbortController().signal;
    expect(await notifyRun(REPORT, job, settings, log, signal)).toEqual([{ target: "recorder", ok: true }]);
    expect(seen.settings).toEqual([notify]);
    expect(seen.reports).toEqual([REPORT]);
    expect(seen.targets).toEqual([settings.target]);
    expect(seen.signals[0]).toBe(signal);
  });

  it("sends a fleet's one message with its first org's keys, and a live signal when the run has none", async () => {
    const { target, seen } = recorder();
    const { log } = captureLog();
    const job = testJob("/nowhere", "fleet", { fleet: [fleetOrg("ap-south"), fleetOrg("eu-west")] });
    const orgTargets = new Map([
      ["eu-west", orgTarget("eu-west")],
      ["ap-south", orgTarget("ap-south")],
    ]);
    const settings = settingsFor(sim, log, { notifyTargets: [target], orgTargets });
    expect(await notifyRun(REPORT, job, settings, log, undefined)).toEqual([{ target: "recorder", ok: true }]);
    expect(seen.targets).toEqual([orgTarget("ap-south")]);
    expect(seen.signals[0]).toBeInstanceOf(AbortSignal);
    expect(seen.signals[0]!.aborted).toBe(false);
  });

  it("sends nothing, with a warning, when a fleet's first org has no keys (not the default org's)", async () => {
    const { target, seen } = recorder();
    const { log, records } = captureLog();
    const job = testJob("/nowhere", "fleet", { fleet: [fleetOrg("ap-south"), fleetOrg("eu-west")] });
    const settings = settingsFor(sim, log, {
      notifyTargets: [target],
      orgTargets: new Map([["eu-west", orgTarget("eu-west")]]),
    });
    expect(await notifyRun(REPORT, job, settings, log, undefined)).toEqual([]);
    expect(seen.settings).toEqual([]);
    expect(records.map(({ level, msg }) => [level, msg])).toEqual([
      ["warn", "notifications not sent: no Datadog org to send them with"],
    ]);
  });

  it("sends nothing, with a warning, for a fleet job when no org has keys at all", async () => {
    const { target, seen } = recorder();
    const { log, records } = captureLog();
    const job = testJob("/nowhere", "fleet", { fleet: [fleetOrg("ap-south")] });
    const settings = settingsFor(sim, log, { notifyTargets: [target] });
    expect(await notifyRun(REPORT, job, settings, log, undefined)).toEqual([]);
    expect(seen.settings).toEqual([]);
    expect(records.map(({ level, msg }) => [level, msg])).toEqual([
      ["warn", "notifications not sent: no Datadog org to send them with"],
    ]);
  });

  it("sends nothing, with a warning, when a single-org job has no org to send with", async () => {
    const { target, seen } = recorder();
    const { log, records } = captureLog();
    const settings = settingsFor(sim, log, { target: null, notifyTargets: [target] });
    expect(await notifyRun(REPORT, testJob("/nowhere", "nightly"), settings, log, undefined)).toEqual([]);
    expect(seen.settings).toEqual([]);
    expect(records.map(({ level, msg }) => [level, msg])).toEqual([
      ["warn", "notifications not sent: no Datadog org to send them with"],
    ]);
  });
});
