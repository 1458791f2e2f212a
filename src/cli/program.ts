/**
 * Builds the `ddproof` program from the command modules and runs it.
 * Kept apart from main.ts so tests can run the CLI in-process.
 */
import { Command, CommanderError } from "commander";
import { EXIT_INPUT, InputError } from "../errors.js";
import { redactSecrets } from "../secrets.js";
import { TOOL_VERSION } from "../version.js";
import type { CommandContext, CommandModule } from "./command.js";
import { loadCommandsFor } from "./commands.js";
import { type Output, processOutput } from "./output.js";

/** The program with `commands` registered (loadAllCommands() for every one). */
export function buildProgram(ctx: CommandContext, commands: readonly CommandModule[]): Command {
  const program = new Command("ddproof")
    .description(
      "Prove how well a Datadog organisation's security monitoring covers PCI DSS, SOC 2, HIPAA and MITRE ATT&CK",
    )
    .version(TOOL_VERSION, "-V, --version")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => ctx.output.out(text.replace(/\n$/, "")),
      writeErr: (text) => ctx.output.err(text.replace(/\n$/, "")),
    });
  for (const command of commands) command.register(program, ctx);
  // Every subcommand inherits the error handling and --version.
  for (const sub of program.commands) {
    sub.exitOverride().version(TOOL_VERSION, "-V, --version").configureOutput(program.configureOutput());
  }
  return program;
}

/** Runs the CLI and resolves to the process exit code. */
export async function runCli(
  argv: readonly string[],
  options: { output?: Output; env?: NodeJS.ProcessEnv } = {},
): Promise<number> {
  const output = options.output ?? processOutput;
  let exitCode = 0;
  const ctx: CommandContext = {
    output,
    env: options.env ?? process.env,
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  try {
    const program = buildProgram(ctx, await loadCommandsFor(argv));
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 1, which we map to 2.
      return error.exitCode === 0 ? 0 : EXIT_INPUT;
    }
    if (error instanceof InputError) {
      output.err(`ddproof: ${error.message}`);
      return EXIT_INPUT;
    }
    output.err(
      `ddproof: unexpected error: ${redactSecrets(error instanceof Error ? (error.stack ?? error.message) : String(error))}`,
    );
    return 1;
  }
}
