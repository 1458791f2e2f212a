/**
 * `<root>/<job>/run.lock`: at most one run of a job at a time, across
 * processes and machines sharing the output root (two daemons, a daemon and
 * `run-job`, overlapping CronJob pods).
 *
 * The lock is a file created with O_EXCL holding who took it (pid, host,
 * start, run). While a run holds it, its modification time is refreshed every
 * HEARTBEAT_MS. A lock is stale, and is taken over with a log line, when its
 * holder is a dead process on this host, or when its heartbeat stopped
 * STALE_AFTER_MS ago (a crashed pod on another machine); a lock whose file
 * was left empty by a crash between create and write counts by its age too.
 *
 * Takeover renames the stale file aside and checks that what moved is the
 * stale lock it read: if another process took over first, its fresh lock is
 * put back and this process reports the job as locked. Release moves its own
 * lock aside the same way, so a lock written by a process that took over in
 * the meantime is put back rather than deleted.
 */
import { randomBytes } from "node:crypto";
import { readFileSync, type Stats } from "node:fs";
import { type FileHandle, link, open, readFile, rename, rm, stat, utimes } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { z } from "zod";

export const LOCK_FILE = "run.lock";
export const HEARTBEAT_MS = 30_000;
export const STALE_AFTER_MS = 5 * 60_000;

export const LockHolder = z.object({
  pid: z.number().int(),
  host: z.string(),
  started: z.string(),
  run: z.string(),
});
export type LockHolder = z.infer<typeof LockHolder>;

export interface HeldLock {
  readonly holder: LockHolder;
  /** The stale holder this lock replaced, if any. */
  readonly tookOver: { holder: LockHolder | null; why: string } | null;
  release(): Promise<void>;
}

export type LockAttempt =
  | { acquired: true; lock: HeldLock }
  | { acquired: false; holder: LockHolder | null; heartbeat: Date | null };

/**
 * Every call the lock makes to the file system and to other processes. Races
 * between processes happen between two of these calls, so a test passes its
 * own to stage one at an exact step; callers leave the default.
 */
export interface LockSystem {
  open(path: string, flags: "wx", mode: number): Promise<FileHandle>;
  readFile(path: string): Promise<string>;
  stat(path: string): Promise<Pick<Stats, "mtime">>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, path: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
  utimes(path: string, atime: Date, mtime: Date): Promise<void>;
  /** process.kill: throws when the signal cannot be sent. */
  kill(pid: number, signal: number): void;
  /** The text of /proc/<pid>/stat; throws where it cannot be read. */
  procStat(pid: number): string;
}

export const nodeLockSystem: LockSystem = {
  open,
  readFile: (path) => readFile(path, "utf8"),
  stat,
  rename,
  link,
  rm,
  utimes,
  kill: (pid, signal) => {
    process.kill(pid, signal);
  },
  procStat: (pid) => readFileSync(`/proc/${pid}/stat`, "utf8"),
};

interface Observed {
  holder: LockHolder | null;
  text: string;
  mtime: Date;
}

function lockText(holder: LockHolder): string {
  return `${JSON.stringify(holder)}\n`;
}

function isAlive(pid: number, system: LockSystem): boolean {
  try {
    system.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A killed process its parent has not reaped yet (a zombie) still answers signal 0; Linux says so in /proc.
  try {
    return !/^\d+ \(.*\) Z/.test(system.procStat(pid));
  } catch {
    return true;
  }
}

async function observe(file: string, system: LockSystem): Promise<Observed | null> {
  try {
    const [text, info] = await Promise.all([system.readFile(file), system.stat(file)]);
    let holder: LockHolder | null = null;
    try {
      const parsed = LockHolder.safeParse(JSON.parse(text));
      holder = parsed.success ? parsed.data : null;
    } catch {
      holder = null;
    }
    return { holder, text, mtime: info.mtime };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}

/** Why a lock is stale, or null when its holder may still be running. */
export function staleReason(
  observed: Observed,
  now: Date,
  host: string = hostname(),
  system: LockSystem = nodeLockSystem,
): string | null {
  const { holder } = observed;
  if (holder && holder.host === host && !isAlive(holder.pid, system))
    return `process ${holder.pid} on this host is gone`;
  const silentMs = now.getTime() - observed.mtime.getTime();
  if (silentMs > STALE_AFTER_MS) return `no heartbeat for ${Math.round(silentMs / 1000)} s`;
  return null;
}

async function createExclusive(file: string, holder: LockHolder, system: LockSystem): Promise<boolean> {
  let handle: FileHandle;
  try {
    handle = await system.open(file, "wx", 0o640);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(lockText(holder));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Moves an observed lock aside and removes it; false when the file moved was not the one observed (it is put back). */
async function retire(file: string, observed: Observed, system: LockSystem): Promise<boolean> {
  const aside = `${file}.stale-${randomBytes(6).toString("hex")}`;
  try {
    await system.rename(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
  const moved = await system.readFile(aside).catch(() => null);
  if (moved === observed.text) {
    await system.rm(aside, { force: true });
    return true;
  }
  // Someone else's fresh lock: restore it unless yet another lock appeared meanwhile.
  await system.link(aside, file).catch(() => undefined);
  await system.rm(aside, { force: true });
  return false;
}

function holdLock(file: string, holder: LockHolder, tookOver: HeldLock["tookOver"], system: LockSystem): HeldLock {
  const heartbeat = setInterval(() => {
    const now = new Date();
    system.utimes(file, now, now).catch(() => undefined);
  }, HEARTBEAT_MS);
  heartbeat.unref();
  let released = false;
  return {
    holder,
    tookOver,
    async release() {
      if (released) return;
      released = true;
      clearInterval(heartbeat);
      // Only our own lock is removed: after a takeover by someone else, theirs stays (see retire).
      const current = await observe(file, system);
      if (current?.text === lockText(holder)) await retire(file, current, system);
    },
  };
}

export async function acquireJobLock(
  jobDir: string,
  run: string,
  now: Date = new Date(),
  system: LockSystem = nodeLockSystem,
): Promise<LockAttempt> {
  const file = join(jobDir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: hostname(), started: now.toISOString(), run };
  if (await createExclusive(file, holder, system))
    return { acquired: true, lock: holdLock(file, holder, null, system) };

  const existing = await observe(file, system);
  if (existing === null) {
    // Released between our attempt and our look: one more try.
    return (await createExclusive(file, holder, system))
      ? { acquired: true, lock: holdLock(file, holder, null, system) }
      : { acquired: false, holder: null, heartbeat: null };
  }
  const why = staleReason(existing, now, holder.host, system);
  if (why === null) return { acquired: false, holder: existing.holder, heartbeat: existing.mtime };
  if ((await retire(file, existing, system)) && (await createExclusive(file, holder, system))) {
    return { acquired: true, lock: holdLock(file, holder, { holder: existing.holder, why }, system) };
  }
  const winner = await observe(file, system);
  return { acquired: false, holder: winner?.holder ?? null, heartbeat: winner?.mtime ?? null };
}
