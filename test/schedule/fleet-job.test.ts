/**
 * A fleet job (`orgs:` in a job) run in-process against two simulated orgs
 * over HTTP: each org's history and the fleet's, the diff of each against its
 * own previous run, one notification naming every org, an org that fails,
 * and `verify-history` over every history of the job.
 */
import { createPrivateKey } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Assessment } from "../../src/assess/schema.js";
import { runJobExitCode } from "../../src/cli/run-job.js";
import { OrgConfig } from "../../src/config/schema.js";
import { FLEET_FORMATS } from "../../src/fleet/formats/index.js";
import { FleetAssessment } from "../../src/fleet/schema.js";
import { Manifest } from "../../src/pack/manifest.js";
import { generateSigningKeyPair } from "../../src/pack/sign.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";
import { gapKey, gapsOf } from "../../src/report/gaps.js";
import { INDEX_FORMAT, type RunIndex, readRunIndex, writeRunIndex } from "../../src/schedule/history-index.js";
import { type RunOutcome, runJob } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import { JobScheduler } from "../../src/schedule/scheduler.js";
import { ORG_PROFILES, type RunningFleet, startFleetSimulators } from "../../src/simulator/fleet.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { captureLog, settingsFor, TEST_FRAMEWORKS, testJob } from "./job-fixtures.js";
import { runEntry } from "./run-entry.js";

const root = scratchDir("fleet-job");
/**
 * PDFs take seconds to render on a busy machine and are tested elsewhere: the data files are enough
 * here, and the HTML pages, whose links between the fleet's history and each org's are the job's own.
 */
const DATA_FORMATS = REPORT_FORMATS.filter((format) => /-(csv|json|layer)$|^html-report$/.test(format.id));
const FLEET_DATA_FORMATS = FLEET_FORMATS.filter((format) => /-(csv|json|layer|html)$/.test(format.id));
const ORGS = ["eu", "us"] as const;
const keys = generateSigningKeyPair();
const publicKeyFile = join(root, "signing.pub.pem");

let fleet: RunningFleet;
let job: ScheduledJob;

function simOf(name: string) {
  return fleet.orgs.find((org) => org.name === name)!.simulator;
}

function orgConfig(name: string): OrgConfig {
  return OrgConfig.parse({
    name,
    site: "datadoghq.com",
    api_key_env: `DD_API_KEY_${name.toUpperCase()}`,
    app_key_env: `DD_APP_KEY_${name.toUpperCase()}`,
    api_url: fleet.orgs.find((org) => org.name === name)!.url,
  });
}

function settings(orgs: readonly string[] = ORGS) {
  const { log, records } = captureLog();
  const target = (name: string) => ({
    apiKey: TEST_API_KEY,
    appKey: TEST_APP_KEY,
    site: "datadoghq.com",
    apiUrl: fleet.orgs.find((org) => org.name === name)!.url,
  });
  return {
    records,
    settings: {
      ...settingsFor(fleet.orgs[0]!.simulator, log, { formats: DATA_FORMATS, fleetFormats: FLEET_DATA_FORMATS }),
      target: null,
      orgTargets: new Map(orgs.map((name) => [name, target(name)])),
    },
  };
}

function ran(outcome: RunOutcome) {
  if (outcome.status === "skipped") throw new Error("the run was skipped");
  return outcome;
}

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, "utf8"));

async function gapKeys(dir: string): Promise<Set<string>> {
  const assessment = Assessment.parse(await readJson(join(dir, "assessment.json")));
  return new Set(gapsOf(assessment).map(gapKey));
}

/** The fleet's gaps, recomputed here: every org's gap keys of the run. */
async function fleetGapKeys(run: string): Promise<Set<string>> {
  const keysOfOrgs = await Promise.all(ORGS.map((org) => gapKeys(join(job.jobDir, org, run))));
  return new Set(keysOfOrgs.flatMap((set) => [...set]));
}

interface ReceivedEvent {
  title: string;
  text: string;
  tags: string[];
}

beforeAll(async () => {
  fleet = await startFleetSimulators({ orgs: ORG_PROFILES.filter((profile) => profile.name !== "degraded") });
  await writeFile(publicKeyFile, keys.publicPem);
  job = testJob(root, "nightly", {
    kind: "attack",
    retention: { keep_last: 3 },
    signingKey: createPrivateKey(keys.privatePem),
    fleet: ORGS.map((name) => ({
      name,
      org: orgConfig(name),
      inputs: { frameworks: [...TEST_FRAMEWORKS], userDirs: [], attestationsFile: null },
    })),
  });
});
afterAll(async () => {
  await fleet.close();
});

