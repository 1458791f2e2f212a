/**
 * The job's previous run with a pack (complete or incomplete evidence: an org
 * whose audit trail is never readable still deserves a nightly diff; the
 * changes say which parts could not be compared). Its pack is read once here;
 * if it is gone or unreadable the run goes on without a comparison.
 */
import { join } from "node:path";
import { type RenderedPack, readPreviousRun } from "../pack/render-pack.js";
import { computeChanges } from "../report/changes.js";
import type { PreviousRun } from "../report/contract.js";
import { type RunIndex, runsWithPacks } from "./history-index.js";
import type { Logger } from "./log.js";
import type { RunReport } from "./notify/contract.js";

export interface PreviousPack {
  id: string;
  dir: string;
  run: PreviousRun;
}

export async function previousPackOf(jobDir: string, index: RunIndex, log: Logger): Promise<PreviousPack | null> {
  const last = runsWithPacks(index).at(-1);
  if (last === undefined || last.pack_dir === null) return null;
  const dir = join(jobDir, last.pack_dir);
  try {
    return { id: last.id, dir, run: await readPreviousRun(dir) };
  } catch (error) {
    log.warn("the previous run's pack cannot be read; this run is not compared with it", {
      previous: last.id,
      error: (error as Error).message,
    });
    return null;
  }
}

export function changesSincePrevious(pack: RenderedPack, previous: PreviousPack): NonNullable<RunReport["changes"]> {
  const changes = computeChanges({ snapshot: pack.snapshot, assessment: pack.assessment }, previous.run);
  return { previous: previous.id, new_gaps: changes.new_gaps, closed_gaps: changes.closed_gaps };
}
