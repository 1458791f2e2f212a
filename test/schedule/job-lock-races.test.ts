/**
 * The job lock racing other processes, each race staged at the exact step
 * where it can happen: the lock released between a refused create and the
 * read, a stale lock retired by someone else first, another process's fresh
 * lock moved aside by mistake and put back, and files that vanish just before
 * they are removed.
 */
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import {
  acquireJobLock,
  LOCK_FILE,
  type LockHolder,
  type LockSystem,
  nodeLockSystem,
} from "../../src/schedule/job-lock.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { CRASHED, CRASHED_AGE_MS, errno, held, lockText, systemWith, writeLockOf } from "./lock-staging.js";

let root: string;
beforeAll(() => {
  root = scratchDir("lock-races");
});

const THEIRS: LockHolder = { pid: 7, host: "other-pod", started: "2026-11-29T02:05:00Z", run: "theirs" };
const THIRD: LockHolder = { pid: 8, host: "third-pod", started: "2026-11-29T02:05:01Z", run: "third" };

/** A job folder holding `holder`'s lock, `ageMs` old. */
async function jobWithLock(holder: LockHolder, ageMs = 0): Promise<{ jobDir: string; file: string }> {
  const jobDir = await mkdtemp(join(root, "job-"));
  await writeLockOf(jobDir, holder, ageMs);
  return { jobDir, file: join(jobDir, LOCK_FILE) };
}

/** A readFile before whose first call the lock's holder releases it. */
function releasedBeforeFirstRead(): LockSystem["readFile"] {
  let released = false;
  return async (path) => {
    if (!released) {
      released = true;
      await rm(path);
    }
    return nodeLockSystem.readFile(path);
  };
}

/** A rename before which another process retires the stale lock and creates its own. */
const theirsTakenOverFirst =
  (jobDir: string): LockSystem["rename"] =>
  async (from, to) => {
    await rm(from);
    await writeLockOf(jobDir, THEIRS);
    return nodeLockSystem.rename(from, to);
  };

describe("a lock released between the refused create and the read", () => {
  it("is taken by this process, as a lock that was never stale", async () => {
    const { jobDir, file } = await jobWithLock(THEIRS);
    const system = systemWith({ readFile: releasedBeforeFirstRead() });
    const lock = held(await acquireJobLock(jobDir, "mine", new Date(), system));
    expect(lock.tookOver).toBeNull();
    expect(await readFile(file, "utf8")).toBe(lockText(lock.holder));
    await lock.release();
  });

  it("leaves the job locked, by nobody known yet, when another process creates its lock first", async () => {
    const { jobDir, file } = await jobWithLock(THEIRS);
    let opens = 0;
    const system = systemWith({
      readFile: releasedBeforeFirstRead(),
      open: async (path, flags, mode) => {
        opens += 1;
        if (opens === 2) await writeLockOf(jobDir, THIRD);
        return nodeLockSystem.open(path, flags, mode);
      },
    });
    expect(await acquireJobLock(jobDir, "mine", new Date(), system)).toEqual({
      acquired: false,
      holder: null,
      heartbeat: null,
    });
    expect(await readFile(file, "utf8")).toBe(lockText(THIRD));
  });
});

