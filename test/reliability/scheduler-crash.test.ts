/**
 * `ddproof run-job` (the built CLI, its own process) killed with SIGKILL while
 * the pack writer is writing, then run again; and runs that cannot write (a
 * file-size limit standing in for a full disk, an output root under a
 * regular file). No half pack is ever listed in the job's index.json, the
 * next run removes what the killed one left and takes over its lock, earlier
 * packs stay intact (`ddproof verify`), and the failure is said plainly.
 */
import { existsSync } from "node:fs";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { type RunIndex, readRunIndex } from "../../src/schedule/history-index.js";
import type { LogRecord } from "../../src/schedule/log.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { CLI, type ProcessRun, runCliProcess, startCli, startProcess } from "./fixtures/cli-process.js";
import { workLeftUnder } from "./fixtures/files.js";

const JOB = "evidence";
/** The pack writer's staging folder, `.<run id>.partial-<hex>` (a collection folder has `.collect.` in it). */
const PACK_STAGING = /^\.[^.]+\.partial-[0-9a-f]+$/;

let sim: RunningSimulator;
let root: string;
let jobDir: string;
const env = { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY };

beforeAll(async () => {
  sim = await startSimulator({ seed: 7 });
  root = await mkdtemp(join(tmpdir(), "ddproof-reliability-crash-"));
  jobDir = join(root, "out", JOB);
  await writeFile(
    join(root, "ddproof.yaml"),
    stringify({
      output_root: "out",
      // An evidence pack writes the most files; two frameworks keep each run to a few seconds.
      // ATT&CK makes the pack's largest files (assessment, layer) well larger than the snapshot,
      // which "a full disk" below needs: it leaves room for the snapshot and not for them.
      frameworks: ["pci-dss-4.0.1", "mitre-attack"],
      jobs: [
        {
          name: JOB,
          cron: "0 2 * * *",
          kind: "evidence",
          period: "last-24h",
          notify: { datadog_event: false, datadog_metrics: false },
        },
      ],
    }),
  );
});
afterAll(async () => {
  await sim.close();
  await rm(root, { recursive: true, force: true });
});

const args = (name = JOB) => [
  "run-job",
  name,
  "--config",
  "ddproof.yaml",
  "--api-url",
  sim.url,
  "--log-format",
  "json",
];

function records(run: ProcessRun): LogRecord[] {
  return run.stdout
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogRecord);
}

async function index(): Promise<RunIndex> {
  return readRunIndex(jobDir, JOB, "evidence");
}

/** In-process: what is under test is the run-job process; a second process per check only added its start-up. */
async function expectVerified(pack: string): Promise<void> {
  const verify = await cli(["verify", pack]);
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
}

