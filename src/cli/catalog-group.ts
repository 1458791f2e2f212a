import type { Command } from "commander";

/** The `catalog` command group; each catalog subcommand module adds itself to it. */
export function catalogGroup(program: Command): Command {
  return (
    program.commands.find((command) => command.name() === "catalog") ??
    program.command("catalog").description("Show and manage the framework catalogs ddproof assesses against")
  );
}