describe("taking over a stale lock while other processes do too", () => {
  it("takes over when the stale lock is already gone as it is about to be moved aside", async () => {
    const { jobDir, file } = await jobWithLock(CRASHED, CRASHED_AGE_MS);
    const system = systemWith({
      rename: async (from, to) => {
        await rm(from);
        return nodeLockSystem.rename(from, to);
      },
    });
    const lock = held(await acquireJobLock(jobDir, "mine", new Date(), system));
    expect(lock.tookOver).toEqual({ holder: CRASHED, why: expect.stringMatching(/^no heartbeat for \d+ s$/) });
    expect(await readFile(file, "utf8")).toBe(lockText(lock.holder));
    await lock.release();
    expect(await readdir(jobDir)).toEqual([]);
  });

  it("fails with the file system's error when the stale lock cannot be moved aside, and leaves it", async () => {
    const { jobDir, file } = await jobWithLock(CRASHED, CRASHED_AGE_MS);
    const system = systemWith({
      rename: async () => {
        throw errno("EACCES");
      },
    });
    await expect(acquireJobLock(jobDir, "mine", new Date(), system)).rejects.toMatchObject({ code: "EACCES" });
    expect(await readFile(file, "utf8")).toBe(lockText(CRASHED));
  });

  it("puts back the fresh lock of a process that took over first, and reports that process as the holder", async () => {
    const { jobDir, file } = await jobWithLock(CRASHED, CRASHED_AGE_MS);
    const system = systemWith({ rename: theirsTakenOverFirst(jobDir) });
    const attempt = await acquireJobLock(jobDir, "mine", new Date(), system);
    expect(attempt).toEqual({ acquired: false, holder: THEIRS, heartbeat: (await stat(file)).mtime });
    expect(await readFile(file, "utf8")).toBe(lockText(THEIRS));
    expect(await readdir(jobDir)).toEqual([LOCK_FILE]);
  });

  it("keeps a third process's lock that appeared before the fresh one could be put back", async () => {
    const { jobDir, file } = await jobWithLock(CRASHED, CRASHED_AGE_MS);
    const system = systemWith({
      rename: theirsTakenOverFirst(jobDir),
      readFile: async (path) => {
        // Reading back what was moved aside: meanwhile a third process found no lock and created one.
        if (path !== file) await writeLockOf(jobDir, THIRD);
        return nodeLockSystem.readFile(path);
      },
    });
    expect(await acquireJobLock(jobDir, "mine", new Date(), system)).toMatchObject({ acquired: false, holder: THIRD });
    expect(await readFile(file, "utf8")).toBe(lockText(THIRD));
    expect(await readdir(jobDir)).toEqual([LOCK_FILE]);
  });

  it("backs off without an error when what it moved aside is gone before it could be checked", async () => {
    const { jobDir } = await jobWithLock(CRASHED, CRASHED_AGE_MS);
    const system = systemWith({
      rename: async (from, to) => {
        await nodeLockSystem.rename(from, to);
        await rm(to);
      },
    });
    expect(await acquireJobLock(jobDir, "mine", new Date(), system)).toEqual({
      acquired: false,
      holder: null,
      heartbeat: null,
    });
    expect(await readdir(jobDir)).toEqual([]);
  });

  it("takes over even when the stale lock it moved aside is already gone as it deletes it", async () => {
    const { jobDir, file } = await jobWithLock(CRASHED, CRASHED_AGE_MS);
    const system = systemWith({
      rm: async (path, options) => {
        if (path !== file) await rm(path);
        return nodeLockSystem.rm(path, options);
      },
    });
    const lock = held(await acquireJobLock(jobDir, "mine", new Date(), system));
    expect(lock.tookOver?.holder).toEqual(CRASHED);
    expect(await readdir(jobDir)).toEqual([LOCK_FILE]);
    await lock.release();
  });
});

describe("releasing", () => {
  it("is quiet when the lock file disappears between the check and the removal", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const file = join(jobDir, LOCK_FILE);
    const system = systemWith({
      rm: async (path, options) => {
        await rm(path);
        return nodeLockSystem.rm(path, options);
      },
    });
    const lock = held(await acquireJobLock(jobDir, "mine", new Date(), system));
    expect(await readFile(file, "utf8")).toBe(lockText(lock.holder));
    await expect(lock.release()).resolves.toBeUndefined();
    expect(await readdir(jobDir)).toEqual([]);
  });

  it("leaves the lock of a process that took over between the check and the removal", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const file = join(jobDir, LOCK_FILE);
    let releasing = false;
    const system = systemWith({
      // The check reads this process's lock; right after, another process takes the job over.
      readFile: async (path) => {
        const text = await nodeLockSystem.readFile(path);
        if (releasing && path === file) {
          releasing = false;
          await writeLockOf(jobDir, THEIRS);
        }
        return text;
      },
    });
    const lock = held(await acquireJobLock(jobDir, "mine", new Date(), system));
    releasing = true;
    await lock.release();
    expect(await readdir(jobDir)).toEqual([LOCK_FILE]);
    expect(await readFile(file, "utf8")).toBe(lockText(THEIRS));
  });
});
