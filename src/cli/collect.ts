import type { Command } from "commander";
import { collectToFile } from "../collectors/collect-to-file.js";
import { loadConfig } from "../config/load.js";
import { readDatadogTarget } from "../datadog/credentials.js";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import { COLLECTOR_IDS } from "../snapshot/schema.js";
import type { CommandModule } from "./command.js";
import { addCollectOptions, collectorsFromFlags, periodFromFlags, policyFromFlags, type CollectFlags } from "./collect-options.js";
import { createCollectProgress } from "./collect-progress.js";
import { summariseSnapshot } from "./collect-summary.js";

interface Flags extends CollectFlags {
  out: string;
  config?: string;
  apiUrl?: string;
}

export const collectCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("collect")
      .description("Collect a frozen evidence snapshot of a Datadog org (keys from DD_API_KEY and DD_APP_KEY)")
      .option("-o, --out <file>", "snapshot file to write; population files go beside it", "snapshot.json")
      .option("-c, --config <file>", "config file (default: ./ddproof.yaml when present)")
      .option("--api-url <url>", "send every request to this base URL (proxy, private endpoint, simulator); env DDPROOF_API_URL");
    addCollectOptions(command).action(async (flags: Flags) => {
      // Everything that can be wrong with the input is checked before anything is written.
      const { config } = await loadConfig(flags.config);
      const period = periodFromFlags(flags, config.timezone);
      const policy = policyFromFlags(flags);
      const only = collectorsFromFlags(flags);
      const target = readDatadogTarget(ctx.env, { site: config.site, apiUrl: flags.apiUrl });
      const progress = createCollectProgress(flags.progress !== false && ctx.output.isTTY, only ?? COLLECTOR_IDS);
      let snapshot;
      try {
        snapshot = await collectToFile({ target, period, out: flags.out, orgName: config.org_name, policy, only, onEvent: progress.onEvent });
      } finally {
        progress.stop();
      }
      for (const line of summariseSnapshot(snapshot, flags.out)) ctx.output.out(line);
      ctx.setExitCode(snapshot.complete ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
