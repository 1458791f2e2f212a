/** A collection with live progress on a terminal, shared by `collect`, `demo` and `pack`. */
import { type CollectToFileOptions, collectToFile } from "../collectors/collect-to-file.js";
import { COLLECTOR_IDS, type Snapshot } from "../snapshot/schema.js";
import type { CollectFlags } from "./collect-options.js";
import { createCollectProgress } from "./collect-progress.js";
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
