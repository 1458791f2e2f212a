/**
 * `ddproof demo`: the whole path on a built-in demo org, no account needed.
 * The simulator runs in-process on an ephemeral 127.0.0.1 port and the
 * collectors reach it through the official client, exactly as they would a
 * real org.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { Config } from "../config/schema.js";
import { sendDirectlyTo } from "../datadog/http-transport.js";
import { EXIT_INCOMPLETE, EXIT_OK, InputError } from "../errors.js";
import { renderPack } from "../pack/render-pack.js";
import { REPORT_KINDS } from "../report/contract.js";
import { registerSecret } from "../secrets.js";
import { startSimulator } from "../simulator/index.js";
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

/** Placeholder keys: the simulator checks that keys are sent, not what they are. */
const DEMO_API_KEY = "demo-api-key-not-a-secret";
const DEMO_APP_KEY = "demo-app-key-not-a-secret";

/** The demo ignores any ddproof.yaml around it: it shows the shipped defaults. */
const DEMO_CONFIG = Config.parse({});
const DEMO_INPUTS = { frameworks: DEMO_CONFIG.frameworks, userDirs: [], attestationsFile: null };

interface Flags extends CollectFlags {
  out: string;
  seed: string;
  faults?: string;
}

export const demoCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("demo")
      .description(
        "Run ddproof end to end on the built-in demo organisation (no Datadog account needed): a snapshot, then an evidence pack, a gap report and an ATT&CK heatmap",
      )
      .option("-o, --out <dir>", "folder for the demo's output", "ddproof-demo")
      .option("--seed <n>", "seed of the demo organisation", "1")
      .option("--faults <spec>", "inject simulator faults, e.g. signals:status=500 (see `ddproof simulate --help`)");
    addCollectOptions(command, "previous-quarter").action(async (flags: Flags) => {
      const seed = Number(flags.seed);
      if (!Number.isInteger(seed)) throw new InputError(`--seed "${flags.seed}": expected a whole number`);
      const timezone = "UTC";
      const period = periodFromFlags(flags, timezone);
      const policy = policyFromFlags(flags);
      const only = collectorsFromFlags(flags);
      const simulator = await startSimulator({ seed, scale: "small", faults: flags.faults }).catch((error: unknown) => {
        throw new InputError(`cannot start the demo simulator: ${(error as Error).message}`);
      });
      // The simulator runs in this process: an HTTP_PROXY set for the outside world must not stand in between.
      sendDirectlyTo(simulator.url);
      registerSecret(DEMO_API_KEY);
      registerSecret(DEMO_APP_KEY);
      const out = join(resolve(flags.out), SNAPSHOT_FILE_NAME);
      try {
        ctx.output.out(`Demo organisation (seed ${seed}) served by the built-in simulator at ${simulator.url}`);
        const snapshot = await runCollection(ctx, flags, {
          target: { apiKey: DEMO_API_KEY, appKey: DEMO_APP_KEY, site: "datadoghq.com", apiUrl: simulator.url },
          period,
          out,
          orgName: "ddproof demo org",
          policy,
          only,
        });
        for (const line of summariseSnapshot(snapshot, out)) ctx.output.out(line);
        // The demo folder is the demo's own: its packs are replaced on every run.
        for (const kind of REPORT_KINDS) {
          const dir = join(resolve(flags.out), kind);
          const pack = await renderPack({
            kind,
            snapshotFile: out,
            outDir: dir,
            inputs: DEMO_INPUTS,
            thresholds: DEMO_CONFIG.thresholds,
            replace: true,
          });
          ctx.output.out(
            `${kind.padEnd(8)} ${dir}: ${pack.manifest.files
              .map((file) => file.path)
              .filter((path) => !path.includes("/"))
              .join(", ")}`,
          );
        }
        ctx.output.out(`Check a pack: ddproof verify ${join(flags.out, "evidence")}`);
        ctx.setExitCode(snapshot.complete ? EXIT_OK : EXIT_INCOMPLETE);
      } finally {
        await simulator.close();
      }
    });
  },
};
