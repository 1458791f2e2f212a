/**
 * `ddproof demo`: the whole path on a built-in demo org, no account needed.
 * The simulator runs in-process on an ephemeral 127.0.0.1 port and the
 * collectors reach it through the official client, exactly as they would a
 * real org.
 */
import { join, resolve } from "node:path";
import type { Command } from "commander";
import { sendDirectlyTo } from "../datadog/http-transport.js";
import { EXIT_INCOMPLETE, EXIT_OK, InputError } from "../errors.js";
import { renderPack } from "../pack/render-pack.js";
import { REPORT_KINDS } from "../report/contract.js";
import { registerSecret } from "../secrets.js";
import { MAX_FLEET_ORGS } from "../simulator/fleet.js";
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
import { runFleetDemo } from "./demo-fleet.js";
import { DEMO_API_KEY, DEMO_APP_KEY, DEMO_CONFIG, DEMO_INPUTS } from "./demo-settings.js";
import { runCollection } from "./run-collection.js";

interface Flags extends CollectFlags {
  out: string;
  seed?: string;
  faults?: string;
  orgs?: string;
}

export const demoCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("demo")
      .description(
        "Run ddproof end to end on the built-in demo organisation (no Datadog account needed): a snapshot, then an evidence pack, a gap report and an ATT&CK heatmap",
      )
      .option("-o, --out <dir>", "folder for the demo's output", "ddproof-demo")
      .option("--seed <n>", "seed of the demo organisation (default 1)")
      .option("--faults <spec>", "inject simulator faults, e.g. signals:status=500 (see `ddproof simulate --help`)")
      .option(
        "--orgs <n>",
        `a fleet of N differently shaped demo orgs (1 to ${MAX_FLEET_ORGS}; see \`ddproof simulate --help\`): every org's pack and the fleet pack, for each kind`,
      );
    addCollectOptions(command, "previous-quarter").action(async (flags: Flags) => {
      const timezone = "UTC";
      const period = periodFromFlags(flags, timezone);
      const policy = policyFromFlags(flags);
      const only = collectorsFromFlags(flags);
      if (flags.orgs !== undefined) {
        const orgs = Number(flags.orgs);
        if (!Number.isInteger(orgs) || orgs < 1 || orgs > MAX_FLEET_ORGS)
          throw new InputError(`--orgs "${flags.orgs}": expected a whole number from 1 to ${MAX_FLEET_ORGS}`);
        // Each org's profile sets its own seed and faults.
        if (flags.seed !== undefined || flags.faults !== undefined)
          throw new InputError("--seed and --faults are for one demo org; with --orgs each org's profile sets them");
        await runFleetDemo(ctx, flags, { orgs, out: flags.out, period, policy, only });
        return;
      }
      const seed = Number(flags.seed ?? "1");
      if (!Number.isInteger(seed)) throw new InputError(`--seed "${flags.seed}": expected a whole number`);
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
