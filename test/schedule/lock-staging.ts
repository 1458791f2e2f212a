/**
 * Shared pieces of the job lock tests that stage what another process does:
 * a lock file written by someone else, a lock system whose calls let a test
 * act at an exact step, and a file-system error as Node reports it.
 */
import { utimes, writeFile } from "node:fs/promises";
import { join } from "node:path";
import {
  LOCK_FILE,
  type LockAttempt,
  type LockHolder,
  type LockSystem,
  nodeLockSystem,
  STALE_AFTER_MS,
} from "../../src/schedule/job-lock.js";

export function held(attempt: LockAttempt) {
  if (!attempt.acquired) throw new Error("expected the lock");
  return attempt.lock;
}

export function lockText(holder: LockHolder): string {
  return `${JSON.stringify(holder)}\n`;
}

/** Writes `holder`'s lock into `jobDir` as another process would, its heartbeat `ageMs` old. */
export async function writeLockOf(jobDir: string, holder: LockHolder, ageMs = 0): Promise<void> {
  const file = join(jobDir, LOCK_FILE);
  await writeFile(file, lockText(holder));
  const then = new Date(Date.now() - ageMs);
  await utimes(file, then, then);
}

/** A lock of a pod that crashed long ago: stale by its heartbeat. */
export const CRASHED: LockHolder = { pid: 3, host: "gone-pod", started: "2026-11-29T02:00:00Z", run: "crashed" };
export const CRASHED_AGE_MS = STALE_AFTER_MS + 60_000;

/** The real lock system with some calls replaced. */
export function systemWith(overrides: Partial<LockSystem>): LockSystem {
  return { ...nodeLockSystem, ...overrides };
}

/** An error as Node's file-system and process calls throw it. */
export function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code} (staged by the test)`), { code });
}
