/**
 * `ddproof assess`: reads a snapshot, assesses it against the frameworks and
 * ATT&CK, and prints a summary (or, with --json, the Assessment). Exit 2 for
 * bad input files, 3 when the snapshot is incomplete (the assessment is still
 * printed, with the affected controls unknown). Works offline and never
 * loads the Datadog client, so it starts fast.
 */
import type { Command } from "commander";
import { assess } from "../assess/index.js";
import { loadAssessInputs } from "../assess/load-inputs.js";
import { summaryLines } from "../assess/summary-text.js";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import { readSnapshot } from "../snapshot/read.js";
import { addAssessOptions, resolveAssessSettings, type AssessFlags } from "./assess-options.js";
import type { CommandContext, CommandModule } from "./command.js";

interface AssessOptions extends AssessFlags {
  snapshot: string;
  json?: boolean;
}

async function runAssess(options: AssessOptions, ctx: CommandContext): Promise<void> {
  const settings = await resolveAssessSettings(options);
  const snapshot = await readSnapshot(options.snapshot);
  const inputs = await loadAssessInputs(settings);
  const assessment = assess({ snapshot, ...inputs, thresholds: settings.config.thresholds, frameworks: settings.frameworks });

  if (options.json) ctx.output.out(JSON.stringify(assessment, null, 2));
  else summaryLines(assessment, inputs.attack?.tactics.map((tactic) => tactic.shortname) ?? []).forEach((line) => ctx.output.out(line));
  ctx.setExitCode(assessment.complete ? EXIT_OK : EXIT_INCOMPLETE);
}

export const assessCommand: CommandModule = {
  register(program: Command, ctx: CommandContext) {
    const command = program
      .command("assess")
      .description("Assess a snapshot against the config's frameworks (by default PCI DSS, SOC 2, HIPAA, the Datadog baseline and MITRE ATT&CK; `ddproof catalog list` shows every one available)")
      .requiredOption("--snapshot <file>", "snapshot file written by `ddproof collect`")
      .option("--json", "print the assessment as JSON");
    addAssessOptions(command)
      .action(async (options: AssessOptions) => {
        await runAssess(options, ctx);
      });
  },
};
