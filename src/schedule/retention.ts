/**
 * Retention after a run that wrote a pack: `keep_last` keeps the packs of the
 * newest N runs, `keep_days` keeps runs that started in the last N days; a
 * run outside any configured limit is removed, folder and index entry.
 *
 * Safety: only folders named by an index entry are ever removed (entries'
 * `pack_dir` is a bare run id, checked by the index schema), and never the run
 * just written. Folders are removed before the index is rewritten, so a crash
 * in between leaves an entry pointing at a missing folder (harmless, pruned
 * again next time), never an unlisted folder nobody would remove. Removed
 * runs that had a pack are noted in the index for the next run's manifest,
 * which records them in the job's history chain (history-chain.ts).
 */
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Retention } from "../config/schema.js";
import { chronological, type RunEntry, type RunIndex, writeRunIndex } from "./history-index.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/** The entries retention removes; pure, for tests and for logging before acting. */
export function runsToPrune(index: RunIndex, retention: Retention | undefined, keepId: string, now: Date): RunEntry[] {
  if (!retention) return [];
  const runs = chronological(index.runs);
  const pruned = new Set<RunEntry>();
  if (retention.keep_last !== undefined) {
    const withPacks = runs.filter((run) => run.pack_dir !== null);
    const kept = withPacks.slice(-retention.keep_last);
    for (const run of withPacks.slice(0, -retention.keep_last)) pruned.add(run);
    // Failed runs (no pack) older than the oldest kept pack go too, so the index does not grow without end.
    const oldestKept = kept[0];
    if (oldestKept)
      for (const run of runs)
        if (run.pack_dir === null && Date.parse(run.started_at) < Date.parse(oldestKept.started_at)) pruned.add(run);
  }
  if (retention.keep_days !== undefined) {
    const cutoff = now.getTime() - retention.keep_days * DAY_MS;
    for (const run of runs) if (Date.parse(run.started_at) < cutoff) pruned.add(run);
  }
  return runs.filter((run) => pruned.has(run) && run.id !== keepId);
}

/** Removes the pruned runs' folders, then rewrites the index without them. Returns what was removed. */
export async function applyRetention(
  jobDir: string,
  index: RunIndex,
  retention: Retention | undefined,
  keepId: string,
  now: Date,
): Promise<{ index: RunIndex; removed: RunEntry[] }> {
  const removed = runsToPrune(index, retention, keepId, now);
  if (removed.length === 0) return { index, removed };
  for (const run of removed) {
    if (run.pack_dir !== null) await rm(join(jobDir, run.pack_dir), { recursive: true, force: true });
  }
  const gone = new Set(removed.map((run) => run.id));
  const withPacks = removed.filter((run) => run.pack_dir !== null).map((run) => run.id);
  const next: RunIndex = {
    ...index,
    runs: index.runs.filter((run) => !gone.has(run.id)),
    ...(withPacks.length > 0 ? { retention_removed: [...(index.retention_removed ?? []), ...withPacks] } : {}),
  };
  await writeRunIndex(jobDir, next);
  return { index: next, removed };
}
