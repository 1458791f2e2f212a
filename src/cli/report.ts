import type { Command } from "commander";
import { type AssessFlags, addAssessOptions, resolveAssessSettings } from "./assess-options.js";
import type { CommandModule } from "./command.js";
import { addReportOptions, type ReportFlags } from "./report-options.js";
import { writePackFromFlags } from "./write-pack-from-flags.js";

interface Flags extends AssessFlags, ReportFlags {
  snapshot: string;
}

export const reportCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("report")
      .description("Write a gap report, evidence pack or ATT&CK heatmap from a snapshot (offline)")
      .requiredOption("--snapshot <file>", "snapshot file written by `ddproof collect`");
    addAssessOptions(addReportOptions(command)).action(async (flags: Flags) => {
      const settings = await resolveAssessSettings(flags);
      await writePackFromFlags(ctx, flags, settings, flags.snapshot);
    });
  },
};
