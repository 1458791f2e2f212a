/**
 * One collection, start to finish: open a session on the target, run the
 * collectors, write the snapshot (and its population files beside it).
 * Used by `collect`, `demo`, and later by packs and scheduled jobs.
 */
import { dirname, resolve } from "node:path";
import type { DatadogTarget } from "../datadog/credentials.js";
import type { RetryPolicy } from "../datadog/resilient-fetch.js";
import { DatadogSession } from "../datadog/session.js";
import { assertFolderPossible } from "../snapshot/output-folder.js";
import { writeSnapshot } from "../snapshot/read.js";
import type { CollectorId, Period, Snapshot } from "../snapshot/schema.js";
import { type CollectEvent, collectSnapshot } from "./run.js";

export interface CollectToFileOptions {
  target: DatadogTarget;
  period: Period;
  /** The snapshot file; population files go in the same folder. */
  out: string;
  orgName?: string | null;
  policy?: Partial<RetryPolicy>;
  only?: readonly CollectorId[];
  now?: Date;
  onEvent?: (event: CollectEvent) => void;
  signal?: AbortSignal;
}

export async function collectToFile(options: CollectToFileOptions): Promise<Snapshot> {
  const file = resolve(options.out);
  // Checked before collecting, so a path that cannot hold the snapshot fails at once, not after a long collection.
  await assertFolderPossible(dirname(file), options.out, "the snapshot");
  const session = await DatadogSession.open(options.target, { policy: options.policy, signal: options.signal });
  const snapshot = await collectSnapshot({
    session,
    period: options.period,
    now: options.now,
    populationDir: dirname(file),
    orgName: options.orgName ?? null,
    only: options.only,
    onEvent: options.onEvent,
  });
  try {
    await writeSnapshot(file, snapshot);
  } catch (error) {
    // A full or failing disk: say which file, and that nothing half-written was left under its name.
    throw new Error(
      `${options.out}: the snapshot could not be written (${(error as Error).message}); no half-written snapshot was left there`,
      { cause: error },
    );
  }
  return snapshot;
}
