/**
 * The job's history as a chain: every scheduled run's manifest records the
 * SHA-256 of the previous pack's manifest.json and the runs retention removed
 * since (ChainLink in pack/manifest.ts). Signed with the manifest, the chain
 * makes a run removed, replaced or reordered by hand show, while removals by
 * retention are themselves recorded evidence.
 *
 * `verifyHistory` walks the run folders oldest first and names the first run
 * that breaks the chain. What it cannot show is in the README (Signed packs
 * and the history).
 */
import { createHash, type KeyObject } from "node:crypto";
import { readdir } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { InputError, parseOrThrow } from "../errors.js";
import { readJsonFileIfPresent } from "../io/read-json.js";
import { type ChainLink, type Manifest, readManifestBytes } from "../pack/manifest.js";
import { type SignatureCheck, verifyPack } from "../pack/verify.js";
import { INDEX_FILE, type RunIndex, RunIndex as RunIndexSchema, runsWithPacks } from "./history-index.js";
import { RUN_ID_PATTERN } from "./run-id.js";

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** The link a run about to be written records: the job's newest pack, and the removals since it. */
export async function chainLinkFor(jobDir: string, job: string, index: RunIndex, run: string): Promise<ChainLink> {
  const last = runsWithPacks(index).at(-1);
  let previous: ChainLink["previous"] = null;
  if (last?.pack_dir) {
    // An unreadable previous manifest is recorded as such: the gap stays visible in the chain.
    const bytes = await readManifestBytes(join(jobDir, last.pack_dir)).catch(() => null);
    previous = { run: last.id, manifest_sha256: bytes === null ? null : sha256(bytes) };
  }
  return { job, run, previous, retention_removed: [...(index.retention_removed ?? [])] };
}

/** Run ids in time order: the text sorts by time; a same-second suffix (-2, -10) by number. */
export function compareRunIds(a: string, b: string): number {
  const [, baseA = a, nA = "1"] = /^(.*Z)(?:-(\d+))?$/.exec(a) ?? [];
  const [, baseB = b, nB = "1"] = /^(.*Z)(?:-(\d+))?$/.exec(b) ?? [];
  if (baseA !== baseB) return baseA < baseB ? -1 : 1;
  return Number(nA) - Number(nB);
}

export type HistoryBreak = "removed" | "replaced" | "reordered" | "altered";

export interface HistoryProblem {
  run: string;
  kind: HistoryBreak;
  detail: string;
}

export interface HistoryResult {
  job: string;
  /** Run folders present, oldest first. */
  runs: string[];
  /** Of those, runs whose manifest carries a chain link. */
  chained: number;
  /** Runs retention removed, as recorded in manifests (and in index.json for the newest run's removals). */
  retentionRemoved: string[];
  /** How the signatures fared: counts per outcome. */
  signatures: Partial<Record<SignatureCheck, number>>;
  problem: HistoryProblem | null;
}

interface PresentRun {
  id: string;
  manifest: Manifest;
  sha256: string;
}

async function runFolders(jobDir: string): Promise<string[]> {
  const entries = await readdir(jobDir, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new InputError(`${jobDir}: cannot read the job's folder (${error.code ?? error.message})`);
  });
  return entries
    .filter((entry) => entry.isDirectory() && RUN_ID_PATTERN.test(entry.name))
    .map((entry) => entry.name)
    .sort(compareRunIds);
}

/** Where a present run breaks the chain with its predecessor among the present runs, or null. */
function linkProblem(
  run: PresentRun,
  before: PresentRun | null,
  present: Map<string, PresentRun>,
  job: string,
  removed: Set<string>,
): HistoryProblem | null {
  const link = run.manifest.chain;
  if (!link) {
    return before?.manifest.chain
      ? { run: run.id, kind: "replaced", detail: `its pack has no history link, yet ${before.id} before it has one` }
      : null; // packs written before the history was chained
  }
  if (link.job !== job) return { run: run.id, kind: "replaced", detail: `its pack belongs to job "${link.job}"` };
  if (link.run !== run.id)
    return {
      run: run.id,
      kind: "reordered",
      detail: `the folder holds the pack of run ${link.run} (runs moved or swapped)`,
    };
  if (link.previous === null) {
    return before
      ? {
          run: before.id,
          kind: "reordered",
          detail: `it precedes ${run.id}, which records itself as the job's first run`,
        }
      : null;
  }
  const { run: previousId, manifest_sha256: recorded } = link.previous;
  if (before && previousId === before.id) {
    if (recorded === before.sha256) return null;
    return {
      run: before.id,
      kind: "replaced",
      detail:
        recorded === null
          ? `${run.id} recorded its pack as unreadable, yet a pack is there now`
          : `its manifest.json is not the one ${run.id} recorded (SHA-256 ${recorded.slice(0, 12)}…)`,
    };
  }
  if (compareRunIds(previousId, run.id) >= 0)
    return { run: run.id, kind: "reordered", detail: `it records ${previousId}, a later run, as its predecessor` };
  if (present.has(previousId))
    return {
      run: before!.id,
      kind: "reordered",
      detail: `it sits between ${previousId} and ${run.id}, which records ${previousId} as its predecessor`,
    };
  if (!removed.has(previousId))
    return {
      run: previousId,
      kind: "removed",
      detail: `removed outside retention: ${run.id} records it as its predecessor, and no run records its removal by retention`,
    };
  if (before && compareRunIds(before.id, previousId) > 0)
    return {
      run: before.id,
      kind: "reordered",
      detail: `it sits between ${previousId} and ${run.id}, which follows ${previousId}`,
    };
  return null;
}

