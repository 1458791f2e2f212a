/**
 * Hidden work folders in a job folder: the collection folder of a run in
 * progress (`.<run>.collect.partial-XXXXXX`) and the pack writer's staging
 * (`.<run>.partial-<hex>`, `.<run>.old-<hex>`), and the temporary file of an
 * atomic index write (`.index.json.tmp-<hex>`). A run that was killed leaves
 * them behind; they are removed only by the holder of the job's lock, when no
 * other run of the job can be using them.
 */
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { join } from "node:path";

const STALE_WORK_DIR = /^\.[^/\\]+\.(partial|old)-[A-Za-z0-9]+$/;
const STALE_TEMP_FILE = /^\.[^/\\]+\.tmp-[0-9a-f]+$/;

/** A private folder for one run's snapshot and population files, on the same disk as its pack. */
export function makeCollectDir(jobDir: string, run: string): Promise<string> {
  return mkdtemp(join(jobDir, `.${run}.collect.partial-`));
}

/** Removes work folders left by killed runs; returns their names. Call only while holding the job's lock. */
export async function removeStaleWorkDirs(jobDir: string): Promise<string[]> {
  const entries = await readdir(jobDir, { withFileTypes: true }).catch(() => []);
  const stale = entries
    .filter(
      (entry) =>
        (entry.isDirectory() && STALE_WORK_DIR.test(entry.name)) ||
        (entry.isFile() && STALE_TEMP_FILE.test(entry.name)),
    )
    .map((entry) => entry.name);
  for (const name of stale) await rm(join(jobDir, name), { recursive: true, force: true });
  return stale.sort();
}
