import { access, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { DEFAULT_CONFIG_FILE } from "../config/load.js";
import { EXIT_OK, InputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { PACKAGE_ROOT } from "../version.js";
import type { CommandModule } from "./command.js";

export const EXAMPLE_CONFIG = join(PACKAGE_ROOT, "examples", "ddproof.yaml");

export const initCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("init")
      .description("Write a commented example ddproof.yaml")
      .option("-o, --out <file>", "where to write it", DEFAULT_CONFIG_FILE)
      .option("--force", "overwrite an existing file")
      .action(async (flags: { out: string; force?: boolean }) => {
        const exists = await access(flags.out).then(
          () => true,
          () => false,
        );
        if (exists && !flags.force) throw new InputError(`${flags.out} already exists; use --force to overwrite it`);
        await writeFileAtomic(flags.out, await readFile(EXAMPLE_CONFIG, "utf8"));
        ctx.output.out(`Wrote ${flags.out}. Keys go in the environment: DD_API_KEY, DD_APP_KEY (and DD_SITE).`);
        ctx.setExitCode(EXIT_OK);
      });
  },
};
