/**
 * `ddproof pack`: collect, assess and report in one. The snapshot and its
 * population files are collected into a private working folder, rendered
 * into the pack (which carries its own copy of the snapshot), then removed.
 */

import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
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
import { addReportOptions, type ReportFlags, reportKind } from "./report-options.js";
import { runCollection } from "./run-collection.js";
import { signingKeyFromFlags } from "./sign-key-option.js";
import { addTargetOptions, maxResponseBytesFromFlags, type TargetFlags, targetFromFlags } from "./target-options.js";
import { writePackFromFlags } from "./write-pack-from-flags.js";

interface Flags extends AssessFlags, ReportFlags, CollectFlags, TargetFlags {}

export const packCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("pack")
      .description("Collect, assess and write a pack in one step (keys from DD_API_KEY and DD_APP_KEY)");
    addAssessOptions(addCollectOptions(addTargetOptions(addReportOptions(command)))).action(async (flags: Flags) => {
      const settings = await resolveAssessSettings(flags);
      reportKind(flags); // an unknown kind is refused before anything is collected
      const period = periodFromFlags(flags, settings.config.timezone);
      const policy = { ...policyFromFlags(flags), maxResponseBytes: maxResponseBytesFromFlags(flags, settings.config) };
      const only = collectorsFromFlags(flags);
      const target = targetFromFlags(ctx.env, flags, settings.config);
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
          orgName: settings.config.org_name,
          policy,
          only,
        });
        await writePackFromFlags(ctx, flags, settings, snapshotFile, signingKey);
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    });
  },
};
