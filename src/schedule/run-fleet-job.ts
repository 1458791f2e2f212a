/**
 * One run of a fleet job (a job with `orgs:`), under the job's lock: every
 * org collected at once, each with its own session (its own rate-limit budget
 * and retries), each org's pack rendered as soon as its snapshot is in (one
 * render at a time), then the fleet pack made from the org packs written.
 *
 * Every org keeps its own history in `<job>/<org>/` and the fleet its own in
 * `<job>/fleet/`: index, retention, previous-run diff and chain, each as a
 * single job's (one run id across all of them). One org failing leaves the
 * others' packs whole and its own failed entry; the fleet pack then leaves it
 * out and the fleet's run is incomplete. The fleet's run fails only when no
 * org pack was written. One notification names every org's outcome.
 */
import { existsSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import type { Assessment } from "../assess/schema.js";
import { resolvePeriod } from "../config/period.js";
import { InputError } from "../errors.js";
import { oneAtATime } from "../fleet/collect-org-packs.js";
import { collectOrg } from "../fleet/collect-orgs.js";
import { FLEET_DIR } from "../fleet/org-name.js";
import { orgDisplayName } from "../fleet/orgs.js";
import { writeFleetPack } from "../fleet/write-fleet-pack.js";
import type { Period } from "../snapshot/schema.js";
import { fleetChanges, fleetGaps, previousFleetGaps } from "./fleet-gaps.js";
import { chainLinkFor } from "./history-chain.js";
import { type RunEntry, type RunIndex, readRunIndex, runsWithPacks } from "./history-index.js";
import type { Logger } from "./log.js";
import type { RunReport } from "./notify/contract.js";
import { notifyRun } from "./notify-run.js";
import { type Produced, produceEntry, recordRun } from "./record-run.js";
import { renderRun } from "./render-run.js";
import { uniqueRunId } from "./run-id.js";
import type { RunOutcome, RunRequest, RunSettings } from "./run-job.js";
import { summarise } from "./run-summary.js";
import type { FleetJobOrg, ScheduledJob } from "./scheduled-job.js";
import { makeCollectDir, removeStaleWorkDirs } from "./staging.js";

/** One history of a fleet job: an org's, or the fleet's. */
interface History {
  name: string;
  dir: string;
  index: RunIndex;
}

/** How one org fared in the run. */
interface OrgRun {
  name: string;
  entry: RunEntry;
  produced: Produced | null;
  /** The org's pack folder and assessment, when its pack was written. */
  pack: { dir: string; assessment: Assessment } | null;
  collectSeconds: number;
}

/** What every org's part of the run shares. */
interface FleetRunScope {
  job: ScheduledJob;
  settings: RunSettings;
  request: RunRequest;
  runId: string;
  started: Date;
  startedMs: number;
  period: Period;
  work: string;
  log: Logger;
  clock: () => Date;
  render: <T>(task: () => Promise<T>) => Promise<T>;
}

/** A history's name in its index and chain links: `<job>/<org>`, `<job>/fleet`. */
function historyName(job: ScheduledJob, name: string): string {
  return `${job.name}/${name}`;
}

async function openHistory(job: ScheduledJob, name: string, log: Logger): Promise<History> {
  const dir = join(job.jobDir, name);
  await mkdir(dir, { recursive: true });
  // The job's lock covers every history of the job: what a killed run left here is nobody's.
  const removed = await removeStaleWorkDirs(dir);
  if (removed.length > 0)
    log.info("removed work folders left by an interrupted run", { history: name, folders: removed.join(",") });
  return { name, dir, index: await readRunIndex(dir, historyName(job, name), job.kind) };
}

/** What an org's part of the run made besides its entry. */
interface OrgMade {
  pack: OrgRun["pack"];
  collectSeconds: number;
}

/** Collects one org and renders its pack into its history. Throws on failure; the caller records it. */
async function produceOrgPack(
  scope: FleetRunScope,
  org: FleetJobOrg,
  history: History,
  made: OrgMade,
): Promise<Produced> {
  const { job, settings, request, runId } = scope;
  const target = settings.orgTargets?.get(org.name);
  if (!target) throw new InputError(`no keys were read for org "${org.name}"`);
  const collectStart = performance.now();
  const collected = await collectOrg(
    { name: org.name, target, displayName: orgDisplayName(org.org) },
    { period: scope.period, now: scope.started, dir: scope.work, policy: settings.policy, signal: request.signal },
  );
  made.collectSeconds = (performance.now() - collectStart) / 1000;
  // collectOrg never throws: an org it could not collect at all comes back without a snapshot.
  if (collected.snapshot === null) throw new InputError(collected.error ?? "not collected");
  const log = scope.log.with({ org: org.name });
  log.info("collected", {
    period: scope.period.label,
    complete: collected.snapshot.complete,
    seconds: Math.round(made.collectSeconds),
  });
  try {
    const rendered = await scope.render(() => {
      request.signal?.throwIfAborted();
      return renderRun({
        kind: job.kind,
        dir: history.dir,
        historyName: historyName(job, org.name),
        index: history.index,
        runId,
        snapshotFile: collected.file,
        period: scope.period,
        inputs: org.inputs,
        thresholds: settings.thresholds,
        formats: settings.formats,
        signal: request.signal,
        signingKey: job.signingKey ?? null,
        org: org.name,
        seconds: { collect: made.collectSeconds, startedMs: scope.startedMs },
        log,
      });
    });
    made.pack = { dir: join(history.dir, runId), assessment: rendered.pack.assessment };
    return rendered.produced;
  } finally {
    // Its population files can be large; the pack holds what it needs of them.
    await rm(dirname(collected.file), { recursive: true, force: true });
  }
}

/** One org's part of the run, recorded in its history. Throws only when that history cannot be written. */
async function runOrg(scope: FleetRunScope, org: FleetJobOrg, history: History): Promise<OrgRun> {
  const made: OrgMade = { pack: null, collectSeconds: 0 };
  const { produced, entry } = await produceEntry(
    () => produceOrgPack(scope, org, history, made),
    { id: scope.runId, trigger: scope.request.trigger, started: scope.started },
    { signal: scope.request.signal, now: scope.clock },
  );
  await recordRun(history.dir, history.index, entry, {
    retention: scope.job.retention,
    now: scope.clock,
    log: scope.log.with({ org: org.name }),
  });
  return { name: org.name, entry, produced, pack: made.pack, collectSeconds: made.collectSeconds };
}

/** The fleet pack from the org packs written, into the fleet's history. Throws on failure; the caller records it. */
async function produceFleet(
  scope: FleetRunScope,
  history: History,
  orgRuns: readonly OrgRun[],
  previous: Awaited<ReturnType<typeof previousFleetGaps>>,
): Promise<Produced> {
  const { job, request, runId } = scope;
  request.signal?.throwIfAborted();
  const written = orgRuns.flatMap((run) => (run.pack ? [{ name: run.name, ...run.pack }] : []));
  if (written.length === 0)
    throw new Error(
      `no org pack was written (${orgRuns.map((run) => `${run.name}: ${run.entry.error ?? run.entry.status}`).join("; ")})`,
    );
  const packDir = join(history.dir, runId);
  const orgDirs = new Map(written.map((org) => [org.name, org.dir]));
  const pack = await writeFleetPack({
    orgPackDirs: written.map((org) => org.dir),
    outDir: job.jobDir,
    packDir,
    // Each org's history is its own folder, not the fleet pack's sibling: link to this run's pack in it.
    orgPages: (org) =>
      `${relative(packDir, orgDirs.get(org) ?? join(job.jobDir, org))
        .split(sep)
        .join("/")}/report.html`,
    signingKey: job.signingKey ?? null,
    formats: scope.settings.fleetFormats,
    chain: await chainLinkFor(history.dir, historyName(job, FLEET_DIR), history.index, runId),
    signal: request.signal,
  });
  const gaps = fleetGaps(written);
  const changes = previous ? fleetChanges(gaps, previous) : null;
  const absent = orgRuns.filter((run) => run.pack === null).map((run) => run.name);
  return {
    status: pack.manifest.complete && absent.length === 0 ? "complete" : "incomplete",
    period: scope.period,
    // An org with no pack is missing whole; an incomplete org's collectors are named `<org>/<collector>`.
    missing: [...pack.manifest.missing_evidence, ...absent],
    summary: summarise(
      pack.fleet,
      gaps.length,
      changes ? { new_gaps: changes.new_gaps.length, closed_gaps: changes.closed_gaps.length } : null,
      {
        collect: Math.max(...orgRuns.map((run) => run.collectSeconds)),
        total: (performance.now() - scope.startedMs) / 1000,
      },
    ),
    changes,
    actions: [],
  };
}

export async function runFleetLocked(
  job: ScheduledJob,
  settings: RunSettings,
  request: RunRequest,
  started: Date,
): Promise<RunOutcome> {
  const orgs = job.fleet ?? [];
  const clock = settings.clock ?? (() => new Date());
  const startedMs = performance.now();
  const jobLog = settings.log.with({ job: job.name });
  const orgHistories: History[] = [];
  for (const org of orgs) orgHistories.push(await openHistory(job, org.name, jobLog));
  const fleetHistory = await openHistory(job, FLEET_DIR, jobLog);
  const histories = [...orgHistories, fleetHistory];
  const runId = uniqueRunId(
    started,
    (id) =>
      existsSync(join(job.jobDir, id)) ||
      histories.some((history) => history.index.runs.some((run) => run.id === id) || existsSync(join(history.dir, id))),
  );
  const log = jobLog.with({ run: runId });
  log.info("run started", {
    trigger: request.trigger,
    kind: job.kind,
    period: job.period,
    orgs: orgs.map((org) => org.name).join(","),
  });
  const period = resolvePeriod(job.period, job.timezone, request.anchor ?? clock());
  // Read before any org's retention runs: the fleet's previous run is compared through its org packs.
  const previousFleetRun = runsWithPacks(fleetHistory.index).at(-1);
  const previous = previousFleetRun
    ? await previousFleetGaps(job.jobDir, fleetHistory.dir, previousFleetRun.id, log)
    : null;

  const work = await makeCollectDir(job.jobDir, runId);
  let orgRuns: OrgRun[];
  try {
    const scope: FleetRunScope = {
      job,
      settings,
      request,
      runId,
      started,
      startedMs,
      period,
      work,
      log,
      clock,
      render: oneAtATime(),
    };
    orgRuns = await Promise.all(orgs.map((org, i) => runOrg(scope, org, orgHistories[i]!)));

    const { produced, failure, entry } = await produceEntry(
      () => produceFleet(scope, fleetHistory, orgRuns, previous),
      { id: runId, trigger: request.trigger, started },
      { signal: request.signal, now: clock },
    );
    await recordRun(fleetHistory.dir, fleetHistory.index, entry, {
      retention: job.retention,
      now: clock,
      log: log.with({ org: FLEET_DIR }),
    });
    const orgEntries = orgRuns.map((run) => ({ name: run.name, entry: run.entry }));
    if (request.signal?.aborted)
      return { status: entry.status, entry, error: failure, notifications: [], orgs: orgEntries };

    const report: RunReport = {
      job,
      run: entry,
      changes: produced?.changes ?? null,
      pack: produced ? `${job.name}/${FLEET_DIR}/${runId}` : null,
      orgs: orgRuns.map((run) => ({
        name: run.name,
        run: run.entry,
        changes: run.produced?.changes ?? null,
        pack: run.pack ? `${job.name}/${run.name}/${runId}` : null,
      })),
    };
    const notifications = await notifyRun(report, job, settings, log, request.signal);
    return { status: entry.status, entry, error: failure, notifications, orgs: orgEntries };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
