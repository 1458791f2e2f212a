/**
 * Where `catalog import-*` writes: `--out` when given, else the first
 * extension folder (config `mappings:` or `--mappings`), where runs pick the
 * file up. Never into ddproof's installed package: a package update would
 * silently drop the file, and the shipped catalogs are refreshed by the
 * scripts in scripts/, not by the CLI.
 */
import { realpath } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { InputError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import { SHIPPED_FRAMEWORKS_DIR } from "./load.js";

/** The real path of `path`, resolving symbolic links in the part of it that exists. */
async function realPathOf(path: string): Promise<string> {
  const absolute = resolve(path);
  for (let existing = absolute; ; existing = dirname(existing)) {
    const real = await realpath(existing).catch(() => null);
    if (real !== null) return join(real, relative(existing, absolute));
    if (dirname(existing) === existing) return absolute;
  }
}

function isInside(path: string, folder: string): boolean {
  return path === folder || path.startsWith(folder + sep);
}

/**
 * The installed package is all of PACKAGE_ROOT when it sits in a node_modules
 * folder; in a source checkout only the folders runs read catalogs and
 * mappings from.
 */
async function packageFolders(): Promise<string[]> {
  const root = await realPathOf(PACKAGE_ROOT);
  if (root.split(sep).includes("node_modules")) return [root];
  return [await realPathOf(SHIPPED_FRAMEWORKS_DIR), await realPathOf(join(PACKAGE_ROOT, "mappings"))];
}

export async function catalogOutputFile(out: string | undefined, fileName: string, extensionDirs: readonly string[]): Promise<string> {
  const target = out ?? (extensionDirs[0] === undefined ? undefined : join(extensionDirs[0], fileName));
  if (target === undefined) {
    throw new InputError(
      "no --out and no extension folder (mappings: in the config, or --mappings DIR): say where to write the catalog; ddproof never writes into its installed package",
    );
  }
  const real = await realPathOf(target);
  if ((await packageFolders()).some((folder) => isInside(real, folder))) {
    throw new InputError(`${target}: is inside ddproof's installed package; write the catalog to an extension folder (mappings: or --mappings DIR) instead`);
  }
  return target;
}
