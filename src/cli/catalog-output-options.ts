/**
 * The options `catalog import-*` share to say where the catalog goes:
 * `--out FILE`, else the first extension folder from the config or
 * `--mappings` (src/catalogs/output-file.ts decides and refuses the package).
 */
import type { Command } from "commander";
import { catalogOutputFile } from "../catalogs/output-file.js";
import { configMappingDirs, loadConfig } from "../config/load.js";

export interface CatalogOutputFlags {
  out?: string;
  mappings: string[];
  config?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function addCatalogOutputOptions(command: Command): Command {
  return command
    .option("--out <file>", "catalog file to write (default: <first extension folder>/<id>.json)")
    .option("--mappings <dir>", "extension folder of catalogs and mappings (repeatable); the first one receives the catalog without --out", collect, [])
    .option("-c, --config <file>", "config file whose mappings: folders count as extension folders (default: ./ddproof.yaml when present)");
}

/** The file to write; reads the config only when --out is not given. */
export async function catalogOutputFromFlags(flags: CatalogOutputFlags, fileName: string): Promise<string> {
  if (flags.out !== undefined) return catalogOutputFile(flags.out, fileName, []);
  const { config, file } = await loadConfig(flags.config, flags.mappings);
  return catalogOutputFile(undefined, fileName, [...configMappingDirs(config, file), ...flags.mappings]);
}
