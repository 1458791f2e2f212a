/**
 * What the job lock learns from the host, staged where the test machine
 * cannot show it: a holder that belongs to another user (signal 0 refused
 * with EPERM, which root never sees), a system without a readable /proc, and
 * the lock file's descriptor, closed after every create.
 */
import type { FileHandle } from "node:fs/promises";
import { mkdtemp } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { acquireJobLock, type LockHolder, nodeLockSystem, staleReason } from "../../src/schedule/job-lock.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { CRASHED, CRASHED_AGE_MS, errno, held, lockText, systemWith, writeLockOf } from "./lock-staging.js";

let root: string;
beforeAll(() => {
  root = scratchDir("lock-host");
});

const NOW = new Date("2026-11-29T02:00:00.000Z");
const here = hostname();
const NEIGHBOUR: LockHolder = { pid: 4242, host: here, started: "2026-11-29T01:59:00.000Z", run: "neighbour" };

/** The neighbour's lock as read a moment after its heartbeat. */
const fresh = { holder: NEIGHBOUR, text: lockText(NEIGHBOUR), mtime: new Date(NOW.getTime() - 1000) };

/** Signal 0 answered, as for a process that exists, and /proc/<pid>/stat read through `procStat`. */
const answering = (procStat: (pid: number) => string) => systemWith({ kill: () => undefined, procStat });

describe("a holder on this host", () => {
  it("belonging to another user (signal 0 refused with EPERM) is alive, and its lock is respected", async () => {
    const refused = systemWith({
      kill: () => {
        throw errno("EPERM");
      },
    });
    expect(staleReason(fresh, NOW, here, refused)).toBeNull();
    const jobDir = await mkdtemp(join(root, "job-"));
    await writeLockOf(jobDir, NEIGHBOUR);
    expect(await acquireJobLock(jobDir, "mine", new Date(), refused)).toMatchObject({
      acquired: false,
      holder: NEIGHBOUR,
    });
  });

  it("that signal 0 cannot reach for any other reason is gone", () => {
    const missing = systemWith({
      kill: () => {
        throw errno("ESRCH");
      },
    });
    expect(staleReason(fresh, NOW, here, missing)).toBe("process 4242 on this host is gone");
  });

  it("that answers signal 0 is alive where /proc cannot be read, and judged by /proc where it can", () => {
    const noProc = answering(() => {
      throw errno("ENOENT");
    });
    expect(staleReason(fresh, NOW, here, noProc)).toBeNull();
    expect(
      staleReason(
        fresh,
        NOW,
        here,
        answering(() => "4242 (ddproof) S 1 4242"),
      ),
    ).toBeNull();
    expect(
      staleReason(
        fresh,
        NOW,
        here,
        answering(() => "4242 (ddproof) Z 1 4242"),
      ),
    ).toBe("process 4242 on this host is gone");
  });
});

describe("the lock file's descriptor", () => {
  it("is closed once the lock is written, for a free lock and for a stale one taken over", async () => {
    const opened: FileHandle[] = [];
    const counting = systemWith({
      open: async (path, flags, mode) => {
        const handle = await nodeLockSystem.open(path, flags, mode);
        opened.push(handle);
        return handle;
      },
    });
    const jobDir = await mkdtemp(join(root, "job-"));
    await held(await acquireJobLock(jobDir, "free", new Date(), counting)).release();
    await writeLockOf(jobDir, CRASHED, CRASHED_AGE_MS);
    const lock = held(await acquireJobLock(jobDir, "taken-over", new Date(), counting));
    expect(lock.tookOver?.holder).toEqual(CRASHED);
    await lock.release();
    // A closed FileHandle's fd is -1.
    expect(opened.map((handle) => handle.fd)).toEqual([-1, -1]);
  });
});
