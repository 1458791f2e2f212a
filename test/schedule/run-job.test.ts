/**
 * One run of a job against the simulator, in-process: the pack and index
 * entry it writes, the diff against the previous run, the notifications that
 * reach the simulator, retention, a failing notification target, and the
 * lock between two concurrent runs of one job.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runJobExitCode } from "../../src/cli/run-job.js";
import { readRunIndex } from "../../src/schedule/history-index.js";
import { type RunOutcome, runJob } from "../../src/schedule/run-job.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { closedPort } from "../helpers/closed-port.js";
import { captureLog, settingsFor, testJob } from "./job-fixtures.js";

let sim: RunningSimulator;
let root: string;

beforeAll(async () => {
  sim = await startSimulator({ seed: 7 });
  root = await mkdtemp(join(tmpdir(), "ddproof-run-job-"));
});
afterAll(async () => {
  await sim.close();
  await rm(root, { recursive: true, force: true });
});

function completed(outcome: RunOutcome) {
  if (outcome.status === "skipped") throw new Error("the run was skipped");
  return outcome;
}

interface ReceivedEvent {
  title: string;
  text: string;
  tags: string[];
  alert_type: string;
  aggregation_key: string;
}
interface ReceivedSeries {
  series: Array<{ metric: string; type: number; points: Array<{ timestamp: number; value: number }>; tags: string[] }>;
}

describe("runJob: history, diff, notifications, retention", () => {
  const job = testJob("", "nightly-gap");
  let first: string;

  it("writes a pack and a complete index entry, and reports into Datadog's event and metric endpoints", async () => {
    Object.assign(job, testJob(root, "nightly-gap", { retention: { keep_last: 2 } }));
    const { log, messages } = captureLog();
    const outcome = completed(await runJob(job, settingsFor(sim, log), { trigger: "manual" }));
    expect(outcome.status).toBe("complete");
    first = outcome.entry.id;
    expect(first).toMatch(/^\d{4}-\d{2}-\d{2}T\d{6}Z$/);

    const index = await readRunIndex(job.jobDir, job.name, job.kind);
    expect(index.runs).toHaveLength(1);
    const entry = index.runs[0]!;
    expect(entry).toMatchObject({
      id: first,
      status: "complete",
      trigger: "manual",
      pack_dir: first,
      error: null,
      missing_evidence: [],
    });
    expect(entry.period?.label).toBe("last-24h");
    expect(entry.summary?.new_gaps).toBeNull();
    expect(Object.keys(entry.summary!.frameworks)).toEqual(["pci-dss-4.0.1"]);
    expect(entry.summary!.attack!.by_score.reduce((a, b) => a + b, 0)).toBe(entry.summary!.attack!.total);
    const files = await readdir(join(job.jobDir, first));
    expect(files).toEqual(expect.arrayContaining(["manifest.json", "snapshot.json", "assessment.json", "gaps.csv"]));
    expect(files).not.toContain("changes.json");
    expect(messages()).toEqual(
      expect.arrayContaining(["run started", "collected", "run finished", "notification sent"]),
    );

    const event = sim.received.events.at(-1) as ReceivedEvent;
    expect(event.title).toBe(`ddproof nightly-gap: ${entry.summary!.gaps} gaps`);
    expect(event.tags).toEqual(["source:ddproof", "job:nightly-gap", "kind:gap", "status:complete"]);
    expect(event.alert_type).toBe("info");
    expect(event.text).toContain(`gap run ${first} for last-24h`);
    expect(event.text).toContain(`Pack: nightly-gap/${first}`);

    const { series } = sim.received.series.at(-1) as ReceivedSeries;
    expect(new Set(series.map((s) => s.metric))).toEqual(
      new Set([
        "ddproof.controls",
        "ddproof.attack.techniques",
        "ddproof.attack.coverage_ratio",
        "ddproof.collect.duration_seconds",
      ]),
    );
    expect(series.every((s) => s.type === 3 && s.tags.includes("job:nightly-gap") && s.points.length === 1)).toBe(true);
    const failing = series.find((s) => s.metric === "ddproof.controls" && s.tags.includes("status:fail"));
    expect(failing?.tags).toEqual(["job:nightly-gap", "framework:pci-dss-4.0.1", "status:fail"]);
    expect(failing?.points[0]?.value).toBe(entry.summary!.frameworks["pci-dss-4.0.1"]!.fail);
    const scores = series.filter((s) => s.metric === "ddproof.attack.techniques").map((s) => s.tags[1]);
    expect(scores).toEqual(["score:0", "score:1", "score:2", "score:3", "score:4", "score:5"]);
    const ratio = series.find((s) => s.metric === "ddproof.attack.coverage_ratio")!.points[0]!.value;
    expect(ratio).toBeCloseTo(entry.summary!.attack!.covered / entry.summary!.attack!.total, 10);
  });

  it("compares the second run with the first: changes.json and new and closed gap counts", async () => {
    const { log } = captureLog();
    const outcome = completed(await runJob(job, settingsFor(sim, log), { trigger: "schedule" }));
    expect(outcome.status).toBe("complete");
    const second = outcome.entry.id;
    expect(second).not.toBe(first);
    const changes = JSON.parse(await readFile(join(job.jobDir, second, "changes.json"), "utf8")) as {
      previous: { label: string };
    };
    expect(changes.previous.label).toBe(first);
    expect(outcome.entry.summary?.new_gaps).toBeTypeOf("number");
    expect(outcome.entry.summary?.closed_gaps).toBeTypeOf("number");
    const event = sim.received.events.at(-1) as ReceivedEvent;
    expect(event.title).toBe(
      `ddproof nightly-gap: ${outcome.entry.summary!.gaps} gaps (${outcome.entry.summary!.new_gaps} new, ${outcome.entry.summary!.closed_gaps} closed)`,
    );
    expect(event.text).toContain(`since run ${first}`);
  });

  it("prunes to keep_last after a successful run, folder and index entry", async () => {
    const { log, records } = captureLog();
    const outcome = completed(await runJob(job, settingsFor(sim, log), { trigger: "schedule" }));
    expect(outcome.status).toBe("complete");
    const index = await readRunIndex(job.jobDir, job.name, job.kind);
    expect(index.runs.map((run) => run.id)).not.toContain(first);
    expect(index.runs).toHaveLength(2);
    expect(existsSync(join(job.jobDir, first))).toBe(false);
    expect(records.find((record) => record.msg === "retention removed earlier runs")?.runs).toBe(first);
    // Only run folders, the index and nothing half-written are left.
    const names = (await readdir(job.jobDir)).sort();
    expect(names).toEqual([...index.runs.map((run) => run.id), "index.json"].sort());
  });
});

describe("runJob: failures around the run", () => {
  it("keeps the run complete when the Datadog event endpoint fails and the Slack webhook is unreachable", async () => {
    const port = await closedPort();
    const job = testJob(root, "noisy", {
      notify: { datadogEvent: true, datadogMetrics: true, slackWebhook: `http://127.0.0.1:${port}/hook` },
    });
    const { log, records } = captureLog();
    sim.setFaults("events_submit:status=500");
    try {
      const outcome = completed(await runJob(job, settingsFor(sim, log), { trigger: "manual" }));
      expect(outcome.status).toBe("complete");
      expect(outcome.notifications).toEqual([
        { target: "datadog-event", ok: false, error: expect.stringMatching(/HTTP 500/) },
        { target: "datadog-metrics", ok: true },
        {
          target: "slack",
          ok: false,
          error: expect.stringMatching(/Slack webhook could not be reached \(ECONNREFUSED\)/),
        },
      ]);
      const warnings = records.filter((record) => record.level === "warn");
      expect(warnings.map((record) => record.target)).toEqual(["datadog-event", "slack"]);
      expect(JSON.stringify(records)).not.toContain(`${port}/hook`);
      const index = await readRunIndex(job.jobDir, job.name, job.kind);
      expect(index.runs.map((run) => run.status)).toEqual(["complete"]);
      expect(existsSync(join(job.jobDir, outcome.entry.id, "manifest.json"))).toBe(true);
    } finally {
      sim.setFaults([]);
    }
  });

  it("records a run that could not be assessed as failed, with the reason, and says so in an error event", async () => {
    const missing = join(root, "no-such-attestations.yaml");
    const job = testJob(root, "misconfigured", {
      inputs: { frameworks: ["pci-dss-4.0.1"], userDirs: [], attestationsFile: missing },
    });
    const { log, records } = captureLog();
    const outcome = completed(await runJob(job, settingsFor(sim, log), { trigger: "manual" }));
    expect(outcome.status).toBe("failed");
    expect(runJobExitCode(outcome)).toBe(2);
    const index = await readRunIndex(job.jobDir, job.name, job.kind);
    expect(index.runs).toEqual([
      expect.objectContaining({
        status: "failed",
        pack_dir: null,
        summary: null,
        error: expect.stringContaining(`${missing}: cannot read the file (ENOENT)`),
      }),
    ]);
    expect(records.find((record) => record.msg === "run failed")).toMatchObject({
      level: "error",
      job: "misconfigured",
    });
    expect(await readdir(job.jobDir)).toEqual(["index.json"]);
    const event = sim.received.events.at(-1) as ReceivedEvent;
    expect(event).toMatchObject({ title: "ddproof misconfigured: run failed", alert_type: "error" });
    expect(event.tags).toContain("status:failed");
  });

  it("runs one of two concurrent runs of the same job; the other logs that the job is locked and skips", async () => {
    const job = testJob(root, "contended", {
      notify: { datadogEvent: false, datadogMetrics: false, slackWebhook: null },
    });
    const a = captureLog();
    const b = captureLog();
    const outcomes = await Promise.all([
      runJob(job, settingsFor(sim, a.log), { trigger: "manual" }),
      runJob(job, settingsFor(sim, b.log), { trigger: "manual" }),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(["complete", "skipped"]);
    const skippedLog = outcomes[0]!.status === "skipped" ? a : b;
    const skip = skippedLog.records.find((record) => record.msg === "skipped: the job is locked by another run");
    expect(skip).toMatchObject({ level: "warn", job: "contended", holder_pid: process.pid });
    const index = await readRunIndex(job.jobDir, job.name, job.kind);
    expect(index.runs).toHaveLength(1);
    expect(existsSync(join(job.jobDir, "run.lock"))).toBe(false);
  });
});