/** Waits until `found` returns a name in the job folder, polling often enough to catch a short-lived folder. */
async function waitForEntry(
  found: (names: string[]) => string | undefined,
  until: Promise<unknown>,
): Promise<string | undefined> {
  let done = false;
  void until.then(() => (done = true));
  while (!done) {
    const name = found(await readdir(jobDir).catch(() => []));
    if (name !== undefined) return name;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return undefined;
}

describe("kill -9 in the middle of a pack, then a restart", () => {
  let killedRun: string;

  it("a run killed while its pack is being written leaves no index entry and no pack under its name", async () => {
    const running = startCli(args(), { cwd: root, env });
    const staging = await waitForEntry((names) => names.find((name) => PACK_STAGING.test(name)), running.done);
    expect(staging, `the run ended before its pack was staged: ${running.stdout()}${running.stderr()}`).toBeDefined();
    running.child.kill("SIGKILL");
    const killed = await running.done;
    expect(killed.signal).toBe("SIGKILL");

    killedRun = staging!.slice(1, staging!.indexOf(".partial-"));
    expect(existsSync(join(jobDir, killedRun))).toBe(false);
    expect(existsSync(join(jobDir, "index.json")) ? (await index()).runs : []).toEqual([]);
    // What the kill left: the lock, the pack staging and the collection folder.
    const left = await readdir(jobDir);
    expect(left).toContain("run.lock");
    expect(left.filter((name) => name.startsWith(`.${killedRun}.`)).length).toBeGreaterThanOrEqual(2);
  });

  it("the next run takes over the dead run's lock, removes its work folders, and completes a pack that verifies", async () => {
    const restarted = await runCliProcess(args(), { cwd: root, env });
    expect(restarted.code, restarted.stderr).toBe(0);
    const log = records(restarted);
    expect(log.find((record) => record.msg === "took over a stale lock")).toMatchObject({
      level: "warn",
      stale_run: killedRun,
    });
    const cleaned = log.find((record) => record.msg === "removed work folders left by an interrupted run");
    expect(
      String(cleaned?.folders)
        .split(",")
        .filter((name) => name.startsWith(`.${killedRun}.`)).length,
    ).toBeGreaterThanOrEqual(2);

    const history = await index();
    expect(history.runs.map((run) => run.status)).toEqual(["complete"]);
    expect(history.runs[0]!.id).not.toBe(killedRun);
    await expectVerified(join(jobDir, history.runs[0]!.pack_dir!));
    expect(await workLeftUnder(jobDir)).toEqual([]);
    expect((await readdir(jobDir)).sort()).toEqual([history.runs[0]!.id, "index.json"].sort());
  });
});

describe("a write error", () => {
  it("a full disk (a file-size limit) fails the run plainly, records it, and leaves the earlier pack intact", async () => {
    const before = await index();
    const earlier = before.runs.find((run) => run.status === "complete");
    expect(earlier, "the restart test leaves a complete run").toBeDefined();
    const pack = join(jobDir, earlier!.pack_dir!);
    // Room for the snapshot (collected again, so a little more) and the index, not for the pack's largest file.
    const snapshotBytes = (await stat(join(pack, "snapshot.json"))).size;
    const largestBytes = Math.max(
      ...(await Promise.all((await readdir(pack)).map(async (name) => (await stat(join(pack, name))).size))),
    );
    const limitBytes = Math.ceil(snapshotBytes * 1.1);
    expect(limitBytes).toBeLessThan(largestBytes);

    // POSIX `ulimit -f` counts 512-byte blocks; Node ignores SIGXFSZ, so writes past it fail with EFBIG.
    const shell = [
      "-c",
      `ulimit -f ${Math.ceil(limitBytes / 512)} && exec "$@"`,
      "sh",
      process.execPath,
      CLI,
      ...args(),
    ];
    const limited = await startProcess("/bin/sh", shell, { cwd: root, env }).done;
    expect(limited.code).toBe(1);
    const failed = records(limited).find((record) => record.msg === "run failed");
    expect(failed).toMatchObject({ level: "error" });
    expect(String(failed?.error)).toMatch(
      /: the pack could not be written \(EFBIG: file too large, write\); the destination was left as it was$/,
    );

    const after = await index();
    expect(after.runs.map((run) => run.status)).toEqual(["complete", "failed"]);
    expect(after.runs[1]).toMatchObject({ pack_dir: null, summary: null, error: failed?.error });
    await expectVerified(pack);
    expect(await workLeftUnder(jobDir)).toEqual([]);
    expect((await readdir(jobDir)).sort()).toEqual([earlier!.id, "index.json"].sort());
  });

  it("an output root under a regular file: exit 2 at start-up naming the path, nothing created", async () => {
    await writeFile(join(root, "not-a-folder"), "a file\n");
    const config = join(root, "under-a-file.yaml");
    await writeFile(
      config,
      stringify({
        output_root: "not-a-folder/out",
        frameworks: ["pci-dss-4.0.1"],
        jobs: [{ name: "nightly", cron: "0 2 * * *", kind: "gap", period: "last-24h" }],
      }),
    );
    const result = await runCliProcess(["run-job", "nightly", "--config", config, "--api-url", sim.url], {
      cwd: root,
      env,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(root, "not-a-folder"));
    expect(result.stderr).toMatch(/job "nightly" output folder .*is not a folder/);
    expect(result.stderr).not.toMatch(/unexpected error/);
    expect((await stat(join(root, "not-a-folder"))).isFile()).toBe(true);
  });
});
