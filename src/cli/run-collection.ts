/** Collections with live progress on a terminal, shared by `collect`, `demo` and `pack`. */
import { type CollectToFileOptions, collectToFile } from "../collectors/collect-to-file.js";
import type { CollectEvent } from "../collectors/run.js";
import type { OrgName } from "../fleet/org-name.js";
import { COLLECTOR_IDS, type CollectorId, type Snapshot } from "../snapshot/schema.js";
import type { CollectFlags } from "./collect-options.js";
import { createCollectProgress, createFleetProgress } from "./collect-progress.js";
import type { CommandContext } from "./command.js";

export async function runCollection(
  ctx: CommandContext,
  flags: CollectFlags,
  options: Omit<CollectToFileOptions, "onEvent">,
): Promise<Snapshot> {
  const progress = createCollectProgress(flags.progress !== false && ctx.output.isTTY, options.only ?? COLLECTOR_IDS);
  try {
    return await collectToFile({ ...options, onEvent: progress.onEvent });
  } finally {
    progress.stop();
  }
}

/** Several orgs at once (`--all-orgs`), with one progress line per org; `collect` receives the org's events. */
export async function runOrgCollections<T>(
  ctx: CommandContext,
  flags: CollectFlags,
  fleet: { names: readonly OrgName[]; only: readonly CollectorId[] | undefined },
  collect: (onEvent: (org: OrgName, event: CollectEvent) => void) => Promise<T>,
): Promise<T> {
  const progress = createFleetProgress(
    flags.progress !== false && ctx.output.isTTY,
    fleet.names,
    (fleet.only ?? COLLECTOR_IDS).length,
  );
  try {
    return await collect(progress.onEvent);
  } finally {
    progress.stop();
  }
}
