import type { Command } from "commander";
import { EXIT_OK } from "../errors.js";
import { MANIFEST_FILE } from "../pack/manifest.js";
import { verifyPack } from "../pack/verify.js";
import type { CommandModule } from "./command.js";

/** Exit code when a pack does not match its manifest. */
export const EXIT_TAMPERED = 1;

export const verifyCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("verify")
      .description("Check a pack against its manifest: exit 0 when intact, 1 listing files changed, missing or added")
      .argument("<dir>", `pack folder (holds ${MANIFEST_FILE})`)
      .option("--json", "print the result as JSON")
      .action(async (dir: string, flags: { json?: boolean }) => {
        const result = await verifyPack(dir);
        if (flags.json) {
          const { manifest, ...rest } = result;
          ctx.output.out(
            JSON.stringify({ ...rest, files: manifest.files.length, complete: manifest.complete }, null, 2),
          );
        } else if (result.ok) {
          const note = result.manifest.complete ? "" : " (the pack itself says its evidence is INCOMPLETE)";
          ctx.output.out(`${dir}: intact, ${result.manifest.files.length} files match ${MANIFEST_FILE}${note}`);
        } else {
          ctx.output.out(`${dir}: NOT intact`);
          for (const path of result.changed) ctx.output.out(`  changed  ${path}`);
          for (const path of result.missing) ctx.output.out(`  missing  ${path}`);
          for (const path of result.added) ctx.output.out(`  added    ${path}`);
        }
        ctx.setExitCode(result.ok ? EXIT_OK : EXIT_TAMPERED);
      });
  },
};
