/**
 * Where snapshots and packs are written: checked before any slow work, so a
 * path that cannot hold files (one of its folders is a regular file) is an
 * input error at once, not a crash after a long collection or render.
 * Nothing is created here.
 */
import { stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { InputError } from "../errors.js";

/** The closest thing at or above `path` that exists, and whether it is a folder. */
async function nearestExisting(path: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let dir = resolve(path); ; dir = dirname(dir)) {
    const info = await stat(dir).catch(() => null);
    if (info) return { path: dir, isDirectory: info.isDirectory() };
    if (dirname(dir) === dir) return { path: dir, isDirectory: false };
  }
}

/** Throws an InputError naming `shown` when `folder` could never be a folder (something above it is a file). */
export async function assertFolderPossible(folder: string, shown: string, what: string): Promise<void> {
  const above = await nearestExisting(folder);
  if (!above.isDirectory) throw new InputError(`${shown}: cannot write ${what} there: ${above.path} is not a folder`);
}
