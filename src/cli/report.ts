/**
 * `ddproof report`: a pack from a snapshot, offline. With `--org NAME` the
 * pack is of that org of the config (its frameworks, its name in the
 * manifest); with `--all-orgs`, `--snapshot` names the folder `collect
 * --all-orgs` wrote and every org's pack goes to `--out/<org>/`.
 */
import type { Command } from "commander";
import { type OrgFlags, selectOrgs } from "../fleet/orgs.js";
import { type AssessFlags, addAssessOptions, resolveAssessSettings } from "./assess-options.js";
import type { CommandModule } from "./command.js";
import { writeFleetPackFromOrgs } from "./fleet-pack-from-orgs.js";
import { addOrgOptions, settingsForOrg } from "./org-options.js";
import { reportAllOrgs } from "./report-all-orgs.js";
import { addReportOptions, type ReportFlags } from "./report-options.js";
import { writePackFromFlags } from "./write-pack-from-flags.js";

interface Flags extends AssessFlags, ReportFlags, OrgFlags {
  snapshot: string;
}

export const reportCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("report")
      .description("Write a gap report, evidence pack or ATT&CK heatmap from a snapshot (offline)")
      .requiredOption(
        "--snapshot <path>",
        "snapshot file written by `ddproof collect`; with --all-orgs, the folder `collect --all-orgs` wrote",
      );
    addOrgOptions(addAssessOptions(addReportOptions(command)), {
      one: "the snapshot is of this org of the config's orgs: list (its frameworks; the manifest names it)",
      all: "one pack per org of the config's orgs: list, from --snapshot/<org>/snapshot.json into --out/<org>/",
    }).action(async (flags: Flags) => {
      const settings = await resolveAssessSettings(flags);
      const orgs = selectOrgs(settings.config, settings.file, flags);
      if (orgs !== null && flags.allOrgs) {
        const written = await reportAllOrgs(ctx, flags, settings, orgs);
        await writeFleetPackFromOrgs(ctx, written, flags.out);
        return;
      }
      const one = orgs?.[0] ?? null;
      const orgSettings = one ? settingsForOrg(settings, one, flags.framework) : settings;
      await writePackFromFlags(ctx, flags, orgSettings, flags.snapshot, undefined, one?.name ?? null);
    });
  },
};
