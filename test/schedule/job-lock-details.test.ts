/**
 * The job lock in detail: the exact file it writes, what a refused caller
 * learns (holder and heartbeat), a release that cannot remove a later lock of
 * the same holder, the staleness rule at its boundary (a dead or zombie
 * process here, a silent heartbeat anywhere) and the heartbeat itself.
 */
import { execFile, spawn } from "node:child_process";
import { mkdtemp, readFile, stat, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import {
  acquireJobLock,
  HEARTBEAT_MS,
  LOCK_FILE,
  type LockAttempt,
  type LockHolder,
  STALE_AFTER_MS,
  staleReason,
} from "../../src/schedule/job-lock.js";
import { scratchDir } from "../helpers/scratch-dir.js";

let root: string;
beforeAll(() => {
  root = scratchDir("lock-details");
});

function held(attempt: LockAttempt) {
  if (!attempt.acquired) throw new Error("expected the lock");
  return attempt.lock;
}

const NOW = new Date("2026-11-29T02:00:00.000Z");

function observed(holder: LockHolder | null, silentMs: number) {
  return { holder, text: holder ? `${JSON.stringify(holder)}\n` : "", mtime: new Date(NOW.getTime() - silentMs) };
}

/** The pid of a process that has already exited. */
async function deadPid(): Promise<number> {
  const child = execFile(process.execPath, ["-e", ""]);
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}

describe("the lock file", () => {
  it("holds exactly this process, this host, the start time and the run, on one line, mode 640", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const lock = held(await acquireJobLock(jobDir, "2026-11-29T020000Z", NOW));
    const holder = {
      pid: process.pid,
      host: hostname(),
      started: "2026-11-29T02:00:00.000Z",
      run: "2026-11-29T020000Z",
    };
    expect(lock.holder).toEqual(holder);
    expect(lock.tookOver).toBeNull();
    expect(await readFile(join(jobDir, LOCK_FILE), "utf8")).toBe(`${JSON.stringify(holder)}\n`);
    expect((await stat(join(jobDir, LOCK_FILE))).mode & 0o777).toBe(0o640);
    await lock.release();
  });

  it("tells a refused caller the holder and when its heartbeat was last seen", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const lock = held(await acquireJobLock(jobDir, "first", NOW));
    const beat = new Date("2026-11-29T01:59:30.000Z");
    await utimes(join(jobDir, LOCK_FILE), beat, beat);
    expect(await acquireJobLock(jobDir, "second", NOW)).toEqual({
      acquired: false,
      holder: lock.holder,
      heartbeat: beat,
    });
    await lock.release();
  });

  it("a second release does nothing, even to a later lock with the same holder", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    const first = held(await acquireJobLock(jobDir, "same-run", NOW));
    await first.release();
    const second = held(await acquireJobLock(jobDir, "same-run", NOW));
    await first.release();
    expect(JSON.parse(await readFile(join(jobDir, LOCK_FILE), "utf8"))).toEqual(second.holder);
    await second.release();
  });

  it("fails with the file system's error when the job folder does not exist", async () => {
    await expect(acquireJobLock(join(root, "no-such-job"), "run", NOW)).rejects.toMatchObject({
      code: "ENOENT",
    });
  });

  it("takes over a lock left empty and old, saying how long it was silent and that nobody was named", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    await writeFile(join(jobDir, LOCK_FILE), "not json");
    const old = new Date(NOW.getTime() - STALE_AFTER_MS - 100_400);
    await utimes(join(jobDir, LOCK_FILE), old, old);
    const lock = held(await acquireJobLock(jobDir, "mine", NOW));
    expect(lock.tookOver).toEqual({ holder: null, why: "no heartbeat for 400 s" });
    await lock.release();
  });
});

describe("staleReason", () => {
  const here = hostname();

  it("a dead process on this host is stale however fresh its heartbeat", async () => {
    const pid = await deadPid();
    const holder = { pid, host: here, started: "s", run: "r" };
    expect(staleReason(observed(holder, 0), NOW, here)).toBe(`process ${pid} on this host is gone`);
    // The host defaults to this machine's name.
    expect(staleReason(observed(holder, 0), NOW)).toBe(`process ${pid} on this host is gone`);
  });

  it("a dead pid on another host is judged by its heartbeat only", async () => {
    const holder = { pid: await deadPid(), host: "other-pod", started: "s", run: "r" };
    expect(staleReason(observed(holder, 1000), NOW, here)).toBeNull();
  });

  it("a live process here is not stale until its heartbeat is silent for more than five minutes", () => {
    const holder = { pid: process.pid, host: here, started: "s", run: "r" };
    expect(staleReason(observed(holder, STALE_AFTER_MS), NOW, here)).toBeNull();
    expect(staleReason(observed(holder, STALE_AFTER_MS + 1), NOW, here)).toBe("no heartbeat for 300 s");
    expect(staleReason(observed(null, STALE_AFTER_MS + 61_600), NOW, here)).toBe("no heartbeat for 362 s");
  });

  it("a process that exited but was not reaped (a zombie) is gone", async () => {
    // The shell starts a short-lived child, then becomes a sleep that never reaps it.
    const parent = spawn("sh", ["-c", "sleep 0.2 & echo $!; exec sleep 30"], { stdio: ["ignore", "pipe", "ignore"] });
    try {
      const zombie = Number(
        await new Promise<string>((resolve) => parent.stdout.once("data", (chunk: Buffer) => resolve(String(chunk)))),
      );
      // Wait until the child has exited and shows as a zombie.
      await vi.waitFor(async () => expect(await readFile(`/proc/${zombie}/stat`, "utf8")).toMatch(/^\d+ \(.*\) Z/), {
        timeout: 10_000,
      });
      const dead = { pid: zombie, host: here, started: "s", run: "r" };
      expect(staleReason(observed(dead, 0), NOW, here)).toBe(`process ${zombie} on this host is gone`);
      const alive = { pid: parent.pid!, host: here, started: "s", run: "r" };
      expect(staleReason(observed(alive, 0), NOW, here)).toBeNull();
    } finally {
      parent.kill();
    }
  });
});

describe("the heartbeat", () => {
  it("touches the lock file every 30 s while the lock is held", async () => {
    const jobDir = await mkdtemp(join(root, "job-"));
    vi.useFakeTimers({ toFake: ["setInterval", "clearInterval", "Date"], now: new Date("2030-01-01T00:00:00Z") });
    try {
      const lock = held(await acquireJobLock(jobDir, "mine"));
      const old = new Date("2026-01-01T00:00:00Z");
      await utimes(join(jobDir, LOCK_FILE), old, old);
      vi.advanceTimersByTime(HEARTBEAT_MS);
      await vi.waitFor(async () =>
        expect((await stat(join(jobDir, LOCK_FILE))).mtime).toEqual(new Date("2030-01-01T00:00:30Z")),
      );
      await lock.release();
    } finally {
      vi.useRealTimers();
    }
  });
});
