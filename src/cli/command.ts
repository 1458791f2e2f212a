/**
 * The contract every command module follows: `register` adds the command to
 * the program; its action resolves to an exit code. Throwing an InputError
 * means exit 2 with the message; anything else is an unexpected failure.
 */
import type { Command } from "commander";
import type { Output } from "./output.js";

export interface CommandContext {
  output: Output;
  /** Environment the command reads (keys, DDPROOF_API_URL); injectable for tests. */
  env: NodeJS.ProcessEnv;
  /** Called by actions with their exit code. */
  setExitCode(code: number): void;
}

export interface CommandModule {
  register(program: Command, ctx: CommandContext): void;
}
