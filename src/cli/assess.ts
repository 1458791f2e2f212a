/**
 * `ddproof assess`: reads a snapshot, assesses it against the frameworks and
 * ATT&CK, and prints a summary (or, with --json, the Assessment). Exit 2 for
 * bad input files, 3 when the snapshot is incomplete (the assessment is still
 * printed, with the affected controls unknown). Works offline and never
 * loads the Datadog client, so it starts fast.
 */
import { dirname, resolve } from "node:path";
import type { Command } from "commander";
import { assess } from "../assess/index.js";
import { loadAssessInputs } from "../assess/load-inputs.js";
import { summaryLines } from "../assess/summary-text.js";
import { loadConfig } from "../config/load.js";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import { readSnapshot } from "../snapshot/read.js";
import type { CommandContext, CommandModule } from "./command.js";

interface AssessOptions {
  snapshot: string;
  framework: string[];
  attestations?: string;
  mappings: string[];
  config?: string;
  json?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

async function runAssess(options: AssessOptions, ctx: CommandContext): Promise<void> {
  const { config, file: configFile } = await loadConfig(options.config);
  // Paths in the config file are relative to the file, wherever ddproof runs from.
  const fromConfig = (path: string) => (configFile === null ? path : resolve(dirname(configFile), path));
  const frameworks = options.framework.length > 0 ? options.framework : [...config.frameworks];
  const attestationsFile = options.attestations ?? (config.attestations === undefined ? null : fromConfig(config.attestations));

  const snapshot = await readSnapshot(options.snapshot);
  const inputs = await loadAssessInputs({
    frameworks,
    userDirs: [...config.mappings.map(fromConfig), ...options.mappings],
    attestationsFile,
  });
  const assessment = assess({ snapshot, ...inputs, thresholds: config.thresholds, frameworks });

  if (options.json) ctx.output.out(JSON.stringify(assessment, null, 2));
  else summaryLines(assessment, inputs.attack?.tactics.map((tactic) => tactic.shortname) ?? []).forEach((line) => ctx.output.out(line));
  ctx.setExitCode(assessment.complete ? EXIT_OK : EXIT_INCOMPLETE);
}

export const assessCommand: CommandModule = {
  register(program: Command, ctx: CommandContext) {
    program
      .command("assess")
      .description("Assess a snapshot against PCI DSS, SOC 2, HIPAA, the Datadog baseline and MITRE ATT&CK")
      .requiredOption("--snapshot <file>", "snapshot file written by `ddproof collect`")
      .option("--framework <id>", "framework to assess (repeatable; default: the config's frameworks)", collect, [])
      .option("--attestations <file>", "attestations.yaml with manual evidence and risk acceptances")
      .option("--mappings <dir>", "folder of extra catalogs and mappings (repeatable)", collect, [])
      .option("--config <file>", "config file (default: ddproof.yaml when present)")
      .option("--json", "print the assessment as JSON")
      .action(async (options: AssessOptions) => {
        await runAssess(options, ctx);
      });
  },
};
