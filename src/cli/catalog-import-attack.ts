/**
 * `ddproof catalog import-attack PATH [--out FILE] [--attack-version V]`:
 * imports MITRE ATT&CK Enterprise from STIX into a catalog file (by default
 * mitre-attack.json in the first extension folder, which then replaces the
 * shipped catalog; scripts/import-attack.mjs refreshes the shipped one). The
 * work is in src/catalogs/attack; this module only parses arguments.
 */
import type { Command } from "commander";
import { formatAttackCatalog } from "../catalogs/attack/format.js";
import { importAttack } from "../catalogs/attack/import.js";
import { describeAttackCatalog } from "../catalogs/attack/summary.js";
import { ATTACK_CATALOG_ID } from "../catalogs/discover.js";
import { catalogFileName } from "../catalogs/load.js";
import { EXIT_OK } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { addCatalogOutputOptions, catalogOutputFromFlags, type CatalogOutputFlags } from "./catalog-output-options.js";
import { catalogGroup } from "./catalog-group.js";
import type { CommandContext, CommandModule } from "./command.js";

interface ImportAttackFlags extends CatalogOutputFlags {
  attackVersion?: string;
}

export async function runImportAttack(path: string, flags: ImportAttackFlags, ctx: CommandContext): Promise<void> {
  const out = await catalogOutputFromFlags(flags, catalogFileName(ATTACK_CATALOG_ID));
  const catalog = await importAttack(path, flags.attackVersion === undefined ? {} : { version: flags.attackVersion });
  await writeFileAtomic(out, formatAttackCatalog(catalog));
  ctx.output.out(`wrote ${out}: ${describeAttackCatalog(catalog)}`);
  ctx.setExitCode(EXIT_OK);
}

export const catalogImportAttackCommand: CommandModule = {
  register(program, ctx) {
    const command = catalogGroup(program)
      .command("import-attack")
      .description("Import MITRE ATT&CK Enterprise from STIX (a bundle file, or a folder of per-object files as in mitre/cti)")
      .argument("<path>", "STIX bundle file or folder with one sub-folder per object type")
      .option("--attack-version <version>", "ATT&CK release (e.g. 18.1), needed when the data has no x-mitre-collection object");
    addCatalogOutputOptions(command).action(async (path: string, flags: ImportAttackFlags) => runImportAttack(path, flags, ctx));
  },
};
