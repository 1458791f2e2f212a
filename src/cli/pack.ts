/**
 * `ddproof pack`: collect, assess and report in one. The snapshot and its
 * population files are collected into a private working folder, rendered
 * into the pack (which carries its own copy of the snapshot), then removed.
 * With `--all-orgs`, every org of the config at once (pack-all-orgs.ts).
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { type OrgFlags, orgDisplayName } from "../fleet/orgs.js";
import { checkPackDestination } from "../pack/write-pack.js";
import { SNAPSHOT_FILE_NAME } from "../snapshot/read.js";
import { type AssessFlags, addAssessOptions, resolveAssessSettings } from "./assess-options.js";
import {
  addCollectOptions,
  type CollectFlags,
  collectorsFromFlags,
  periodFromFlags,
  policyFromFlags,
} from "./collect-options.js";
import type { CommandModule } from "./command.js";
import { writeFleetPackFromOrgs } from "./fleet-pack-from-orgs.js";
import { addOrgOptions, orgTargetsFromFlags, settingsForOrg } from "./org-options.js";
import { packAllOrgs } from "./pack-all-orgs.js";
import { addReportOptions, type ReportFlags, reportKind } from "./report-options.js";
import { runCollection } from "./run-collection.js";
import { signingKeyFromFlags } from "./sign-key-option.js";
import { addTargetOptions, maxResponseBytesFromFlags, type TargetFlags, targetFromFlags } from "./target-options.js";
import { writePackFromFlags } from "./write-pack-from-flags.js";

interface Flags extends AssessFlags, ReportFlags, CollectFlags, TargetFlags, OrgFlags {}

export const packCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("pack")
      .description(
        "Collect, assess and write a pack in one step (keys from DD_API_KEY and DD_APP_KEY), or one pack per org of the config",
      );
    addOrgOptions(addAssessOptions(addCollectOptions(addTargetOptions(addReportOptions(command)))), {
      one: "pack one org of the config's orgs: list (its keys, frameworks and name; the manifest names it)",
      all: "pack every org of the config's orgs: list, collected at once, each org's pack in --out/<org>/",
    }).action(async (flags: Flags) => {
      const settings = await resolveAssessSettings(flags);
      reportKind(flags); // an unknown kind is refused before anything is collected
      // One period for every org, resolved once in the config's time zone.
      const now = new Date();
      const period = periodFromFlags(flags, settings.config.timezone, now);
      const policy = { ...policyFromFlags(flags), maxResponseBytes: maxResponseBytesFromFlags(flags, settings.config) };
      const only = collectorsFromFlags(flags);
      const orgs = orgTargetsFromFlags(ctx.env, flags, settings.config, settings.file);
      if (orgs !== null && flags.allOrgs) {
        const written = await packAllOrgs(ctx, flags, settings, { orgs, period, now, policy, only });
        await writeFleetPackFromOrgs(ctx, written, flags.out);
        return;
      }
      const one = orgs?.[0] ?? null;
      const target = one ? one.target : targetFromFlags(ctx.env, flags, settings.config);
      // Refuse an output folder that cannot take a pack before spending a collection on it.
      await checkPackDestination(flags.out, { replace: flags.force === true });
      const signingKey = await signingKeyFromFlags(flags, ctx.env);
      const work = await mkdtemp(join(tmpdir(), "ddproof-pack-"));
      try {
        const snapshotFile = join(work, SNAPSHOT_FILE_NAME);
        await runCollection(ctx, flags, {
          target,
          period,
          out: snapshotFile,
          orgName: one ? orgDisplayName(one.org) : settings.config.org_name,
          policy,
          only,
        });
        const orgSettings = one ? settingsForOrg(settings, one.org, flags.framework) : settings;
        await writePackFromFlags(ctx, flags, orgSettings, snapshotFile, signingKey, one?.org.name ?? null);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  },
};
