/**
 * `<root>/<job>/index.json`: the job's history, one entry per finished run
 * (complete, incomplete or failed), oldest first. It is written atomically
 * and only by the holder of the job's lock, so readers never see half a file
 * and two writers never interleave. A run that is still going, or that was
 * killed, has no entry.
 */
import { join } from "node:path";
import { z } from "zod";
import { StatusSummary } from "../assess/schema.js";
import { JobKind } from "../config/schema.js";
import { parseOrThrow } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readJsonFileIfPresent } from "../io/read-json.js";
import { Period } from "../snapshot/schema.js";
import { RUN_ID_PATTERN } from "./run-id.js";

export const INDEX_FILE = "index.json";
export const INDEX_FORMAT = "ddproof-run-index/1";

export const RunStatus = z.enum(["complete", "incomplete", "failed"]);
export type RunStatus = z.infer<typeof RunStatus>;

/** What started the run: its cron schedule, a schedule missed while the daemon was down, or `run-job`. */
export const RunTrigger = z.enum(["schedule", "missed", "manual"]);
export type RunTrigger = z.infer<typeof RunTrigger>;

export const AttackSummary = z.object({
  /** Techniques at or above `gap_below`. */
  covered: z.number().int().nonnegative(),
  total: z.number().int().nonnegative(),
  gap_below: z.number().int(),
  /** Techniques per score, index = score (0–5). */
  by_score: z.array(z.number().int().nonnegative()).length(6),
});
export type AttackSummary = z.infer<typeof AttackSummary>;

export const RunSummary = z.object({
  collected_at: z.iso.datetime({ offset: true }),
  /** Control counts per status, per framework id. */
  frameworks: z.record(z.string(), StatusSummary),
  attack: AttackSummary.nullable(),
  gaps: z.number().int().nonnegative(),
  /** Against the job's previous run with a pack; null when there was none to compare with. */
  new_gaps: z.number().int().nonnegative().nullable(),
  closed_gaps: z.number().int().nonnegative().nullable(),
  collect_seconds: z.number().nonnegative(),
  duration_seconds: z.number().nonnegative(),
});
export type RunSummary = z.infer<typeof RunSummary>;

export const RunEntry = z.object({
  id: z.string().regex(RUN_ID_PATTERN, "expected a run id such as 2026-11-29T020000Z"),
  status: RunStatus,
  trigger: RunTrigger,
  started_at: z.iso.datetime({ offset: true }),
  finished_at: z.iso.datetime({ offset: true }),
  period: Period.nullable(),
  /** The pack folder, relative to the job folder (the run id); null when no pack was written. */
  pack_dir: z.string().regex(RUN_ID_PATTERN).nullable(),
  /** Collectors that failed (incomplete runs). */
  missing_evidence: z.array(z.string()),
  summary: RunSummary.nullable(),
  /** Why a failed run failed. */
  error: z.string().nullable(),
});
export type RunEntry = z.infer<typeof RunEntry>;

export const RunIndex = z.object({
  format: z.literal(INDEX_FORMAT),
  job: z.string(),
  kind: JobKind,
  runs: z.array(RunEntry),
  /**
   * Runs with a pack that retention removed since the newest pack was written;
   * the next run records them in its (signed) manifest and clears this list.
   */
  retention_removed: z.array(z.string().regex(RUN_ID_PATTERN)).optional(),
});
export type RunIndex = z.infer<typeof RunIndex>;

export function indexFile(jobDir: string): string {
  return join(jobDir, INDEX_FILE);
}

/** The job's index, or an empty one when the job has never finished a run. */
export async function readRunIndex(jobDir: string, job: string, kind: JobKind): Promise<RunIndex> {
  const file = indexFile(jobDir);
  const json = await readJsonFileIfPresent(file, "the run index", "; repair or remove it to start a new history");
  if (json === undefined) return { format: INDEX_FORMAT, job, kind, runs: [] };
  return parseOrThrow(RunIndex, json, file);
}

export async function writeRunIndex(jobDir: string, index: RunIndex): Promise<void> {
  await writeFileAtomic(indexFile(jobDir), `${JSON.stringify(RunIndex.parse(index), null, 2)}\n`, 0o640);
}

/** Runs oldest first, by start time (ids tie-break). */
export function chronological(runs: readonly RunEntry[]): RunEntry[] {
  return [...runs].sort(
    (a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Runs that left a pack (complete or incomplete evidence), oldest first. */
export function runsWithPacks(index: RunIndex): RunEntry[] {
  return chronological(index.runs).filter((run) => run.status !== "failed" && run.pack_dir !== null);
}
