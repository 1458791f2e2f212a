/**
 * The job lock's less travelled paths: a holder that does not fit the lock
 * format is nobody, a lock path that cannot be read fails loudly, a takeover
 * leaves this process's own lock on disk, and releasing a lock whose file is
 * already gone is quiet.
 */
import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { acquireJobLock, LOCK_FILE, type LockAttempt, STALE_AFTER_MS } from "../../src/schedule/job-lock.js";
import { scratchDir } from "../helpers/scratch-dir.js";

let root: string;
beforeAll(() => {
  root = scratchDir("lock-edges");
});

function held(attempt: LockAttempt) {
  if (!attempt.acquired) throw new Error("expected the lock");
  return attempt.lock;
}

describe("acquireJobLock, less travelled paths", () => {
  it("reads a holder whose pid is not a whole number as nobody", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    await writeFile(
      join(jobDir, LOCK_FILE),
      `${JSON.stringify({ pid: 12.5, host: "other-pod", started: "2026-11-29T02:00:00Z", run: "odd" })}\n`,
    );
    expect(await acquireJobLock(jobDir, "mine")).toMatchObject({ acquired: false, holder: null });
  });

  it("fails with the file system's error when the lock path cannot be read as a file", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    await mkdir(join(jobDir, LOCK_FILE));
    await expect(acquireJobLock(jobDir, "mine")).rejects.toMatchObject({ code: "EISDIR" });
  });

  it("leaves this process's own lock on disk after taking over a stale one", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const file = join(jobDir, LOCK_FILE);
    await writeFile(file, `${JSON.stringify({ pid: 3, host: "gone-pod", started: "s", run: "old" })}\n`);
    const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    await utimes(file, old, old);
    const lock = held(await acquireJobLock(jobDir, "mine"));
    expect(JSON.parse(await readFile(file, "utf8"))).toEqual(lock.holder);
    expect(lock.holder.run).toBe("mine");
    await lock.release();
  });

  it("releases quietly when the lock file was already removed", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const lock = held(await acquireJobLock(jobDir, "mine"));
    await rm(join(jobDir, LOCK_FILE));
    await expect(lock.release()).resolves.toBeUndefined();
  });
});
