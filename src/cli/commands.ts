/**
 * The registry of commands, in the order `ddproof --help` lists them.
 * One module per command in this folder; each does argument parsing only and
 * hands the work to the room that owns it.
 */
import type { CommandModule } from "./command.js";

export const COMMANDS: readonly CommandModule[] = [];
