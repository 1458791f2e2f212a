/**
 * The chained history of a scheduled job, on real runs against the
 * simulator: each signed manifest records the previous pack's manifest hash
 * and the runs retention removed; `verify-history` passes retention's
 * removals and names a run deleted, replaced or reordered by hand.
 */
import { createHash } from "node:crypto";
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from "../../src/cli/keygen.js";
import { Manifest } from "../../src/pack/manifest.js";
import { loadSigningKey, SIGNATURE_FILE } from "../../src/pack/sign.js";
import { readRunIndex } from "../../src/schedule/history-index.js";
import { runJob } from "../../src/schedule/run-job.js";
import type { ScheduledJob } from "../../src/schedule/scheduled-job.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { captureLog, settingsFor, testJob } from "./job-fixtures.js";

let sim: RunningSimulator;
const root = scratchDir("history-chain");
const keys = join(root, "keys");
const publicKey = join(keys, PUBLIC_KEY_FILE);
let job: ScheduledJob;
const ids: string[] = [];

const manifestOf = (dir: string) => Manifest.parse(JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8")));
const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

/** Runs the job once as if on day `day` of November 2026 at 02:00 UTC; returns the run id. */
async function runOn(target: ScheduledJob, day: number): Promise<string> {
  const at = new Date(Date.UTC(2026, 10, day, 2));
  const outcome = await runJob(target, settingsFor(sim, captureLog().log, { clock: () => at }), {
    trigger: "schedule",
  });
  if (outcome.status !== "complete") throw new Error(`run on day ${day}: ${outcome.status}`);
  return outcome.entry.id;
}

/** A copy of the job's folder under another name, to alter. */
function copyOfJob(name: string): string {
  const copy = join(root, "copies", name, job.name);
  cpSync(job.jobDir, copy, { recursive: true });
  return copy;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 7 });
  expect((await cli(["keygen", "--out", keys])).code).toBe(0);
  job = testJob(join(root, "out"), "nightly-gap", {
    retention: { keep_last: 3 },
    signingKey: await loadSigningKey(join(keys, PRIVATE_KEY_FILE)),
  });
  for (const day of [1, 2, 3, 4, 5]) ids.push(await runOn(job, day));
}, 300_000);
afterAll(async () => {
  await sim.close();
});

describe("the chained history", () => {
  it("records in each signed manifest the previous manifest's SHA-256 and the runs retention removed", async () => {
    const [first, second, third, fourth, fifth] = ids as [string, string, string, string, string];
    const chainOf = (id: string) => manifestOf(join(job.jobDir, id)).chain;
    expect(chainOf(third)).toEqual({
      job: job.name,
      run: third,
      previous: expect.objectContaining({ run: second }),
      retention_removed: [],
    });
    expect(chainOf(fourth)?.previous).toEqual({
      run: third,
      manifest_sha256: sha256(join(job.jobDir, third, "manifest.json")),
    });
    // keep_last 3: the fourth run removed the first, which the fifth records; the fifth removed the second.
    expect(chainOf(fifth)).toMatchObject({ previous: { run: fourth }, retention_removed: [first] });
    expect((await readRunIndex(job.jobDir, job.name, job.kind)).retention_removed).toEqual([second]);
    const verify = await cli(["verify", join(job.jobDir, fifth), "--public-key", publicKey]);
    expect(verify.stdout).toContain("signature valid");
    expect(verify.code).toBe(0);
  });

  it("passes retention's removals with a one-line summary", async () => {
    const run = await cli(["verify-history", job.jobDir, "--public-key", publicKey]);
    expect(run.stdout).toBe(
      `${job.jobDir}: history intact, 3 runs (3 chained), 2 removed by retention, 3 signatures valid`,
    );
    expect(run.code).toBe(0);
    const unchecked = await cli(["verify-history", job.jobDir]);
    expect(unchecked.stdout).toContain("signatures not checked (give --public-key)");
    expect(unchecked.code).toBe(0);
  });

  it("names a run deleted outside retention", async () => {
    const dir = copyOfJob("deleted");
    rmSync(join(dir, ids[3]!), { recursive: true });
    const run = await cli(["verify-history", dir, "--public-key", publicKey]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `history BROKEN at run ${ids[3]} (removed): removed outside retention: ${ids[4]} records it`,
    );
  });

  it("names the newest run deleted while index.json still lists it", async () => {
    const dir = copyOfJob("newest-deleted");
    rmSync(join(dir, ids[4]!), { recursive: true });
    const run = await cli(["verify-history", dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `history BROKEN at run ${ids[4]} (removed): removed outside retention: index.json lists its pack`,
    );
  });

  it("names a replaced run, re-hashed so that its own manifest agrees, and without a key as well", async () => {
    const dir = copyOfJob("replaced");
    const pack = join(dir, ids[2]!);
    writeFileSync(join(pack, "gaps.csv"), "control,gap\nnone,none\n");
    const manifest = manifestOf(pack);
    const rewritten = {
      ...manifest,
      files: manifest.files.map((file) =>
        file.path === "gaps.csv"
          ? { ...file, size: readFileSync(join(pack, "gaps.csv")).length, sha256: sha256(join(pack, "gaps.csv")) }
          : file,
      ),
    };
    writeFileSync(join(pack, "manifest.json"), `${JSON.stringify(rewritten, null, 2)}\n`);
    rmSync(join(pack, SIGNATURE_FILE));
    expect((await cli(["verify", pack])).code).toBe(0); // the pack alone looks intact

    const run = await cli(["verify-history", dir]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `history BROKEN at run ${ids[2]} (replaced): its manifest.json is not the one ${ids[3]} recorded`,
    );
    const signed = await cli(["verify-history", dir, "--public-key", publicKey]);
    expect(signed.code).toBe(1);
    expect(signed.stdout).toContain(
      `history BROKEN at run ${ids[2]} (altered): its pack does not verify: signature missing`,
    );
  });

  it("names a reordered pair of runs", async () => {
    const dir = copyOfJob("reordered");
    renameSync(join(dir, ids[2]!), join(dir, "swap"));
    renameSync(join(dir, ids[3]!), join(dir, ids[2]!));
    renameSync(join(dir, "swap"), join(dir, ids[3]!));
    const run = await cli(["verify-history", dir, "--public-key", publicKey]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      `history BROKEN at run ${ids[2]} (reordered): the folder holds the pack of run ${ids[3]}`,
    );
  });

  it("reads packs written before the chain: an old first manifest without the new fields still verifies", async () => {
    const upgraded = testJob(join(root, "upgraded-out"), "weekly-gap");
    const old = await runOn(upgraded, 10);
    // Rewrite the first pack as an older ddproof wrote it: no chain field.
    const { chain: _chain, ...before } = manifestOf(join(upgraded.jobDir, old));
    writeFileSync(join(upgraded.jobDir, old, "manifest.json"), `${JSON.stringify(before, null, 2)}\n`);
    expect((await cli(["verify", join(upgraded.jobDir, old)])).code).toBe(0);
    const next = await runOn(upgraded, 11);
    expect(manifestOf(join(upgraded.jobDir, next)).chain?.previous?.run).toBe(old);
    const run = await cli(["verify-history", upgraded.jobDir]);
    expect(run.stdout).toContain("history intact, 2 runs (1 chained), 0 removed by retention");
    expect(run.code).toBe(0);
  }, 120_000);
});
