import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { EXIT_INCOMPLETE, EXIT_OK, InputError } from "../errors.js";
import { collectOrgs } from "../fleet/collect-orgs.js";
import { type OrgFlags, orgDisplayName } from "../fleet/orgs.js";
import { assertFolderPossible } from "../snapshot/output-folder.js";
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
import { addOrgOptions, orgTargetsFromFlags } from "./org-options.js";
import { summariseOrgCollections } from "./org-summary.js";
import { runCollection, runOrgCollections } from "./run-collection.js";
import { addTargetOptions, maxResponseBytesFromFlags, type TargetFlags, targetFromFlags } from "./target-options.js";

interface Flags extends CollectFlags, TargetFlags, OrgFlags {
  out?: string;
  config?: string;
}

export const collectCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("collect")
      .description(
        "Collect a frozen evidence snapshot of a Datadog org (keys from DD_API_KEY and DD_APP_KEY), or of the config's orgs",
      )
      .option(
        "-o, --out <path>",
        `snapshot file to write, population files beside it (default: ${SNAPSHOT_FILE_NAME}); with --all-orgs, the folder to hold <org>/${SNAPSHOT_FILE_NAME}`,
      )
      .option("-c, --config <file>", "config file (default: ./ddproof.yaml when present)");
    addOrgOptions(addCollectOptions(addTargetOptions(command)), {
      one: "collect one org of the config's orgs: list (its keys from the variables it names)",
      all: "collect every org of the config's orgs: list at once, each into --out/<org>/",
    }).action(async (flags: Flags) => {
      // Everything that can be wrong with the input is checked before anything is written.
      const { config, file } = await loadConfig(flags.config);
      // One period for every org, resolved once in the config's time zone.
      const now = new Date();
      const period = periodFromFlags(flags, config.timezone, now);
      const policy = { ...policyFromFlags(flags), maxResponseBytes: maxResponseBytesFromFlags(flags, config) };
      const only = collectorsFromFlags(flags);
      const orgs = orgTargetsFromFlags(ctx.env, flags, config, file);

      if (orgs !== null && flags.allOrgs) {
        const dir = flags.out;
        if (dir === undefined)
          throw new InputError(`--all-orgs needs --out DIR: the folder to hold <org>/${SNAPSHOT_FILE_NAME}`);
        await assertFolderPossible(dir, dir, "the org snapshots");
        const names = orgs.map(({ org }) => org.name);
        const outcomes = await runOrgCollections(ctx, flags, { names, only }, (onEvent) =>
          collectOrgs(
            orgs.map(({ org, target }) => ({ name: org.name, target, displayName: orgDisplayName(org) })),
            { period, now, dir, policy, only, onEvent },
          ),
        );
        for (const line of summariseOrgCollections(outcomes)) ctx.output.out(line);
        ctx.setExitCode(outcomes.every((outcome) => outcome.snapshot?.complete === true) ? EXIT_OK : EXIT_INCOMPLETE);
        return;
      }

      const one = orgs?.[0] ?? null;
      const out = flags.out ?? SNAPSHOT_FILE_NAME;
      const snapshot = await runCollection(ctx, flags, {
        target: one ? one.target : targetFromFlags(ctx.env, flags, config),
        period,
        out,
        orgName: one ? orgDisplayName(one.org) : config.org_name,
        policy,
        only,
      });
      for (const line of summariseSnapshot(snapshot, out)) ctx.output.out(line);
      ctx.setExitCode(snapshot.complete ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
