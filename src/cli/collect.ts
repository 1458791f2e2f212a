import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import { SNAPSHOT_FILE_NAME } from "../snapshot/read.js";
import {
  addCollectOptions,
  type CollectFlags,
  collectorsFromFlags,
  periodFromFlags,
  policyFromFlags,
} from "./collect-options.js";
import { summariseSnapshot } from "./collect-summary.js";
import type { CommandModule } from "./command.js";
import { runCollection } from "./run-collection.js";
import { addTargetOptions, maxResponseBytesFromFlags, type TargetFlags, targetFromFlags } from "./target-options.js";

interface Flags extends CollectFlags, TargetFlags {
  out: string;
  config?: string;
}

export const collectCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("collect")
      .description("Collect a frozen evidence snapshot of a Datadog org (keys from DD_API_KEY and DD_APP_KEY)")
      .option("-o, --out <file>", "snapshot file to write; population files go beside it", SNAPSHOT_FILE_NAME)
      .option("-c, --config <file>", "config file (default: ./ddproof.yaml when present)");
    addCollectOptions(addTargetOptions(command)).action(async (flags: Flags) => {
      // Everything that can be wrong with the input is checked before anything is written.
      const { config } = await loadConfig(flags.config);
      const period = periodFromFlags(flags, config.timezone);
      const policy = { ...policyFromFlags(flags), maxResponseBytes: maxResponseBytesFromFlags(flags, config) };
      const only = collectorsFromFlags(flags);
      const target = targetFromFlags(ctx.env, flags, config);
      const snapshot = await runCollection(ctx, flags, {
        target,
        period,
        out: flags.out,
        orgName: config.org_name,
        policy,
        only,
      });
      for (const line of summariseSnapshot(snapshot, flags.out)) ctx.output.out(line);
      ctx.setExitCode(snapshot.complete ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