async function readIndex(jobDir: string): Promise<RunIndex | null> {
  const file = join(jobDir, INDEX_FILE);
  const json = await readJsonFileIfPresent(file, "the run index", "");
  return json === undefined ? null : parseOrThrow(RunIndexSchema, json, file);
}

/**
 * The name the history's chain links must carry: the job's (`<root>/<job>`),
 * or for one history of a fleet job `<job>/<org>` or `<job>/fleet`
 * (`<root>/<job>/<org>`). Only those two readings of the folder's path are
 * possible; the index, else the oldest chained run, says which applies.
 */
function expectedHistoryName(jobDir: string, index: RunIndex | null, oldestLink: string | undefined): string {
  const own = basename(jobDir);
  const inFleet = `${basename(dirname(jobDir))}/${own}`;
  for (const named of [index?.job, oldestLink]) if (named === own || named === inFleet) return named;
  return own;
}

/**
 * Walks the job's run folders oldest first: each pack verified against its
 * manifest (and signature, given a key), each chain link against the run
 * before it. Stops at the first problem.
 */
export async function verifyHistory(
  jobDir: string,
  options: { publicKey?: KeyObject | null } = {},
): Promise<HistoryResult> {
  const index = await readIndex(jobDir);
  const ids = await runFolders(jobDir);
  const result: HistoryResult = {
    job: basename(jobDir),
    runs: ids,
    chained: 0,
    retentionRemoved: [],
    signatures: {},
    problem: null,
  };

  const present = new Map<string, PresentRun>();
  for (const id of ids) {
    const dir = join(jobDir, id);
    const verified = await verifyPack(dir, { publicKey: options.publicKey ?? null }).catch((error: Error) => error);
    if (verified instanceof Error) {
      result.problem = { run: id, kind: "altered", detail: verified.message };
      return result;
    }
    result.signatures[verified.signature] = (result.signatures[verified.signature] ?? 0) + 1;
    if (!verified.ok || verified.manifest === null) {
      const what = [
        ...(verified.signature === "bad" || verified.signature === "missing"
          ? [`signature ${verified.signature}`]
          : []),
        ...verified.changed.map((path) => `changed ${path}`),
        ...verified.missing.map((path) => `missing ${path}`),
        ...verified.added.map((path) => `added ${path}`),
      ];
      result.problem = { run: id, kind: "altered", detail: `its pack does not verify: ${what.join(", ")}` };
      return result;
    }
    present.set(id, { id, manifest: verified.manifest, sha256: sha256(await readManifestBytes(dir)) });
  }

  const removed = new Set<string>(index?.retention_removed ?? []);
  for (const run of present.values()) for (const id of run.manifest.chain?.retention_removed ?? []) removed.add(id);
  result.retentionRemoved = [...removed].sort(compareRunIds);
  result.chained = [...present.values()].filter((run) => run.manifest.chain).length;

  const job = expectedHistoryName(
    jobDir,
    index,
    [...present.values()].find((run) => run.manifest.chain)?.manifest.chain?.job,
  );
  result.job = job;
  let before: PresentRun | null = null;
  for (const run of present.values()) {
    result.problem = linkProblem(run, before, present, job, removed);
    if (result.problem) return result;
    before = run;
  }
  // The newest run has nothing after it to record it; the index (unsigned) still lists it.
  for (const entry of index ? runsWithPacks(index) : []) {
    if (!present.has(entry.id) && !removed.has(entry.id)) {
      result.problem = {
        run: entry.id,
        kind: "removed",
        detail:
          "removed outside retention: index.json lists its pack, the folder is gone, and no run records its removal",
      };
      return result;
    }
  }
  return result;
}
