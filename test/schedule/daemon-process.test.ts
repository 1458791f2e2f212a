/**
 * `ddproof schedule` and `ddproof run-job` as an operator runs them: the
 * built CLI in its own process against a simulator on 127.0.0.1. SIGTERM
 * while a run is in flight lets it finish; a second SIGTERM abandons it;
 * either way no half pack, work folder or lock is left and the exit code is 0.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunIndex, readRunIndex } from "../../src/schedule/history-index.js";
import type { LogRecord } from "../../src/schedule/log.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const EXAMPLE_CONFIG = fileURLToPath(new URL("../../examples/ddproof.yaml", import.meta.url));

let sim: RunningSimulator;
let dir: string;
const env = () => ({ PATH: process.env.PATH ?? "", HOME: dir, DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY });

beforeAll(async () => {
  // Slow answers keep a run in flight long enough to signal it.
  sim = await startSimulator({ seed: 7, latencyMs: 150 });
  dir = await mkdtemp(join(tmpdir(), "ddproof-daemon-"));
});
/** Daemons started by the current test; one a failed test left running is killed before its folder goes. */
const running = new Set<Daemon>();
afterEach(async () => {
  for (const daemon of running) {
    daemon.child.kill("SIGKILL");
    await daemon.exited;
  }
  running.clear();
});
afterAll(async () => {
  await sim.close();
  await rm(dir, { recursive: true, force: true });
});

const EVERY_SECOND = `# A job due every second, so a run is always in flight or about to be.
output_root: out
frameworks: [pci-dss-4.0.1]
jobs:
  - name: every-second
    cron: "* * * * * *"
    kind: gap
    period: last-24h
    notify:
      datadog_event: true
      datadog_metrics: false
`;

interface Daemon {
  child: ChildProcess;
  records: LogRecord[];
  exited: Promise<number | null>;
  stderr(): string;
  /** Called with each log record as it arrives. */
  onRecord: Set<(record: LogRecord) => void>;
}

function startDaemon(cwd: string): Daemon {
  const child = spawn(
    process.execPath,
    [CLI, "schedule", "--config", "ddproof.yaml", "--api-url", sim.url, "--log-format", "json"],
    { cwd, env: env() },
  );
  const records: LogRecord[] = [];
  const onRecord = new Set<(record: LogRecord) => void>();
  let pending = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line) continue;
      const record = JSON.parse(line) as LogRecord;
      records.push(record);
      for (const listener of onRecord) listener(record);
    }
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const daemon = { child, records, exited, stderr: () => stderr, onRecord };
  running.add(daemon);
  void exited.then(() => running.delete(daemon));
  return daemon;
}

/**
 * Resolves when the daemon logs `msg` (or has logged it); fails if it exits first. No clock of its
 * own: on a busy machine the line comes late, and the test's timeout is the only bound.
 */
function waitForLog(daemon: Daemon, msg: string): Promise<void> {
  if (daemon.records.some((record) => record.msg === msg)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const listener = (record: LogRecord) => {
      if (record.msg !== msg) return;
      daemon.onRecord.delete(listener);
      resolve();
    };
    daemon.onRecord.add(listener);
    void daemon.exited.then((code) => {
      if (!daemon.onRecord.has(listener)) return;
      daemon.onRecord.delete(listener);
      reject(
        new Error(
          `exited ${code} without a "${msg}" log line; got: ${daemon.records.map((r) => r.msg).join(" | ")} ${daemon.stderr()}`,
        ),
      );
    });
  });
}

/** A daemon on the every-second config in a fresh folder, signalled once its first run has started. */
async function daemonWithRunInFlight(prefix: string): Promise<{ cwd: string; daemon: Daemon }> {
  const cwd = await mkdtemp(join(dir, prefix));
  await writeFile(join(cwd, "ddproof.yaml"), EVERY_SECOND);
  const daemon = startDaemon(cwd);
  await waitForLog(daemon, "run started");
  daemon.child.kill("SIGTERM");
  return { cwd, daemon };
}

async function assertNothingLeftBehind(jobDir: string, index: RunIndex): Promise<void> {
  const names = await readdir(jobDir);
  expect(names.filter((name) => name.startsWith("."))).toEqual([]);
  expect(names).not.toContain("run.lock");
  for (const entry of index.runs.filter((run) => run.pack_dir !== null))
    expect(existsSync(join(jobDir, entry.pack_dir!, "manifest.json"))).toBe(true);
  // Every folder is a listed run's pack.
  expect(names.filter((name) => name !== "index.json").sort()).toEqual(
    index.runs.flatMap((run) => (run.pack_dir ? [run.pack_dir] : [])).sort(),
  );
}

