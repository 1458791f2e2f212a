import type { Command } from "commander";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import { renderPack } from "../pack/render-pack.js";
import { addAssessOptions, resolveAssessSettings, type AssessFlags } from "./assess-options.js";
import type { CommandModule } from "./command.js";
import { describePack } from "./pack-summary.js";
import { addReportOptions, reportKind, type ReportFlags } from "./report-options.js";

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
      const pack = await renderPack({
        kind: reportKind(flags),
        snapshotFile: flags.snapshot,
        outDir: flags.out,
        inputs: settings,
        thresholds: settings.config.thresholds,
        previousDir: flags.previous ?? null,
        templatesDir: flags.templates ?? null,
        replace: flags.force === true,
      });
      for (const line of describePack(pack, flags.out)) ctx.output.out(line);
      ctx.setExitCode(pack.manifest.complete ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
