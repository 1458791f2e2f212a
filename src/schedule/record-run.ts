/**
 * What every history does with a finished run, whether it is a job's own,
 * one org's of a fleet job or the fleet's: the run's index entry, the index
 * written (atomically, by the holder of the job's lock), then retention
 * after a run that wrote a pack.
 */
import { join } from "node:path";
import type { Retention } from "../config/schema.js";
import { describeError } from "../describe-error.js";
import { InputError } from "../errors.js";
import type { Period } from "../snapshot/schema.js";
import { type RunEntry, type RunIndex, type RunTrigger, writeRunIndex } from "./history-index.js";
import type { Logger } from "./log.js";
import type { RunReport } from "./notify/contract.js";
import { applyRetention } from "./retention.js";

export const ABANDONED = "abandoned: shutdown was requested while the run was in progress";

/** A run's pack, as its history records it. */
export interface Produced {
  status: "complete" | "incomplete";
  period: Period;
  missing: string[];
  summary: NonNullable<RunEntry["summary"]>;
  changes: RunReport["changes"];
  actions: NonNullable<RunReport["actions"]>;
}

export function describeFailure(error: unknown, signal: AbortSignal | undefined): string {
  if (signal?.aborted) return ABANDONED;
  return error instanceof InputError ? error.message : describeError(error);
}

/** The index entry of a run: its pack's figures, or why it has none. */
export function runEntry(
  run: { id: string; trigger: RunTrigger; started: Date; finished: Date },
  produced: Produced | null,
  error: string | null,
): RunEntry {
  return {
    id: run.id,
    status: produced?.status ?? "failed",
    trigger: run.trigger,
    started_at: run.started.toISOString(),
    finished_at: run.finished.toISOString(),
    period: produced?.period ?? null,
    pack_dir: produced ? run.id : null,
    missing_evidence: produced?.missing ?? [],
    summary: produced?.summary ?? null,
    error: produced ? null : (error ?? "unknown error"),
  };
}

/** Runs `produce`, then makes the run's entry from its pack, or from why it failed (an abort reads as abandoned). */
export async function produceEntry(
  produce: () => Promise<Produced>,
  run: { id: string; trigger: RunTrigger; started: Date },
  options: { signal: AbortSignal | undefined; now: () => Date },
): Promise<{ produced: Produced | null; failure: unknown; entry: RunEntry }> {
  let produced: Produced | null = null;
  let failure: unknown = null;
  try {
    produced = await produce();
  } catch (error) {
    failure = error;
  }
  const entry = runEntry(
    { ...run, finished: options.now() },
    produced,
    produced ? null : describeFailure(failure, options.signal),
  );
  return { produced, failure, entry };
}

async function prune(
  dir: string,
  index: RunIndex,
  retention: Retention | undefined,
  keepId: string,
  now: Date,
  log: Logger,
): Promise<void> {
  try {
    const { removed } = await applyRetention(dir, index, retention, keepId, now);
    if (removed.length > 0)
      log.info("retention removed earlier runs", { runs: removed.map((run) => run.id).join(",") });
  } catch (error) {
    log.warn("retention could not remove earlier runs; they are kept", { error: describeError(error) });
  }
}

/** Appends the entry to the history in `dir`, logs how the run ended, and applies retention after a pack. */
export async function recordRun(
  dir: string,
  index: RunIndex,
  entry: RunEntry,
  options: { retention: Retention | undefined; now: () => Date; log: Logger },
): Promise<void> {
  const { log } = options;
  const wrotePack = entry.pack_dir !== null;
  // A written pack has recorded retention's earlier removals in its manifest: the list starts anew.
  const { retention_removed: recorded, ...rest } = index;
  const next: RunIndex = {
    ...rest,
    runs: [...index.runs, entry],
    ...(wrotePack || !recorded ? {} : { retention_removed: recorded }),
  };
  await writeRunIndex(dir, next);
  if (!wrotePack) {
    log.error("run failed", { error: entry.error });
    return;
  }
  log.info("run finished", {
    status: entry.status,
    gaps: entry.summary?.gaps,
    new_gaps: entry.summary?.new_gaps,
    closed_gaps: entry.summary?.closed_gaps,
    pack: join(dir, entry.id),
  });
  await prune(dir, next, options.retention, entry.id, options.now(), log);
}