describe("ddproof schedule (built CLI, separate process)", () => {
  it("on SIGTERM stops scheduling, lets the run in flight finish, and exits 0", async () => {
    const { cwd, daemon } = await daemonWithRunInFlight("finish-");
    expect(await daemon.exited).toBe(0);
    expect(daemon.stderr()).toBe("");

    const messages = daemon.records.map((record) => record.msg);
    const stopAt = messages.indexOf(
      "shutdown requested: no new runs; runs in progress finish (send the signal again to abandon them)",
    );
    expect(stopAt).toBeGreaterThan(0);
    expect(messages.slice(stopAt)).not.toContain("run started");
    expect(messages.slice(stopAt)).toContain("run finished");
    expect(messages.at(-1)).toBe("scheduler stopped");
    expect(
      daemon.records.every((record) => typeof record.time === "string" && "job" in record && "run" in record),
    ).toBe(true);
    expect(JSON.stringify(daemon.records)).not.toContain(TEST_API_KEY);

    const jobDir = join(cwd, "out", "every-second");
    const index = await readRunIndex(jobDir, "every-second", "gap");
    expect(index.runs.length).toBeGreaterThanOrEqual(1);
    expect(index.runs.every((entry) => entry.status === "complete")).toBe(true);
    await assertNothingLeftBehind(jobDir, index);
  });

  it("on a second SIGTERM abandons the run: recorded as failed (or complete if it won the race), no half pack, exit 0", async () => {
    const { cwd, daemon } = await daemonWithRunInFlight("abandon-");
    await waitForLog(daemon, "waiting for runs in progress to finish");
    daemon.child.kill("SIGTERM");
    expect(await daemon.exited).toBe(0);
    expect(daemon.records.map((record) => record.msg)).toContain("abandoning runs in progress");

    const jobDir = join(cwd, "out", "every-second");
    const index = await readRunIndex(jobDir, "every-second", "gap");
    const last = index.runs.at(-1)!;
    if (last.status === "failed") {
      expect(last.error).toMatch(/^abandoned/);
      expect(last.pack_dir).toBeNull();
    } else {
      expect(last.status).toBe("complete");
    }
    await assertNothingLeftBehind(jobDir, index);
  });

  it("refuses an invalid cron expression at start-up with exit 2, naming the file and jobs[i].cron", async () => {
    const cwd = await mkdtemp(join(dir, "bad-cron-"));
    await writeFile(join(cwd, "ddproof.yaml"), EVERY_SECOND.replace('"* * * * * *"', '"61 * * * *"'));
    const failure = await run(process.execPath, [CLI, "schedule", "--config", "ddproof.yaml"], {
      cwd,
      env: env(),
    }).catch((error: { code: number; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toContain(
      'ddproof.yaml: jobs[0].cron: "61 * * * *" is not a cron expression',
    );
  });
});

describe("ddproof run-job (built CLI, separate process)", () => {
  it("runs the example config's nightly-gap job once into ddproof-out/nightly-gap/ and exits 0", async () => {
    const cwd = await mkdtemp(join(dir, "example-"));
    // The example as shipped, assessing one framework instead of five to keep the test quick.
    const example = await readFile(EXAMPLE_CONFIG, "utf8");
    const oneFramework = example.replace(/^frameworks: \[.*\]$/m, "frameworks: [pci-dss-4.0.1]");
    expect(oneFramework).not.toBe(example);
    await writeFile(join(cwd, "ddproof.yaml"), oneFramework);
    const { stdout } = await run(process.execPath, [CLI, "run-job", "nightly-gap", "--api-url", sim.url], {
      cwd,
      env: env(),
    });
    expect(stdout).toMatch(/ info {2}nightly-gap \d{4}-\d{2}-\d{2}T\d{6}Z run finished status=complete/);
    const jobDir = join(cwd, "ddproof-out", "nightly-gap");
    const index = await readRunIndex(jobDir, "nightly-gap", "gap");
    expect(index.runs.map((entry) => [entry.status, entry.trigger])).toEqual([["complete", "manual"]]);
    expect((await readdir(join(jobDir, index.runs[0]!.id))).sort()).toContain("gap-report.pdf");
    await assertNothingLeftBehind(jobDir, index);
  });

  it("exits 2 for an unknown job name, listing the known ones", async () => {
    const cwd = await mkdtemp(join(dir, "unknown-"));
    await copyFile(EXAMPLE_CONFIG, join(cwd, "ddproof.yaml"));
    const failure = await run(process.execPath, [CLI, "run-job", "nightly"], { cwd, env: env() }).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect((failure as { code: number }).code).toBe(2);
    expect((failure as { stderr: string }).stderr).toContain(
      'ddproof.yaml: no job named "nightly"; known jobs: nightly-gap, quarterly-evidence',
    );
  });
});
