/**
 * `ddproof catalog import-oscal FILE --id ID [--out FILE]`: turns an OSCAL
 * catalog or resolved baseline profile into a framework catalog. The work is
 * in src/catalogs/oscal; this module only parses arguments.
 */
import type { Command } from "commander";
import { formatFrameworkCatalog } from "../catalogs/format.js";
import { catalogFileName } from "../catalogs/load.js";
import { importOscalCatalog } from "../catalogs/oscal/import.js";
import { describeOscalImport } from "../catalogs/oscal/summary.js";
import { CatalogId } from "../catalogs/schema.js";
import { EXIT_OK, InputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readJsonFile } from "../io/read-json.js";
import { catalogGroup } from "./catalog-group.js";
import { addCatalogOutputOptions, type CatalogOutputFlags, catalogOutputFromFlags } from "./catalog-output-options.js";
import type { CommandContext, CommandModule } from "./command.js";

interface ImportOscalFlags extends CatalogOutputFlags {
  id: string;
  name?: string;
  publisher?: string;
  monitoringRelevant?: string;
}

function checkedId(id: string): string {
  const result = CatalogId.safeParse(id);
  if (!result.success) throw new InputError(`--id "${id}": ${result.error.issues[0]?.message ?? "not a catalog id"}`);
  return result.data;
}

export async function runImportOscal(path: string, flags: ImportOscalFlags, ctx: CommandContext): Promise<void> {
  const id = checkedId(flags.id);
  const monitoringRelevant = (flags.monitoringRelevant ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  const out = await catalogOutputFromFlags(flags, catalogFileName(id));
  const imported = importOscalCatalog(await readJsonFile(path), path, {
    id,
    name: flags.name,
    publisher: flags.publisher,
    monitoringRelevant,
  });
  await writeFileAtomic(out, formatFrameworkCatalog(imported.catalog));
  ctx.output.out(`wrote ${out}: ${describeOscalImport(imported)}`);
  ctx.setExitCode(EXIT_OK);
}

export const catalogImportOscalCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = catalogGroup(program)
      .command("import-oscal")
      .description(
        "Import an OSCAL catalog, or a resolved baseline profile (as NIST publishes for SP 800-53), as a framework catalog",
      )
      .argument("<file>", "OSCAL catalog JSON")
      .requiredOption("--id <id>", "framework id of the result, e.g. nist-800-53-rev5-low (also its file name)")
      .option("--name <name>", "framework name shown in reports (default: the OSCAL metadata title)")
      .option("--publisher <name>", "publisher (default: the catalog's creator party)")
      .option(
        "--monitoring-relevant <ids>",
        "comma-separated OSCAL control ids Datadog evidence can serve, e.g. au-2,si-4.2",
      );
    addCatalogOutputOptions(command).action(async (path: string, flags: ImportOscalFlags) =>
      runImportOscal(path, flags, ctx),
    );
  },
};
