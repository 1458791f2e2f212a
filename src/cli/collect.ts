import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { readDatadogTarget } from "../datadog/credentials.js";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import type { CommandModule } from "./command.js";
import { addCollectOptions, collectorsFromFlags, periodFromFlags, policyFromFlags, type CollectFlags } from "./collect-options.js";
import { summariseSnapshot } from "./collect-summary.js";
import { runCollection } from "./run-collection.js";

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
      const snapshot = await runCollection(ctx, flags, { target, period, out: flags.out, orgName: config.org_name, policy, only });
      for (const line of summariseSnapshot(snapshot, flags.out)) ctx.output.out(line);
      ctx.setExitCode(snapshot.complete ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
