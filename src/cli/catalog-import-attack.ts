/**
 * `ddproof catalog import-attack PATH [--out FILE] [--attack-version V]`:
 * imports MITRE ATT&CK Enterprise from STIX into a catalog file (by default
 * the shipped frameworks/mitre-attack.json). The work is in
 * src/catalogs/attack; this module only parses arguments.
 */
import type { Command } from "commander";
import { formatAttackCatalog } from "../catalogs/attack/format.js";
import { importAttack } from "../catalogs/attack/import.js";
import { SHIPPED_ATTACK_CATALOG } from "../catalogs/attack/load.js";
import { describeAttackCatalog } from "../catalogs/attack/summary.js";
import { EXIT_OK } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { catalogGroup } from "./catalog-group.js";
import type { CommandContext, CommandModule } from "./command.js";

interface ImportAttackFlags {
  out: string;
  attackVersion?: string;
}

export async function runImportAttack(path: string, flags: ImportAttackFlags, ctx: CommandContext): Promise<void> {
  const catalog = await importAttack(path, flags.attackVersion === undefined ? {} : { version: flags.attackVersion });
  await writeFileAtomic(flags.out, formatAttackCatalog(catalog));
  ctx.output.out(`wrote ${flags.out}: ${describeAttackCatalog(catalog)}`);
  ctx.setExitCode(EXIT_OK);
}

export const catalogImportAttackCommand: CommandModule = {
  register(program, ctx) {
    catalogGroup(program)
      .command("import-attack")
      .description("Import MITRE ATT&CK Enterprise from STIX (a bundle file, or a folder of per-object files as in mitre/cti)")
      .argument("<path>", "STIX bundle file or folder with one sub-folder per object type")
      .option("--out <file>", "catalog file to write", SHIPPED_ATTACK_CATALOG)
      .option("--attack-version <version>", "ATT&CK release (e.g. 18.1), needed when the data has no x-mitre-collection object")
      .action(async (path: string, flags: ImportAttackFlags) => runImportAttack(path, flags, ctx));
  },
};
