/**
 * The job lock file: exclusive while held, released by its holder only, and
 * taken over when its holder is a dead process on this host or its heartbeat
 * stopped long ago (a crashed pod on another machine).
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireJobLock, LOCK_FILE, type LockAttempt, STALE_AFTER_MS } from "../../src/schedule/job-lock.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-lock-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function held(attempt: LockAttempt) {
  if (!attempt.acquired) throw new Error("expected the lock");
  return attempt.lock;
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

async function writeForeignLock(jobDir: string, holder: object, ageMs: number): Promise<void> {
  const file = join(jobDir, LOCK_FILE);
  await writeFile(file, `${JSON.stringify(holder)}\n`);
  const then = new Date(Date.now() - ageMs);
  await utimes(file, then, then);
}

describe("acquireJobLock", () => {
  it("is exclusive until released, and the second caller learns who holds it", async () => {
    const jobDir = await mkdtemp(join(dir, "job-"));
    const lock = held(await acquireJobLock(jobDir, "2026-11-29T020000Z"));
    expect(JSON.parse(await readFile(join(jobDir, LOCK_FILE), "utf8"))).toMatchObject({
      pid: process.pid,
      host: hostname(),
      run: "2026-11-29T020000Z",
    });
    const second = await acquireJobLock(jobDir, "2026-11-29T020001Z");
    expect(second).toMatchObject({ acquired: false, holder: { pid: process.pid, run: "2026-11-29T020000Z" } });
    await lock.release();
    expect(existsSync(join(jobDir, LOCK_FILE))).toBe(false);
    await held(await acquireJobLock(jobDir, "2026-11-29T020002Z")).release();
  });

  it("takes over the lock of a dead process on this host and says whose it was", async () => {
    const jobDir = await mkdtemp(join(dir, "job-"));
    const pid = await deadPid();
    await writeForeignLock(jobDir, { pid, host: hostname(), started: "2026-11-29T02:00:00Z", run: "crashed" }, 0);
    const lock = held(await acquireJobLock(jobDir, "next"));
    expect(lock.tookOver).toEqual({
      holder: { pid, host: hostname(), started: "2026-11-29T02:00:00Z", run: "crashed" },
      why: `process ${pid} on this host is gone`,
    });
    await lock.release();
  });

  it("respects a fresh lock from another host, and takes over one whose heartbeat stopped", async () => {
    const jobDir = await mkdtemp(join(dir, "job-"));
    const foreign = { pid: 1, host: "other-pod", started: "2026-11-29T02:00:00Z", run: "remote" };
    await writeForeignLock(jobDir, foreign, 10_000);
    expect(await acquireJobLock(jobDir, "mine")).toMatchObject({ acquired: false, holder: foreign });
    await writeForeignLock(jobDir, foreign, STALE_AFTER_MS + 60_000);
    const lock = held(await acquireJobLock(jobDir, "mine"));
    expect(lock.tookOver?.holder).toEqual(foreign);
    expect(lock.tookOver?.why).toMatch(/^no heartbeat for \d+ s$/);
    await lock.release();
  });

  it("treats an empty lock file (a crash between create and write) by its age", async () => {
    const jobDir = await mkdtemp(join(dir, "job-"));
    await writeFile(join(jobDir, LOCK_FILE), "");
    expect(await acquireJobLock(jobDir, "mine")).toMatchObject({ acquired: false, holder: null });
    const old = new Date(Date.now() - STALE_AFTER_MS - 1000);
    await utimes(join(jobDir, LOCK_FILE), old, old);
    await held(await acquireJobLock(jobDir, "mine")).release();
  });

  it("does not remove a lock that someone else took over in the meantime", async () => {
    const jobDir = await mkdtemp(join(dir, "job-"));
    const lock = held(await acquireJobLock(jobDir, "mine"));
    const theirs = { pid: 2, host: "other-pod", started: "2026-11-29T03:00:00Z", run: "theirs" };
    await writeForeignLock(jobDir, theirs, 0);
    await lock.release();
    expect(JSON.parse(await readFile(join(jobDir, LOCK_FILE), "utf8"))).toEqual(theirs);
  });
});