describe("a fleet job: each org's history and the fleet's", () => {
  let first = "";
  let second = "";

  it("collects both orgs, writes each org's pack and the fleet pack, incomplete for the org whose hosts fail", async () => {
    simOf("us").setFaults("hosts:status=403");
    const { settings: runSettings } = settings();
    const outcome = ran(await runJob(job, runSettings, { trigger: "manual" }));
    first = outcome.entry.id;
    expect(outcome.status).toBe("incomplete");
    expect(runJobExitCode(outcome)).toBe(3);
    expect(outcome.orgs?.map(({ name, entry }) => [name, entry.status])).toEqual([
      ["eu", "complete"],
      ["us", "incomplete"],
    ]);
    expect(outcome.entry.missing_evidence).toEqual(["us/agents"]);

    const fleetManifest = Manifest.parse(await readJson(join(job.jobDir, "fleet", first, "manifest.json")));
    expect(fleetManifest.complete).toBe(false);
    expect(fleetManifest.fleet?.orgs.map((org) => [org.name, org.complete])).toEqual([
      ["eu", true],
      ["us", false],
    ]);
    expect(fleetManifest.chain).toEqual({ job: "nightly/fleet", run: first, previous: null, retention_removed: [] });
    for (const org of ORGS) {
      const manifest = Manifest.parse(await readJson(join(job.jobDir, org, first, "manifest.json")));
      expect({ org: manifest.org, chain: manifest.chain?.job }).toEqual({ org, chain: `nightly/${org}` });
      const index = await readRunIndex(join(job.jobDir, org), "", "attack");
      expect({ job: index.job, runs: index.runs.map((run) => run.id) }).toEqual({
        job: `nightly/${org}`,
        runs: [first],
      });
    }
    const fleetIndex = await readRunIndex(join(job.jobDir, "fleet"), "", "attack");
    expect(fleetIndex.runs).toEqual([outcome.entry]);
    expect(fleetIndex.runs[0]!.summary!.gaps).toBe((await fleetGapKeys(first)).size);
    expect(fleetIndex.runs[0]!.summary!.new_gaps).toBeNull();

    // The fleet page's org links lead to this run's page in each org's own history.
    const fleetPage = await readFile(join(job.jobDir, "fleet", first, "report.html"), "utf8");
    const orgLinks = [...fleetPage.matchAll(/href="([^"#][^"]*\/report\.html)"/g)].map((match) => match[1]!);
    expect([...new Set(orgLinks)].sort()).toEqual(ORGS.map((org) => `../../${org}/${first}/report.html`));
    for (const link of orgLinks) expect(existsSync(join(job.jobDir, "fleet", first, link))).toBe(true);

    // One message for the run, sent with the first org's keys, naming each org.
    expect(simOf("us").received.events).toHaveLength(0);
    expect(simOf("eu").received.events).toHaveLength(1);
    const event = simOf("eu").received.events[0] as ReceivedEvent;
    expect(event.tags).toEqual(["source:ddproof", "job:nightly", "kind:attack", "status:incomplete"]);
    expect(event.text).toContain("INCOMPLETE evidence, not collected: us/agents");
    expect(event.text).toMatch(/Org eu: complete evidence, \d+ gaps \(no earlier run to compare with\)/);
    expect(event.text).toMatch(/Org us: INCOMPLETE evidence, not collected: agents, \d+ gaps/);
    expect(event.text).toContain(`Pack: nightly/fleet/${first}`);
  });

  it("compares the second run of each org and of the fleet with its own previous run", async () => {
    simOf("us").setFaults("");
    const { settings: runSettings } = settings();
    const outcome = ran(await runJob(job, runSettings, { trigger: "schedule" }));
    second = outcome.entry.id;
    expect(second).not.toBe(first);
    expect(outcome.status).toBe("complete");
    expect(runJobExitCode(outcome)).toBe(0);

    for (const org of ORGS) {
      const manifest = Manifest.parse(await readJson(join(job.jobDir, org, second, "manifest.json")));
      expect(manifest.chain?.previous?.run).toBe(first);
      const before = await gapKeys(join(job.jobDir, org, first));
      const after = await gapKeys(join(job.jobDir, org, second));
      const entry = outcome.orgs!.find((candidate) => candidate.name === org)!.entry;
      expect([entry.summary!.new_gaps, entry.summary!.closed_gaps]).toEqual([
        [...after].filter((key) => !before.has(key)).length,
        [...before].filter((key) => !after.has(key)).length,
      ]);
    }
    // The hosts came back: the US org's agent controls are known again.
    expect(outcome.orgs!.find((org) => org.name === "us")!.entry.summary!.closed_gaps).toBeGreaterThan(0);

    const before = await fleetGapKeys(first);
    const after = await fleetGapKeys(second);
    const closed = [...before].filter((key) => !after.has(key));
    const opened = [...after].filter((key) => !before.has(key));
    expect(outcome.entry.summary).toMatchObject({
      gaps: after.size,
      new_gaps: opened.length,
      closed_gaps: closed.length,
    });

    const fleetJson = FleetAssessment.parse(await readJson(join(job.jobDir, "fleet", second, "fleet.json")));
    expect(fleetJson.complete).toBe(true);
    expect(outcome.entry.summary!.frameworks).toEqual(
      Object.fromEntries(fleetJson.frameworks.map((framework) => [framework.id, framework.summary])),
    );

    const events = simOf("eu").received.events as ReceivedEvent[];
    expect(events).toHaveLength(2);
    expect(events[1]!.title).toBe(
      `ddproof nightly: ${after.size} gaps (${opened.length} new, ${closed.length} closed)`,
    );
    expect(events[1]!.text).toContain(`closed since run ${first}`);
    expect(events[1]!.text).toMatch(
      new RegExp(`Org eu: complete evidence, \\d+ gaps \\(\\d+ new, \\d+ closed since run ${first}\\)`),
    );
    expect(events[1]!.text).toMatch(
      new RegExp(`Org us: complete evidence, \\d+ gaps \\(0 new, [1-9]\\d* closed since run ${first}\\)`),
    );
  });

  it("leaves an org it cannot run out of the fleet pack, and says so", async () => {
    const { settings: runSettings } = settings(["eu"]);
    const outcome = ran(await runJob(job, runSettings, { trigger: "manual" }));
    expect(outcome.status).toBe("incomplete");
    expect(runJobExitCode(outcome)).toBe(3);
    const us = outcome.orgs!.find((org) => org.name === "us")!.entry;
    expect({ status: us.status, pack: us.pack_dir, error: us.error }).toEqual({
      status: "failed",
      pack: null,
      error: 'no keys were read for org "us"',
    });
    expect(outcome.entry.missing_evidence).toEqual(["us"]);
    const manifest = Manifest.parse(await readJson(join(job.jobDir, "fleet", outcome.entry.id, "manifest.json")));
    expect(manifest.fleet?.orgs.map((org) => org.name)).toEqual(["eu"]);
    const event = (simOf("eu").received.events as ReceivedEvent[]).at(-1)!;
    expect(event.text).toContain('Org us: no pack, the run failed: no keys were read for org "us"');
  });

  it("verifies every org's history and the fleet's, signed and chained, and names the one broken", async () => {
    const intact = await cli(["verify-history", job.jobDir, "--public-key", publicKeyFile]);
    expect(intact.code).toBe(0);
    expect(intact.stdout.split("\n")).toEqual([
      `${join(job.jobDir, "eu")}: history intact, 3 runs (3 chained), 0 removed by retention, 3 signatures valid`,
      `${join(job.jobDir, "us")}: history intact, 2 runs (2 chained), 0 removed by retention, 2 signatures valid`,
      `${join(job.jobDir, "fleet")}: history intact, 3 runs (3 chained), 0 removed by retention, 3 signatures valid`,
    ]);
    const one = await cli(["verify-history", join(job.jobDir, "us"), "--public-key", publicKeyFile]);
    expect(one.code).toBe(0);

    await rm(join(job.jobDir, "eu", second), { recursive: true });
    const broken = await cli(["verify-history", job.jobDir]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`${join(job.jobDir, "eu")}: history BROKEN at run ${second} (removed)`);
    expect(broken.stdout).toContain(`${join(job.jobDir, "fleet")}: history intact`);
  });
});

describe("a fleet job in the daemon", () => {
  /** Starts and stops a scheduler whose runner only records the triggers it was given. */
  async function missedTriggers(scheduled: ScheduledJob): Promise<string[]> {
    const triggers: string[] = [];
    const scheduler = new JobScheduler({
      jobs: [scheduled],
      settings: { ...settings().settings, clock: () => new Date("2026-11-29T09:30:00Z") },
      run: async (_job, _settings, request) => {
        triggers.push(request.trigger);
        return { status: "skipped", holder: null };
      },
    });
    await scheduler.start();
    await scheduler.stop();
    return triggers;
  }

  it("looks for a missed run in the fleet's index, the one every run of the job writes", async () => {
    const daemonJob = { ...job, name: "daemon", jobDir: join(root, "daemon"), runMissedOnStart: true };
    const index = (started: string): RunIndex => ({
      format: INDEX_FORMAT,
      job: "daemon/fleet",
      kind: daemonJob.kind,
      runs: [runEntry(`${started.slice(0, 13)}${started.slice(14, 16)}${started.slice(17, 19)}Z`, started)],
    });
    await writeRunIndex(join(daemonJob.jobDir, "fleet"), index("2026-11-29T02:00:00Z"));
    expect(await missedTriggers(daemonJob)).toEqual([]);
    await writeRunIndex(join(daemonJob.jobDir, "fleet"), index("2026-11-28T02:00:00Z"));
    expect(await missedTriggers(daemonJob)).toEqual(["missed"]);
  });
});
