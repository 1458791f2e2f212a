/**
 * Loads control catalogs: the shipped frameworks/ folder first, then the
 * user's `mappings:` folders in order, where a file with the same id replaces
 * the shipped one (so an organisation can pin or extend a catalog without
 * forking ddproof). Every problem is an InputError naming the file and the
 * path inside it.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { formatIssuePath, InputError, parseOrThrow } from "../errors.js";
import { readJsonFile } from "../io/read-json.js";
import { PACKAGE_ROOT } from "../version.js";
import { CatalogId, FrameworkCatalog } from "./schema.js";

export const SHIPPED_FRAMEWORKS_DIR = join(PACKAGE_ROOT, "frameworks");

export function catalogFileName(id: string): string {
  return `${id}.json`;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** Refuses a user folder that is missing, so a typo in `--mappings` is not silently ignored. */
export async function assertUserDirs(dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const info = await stat(dir).catch(() => null);
    if (info === null || !info.isDirectory()) {
      throw new InputError(`${dir}: expected a folder of catalog and mapping files, but it does not exist`);
    }
  }
}

/**
 * The file that defines catalog `id`: the last user folder holding `<id>.json`,
 * else the shipped one; null when there is none.
 */
export async function resolveCatalogFile(id: string, dirs: readonly string[] = []): Promise<string | null> {
  for (const dir of [...dirs].reverse()) {
    const candidate = join(dir, catalogFileName(id));
    if (await isFile(candidate)) return candidate;
  }
  const shipped = join(SHIPPED_FRAMEWORKS_DIR, catalogFileName(id));
  return (await isFile(shipped)) ? shipped : null;
}

function structureError(file: string, path: PropertyKey[], message: string): InputError {
  return new InputError(`${file}: ${formatIssuePath(path)}: ${message}`);
}

/**
 * Rules zod cannot see on one row: ids are unique, every parent and
 * `superseded_by` names a control of this catalog, and parents form a tree.
 * Controls may appear in any order, so checks run after all ids are known.
 */
export function checkCatalogStructure(catalog: FrameworkCatalog, file: string): void {
  const indexById = new Map<string, number>();
  catalog.controls.forEach((control, i) => {
    const first = indexById.get(control.id);
    if (first !== undefined) {
      throw structureError(
        file,
        ["controls", i, "id"],
        `duplicate control id "${control.id}" (first at controls[${first}])`,
      );
    }
    indexById.set(control.id, i);
  });

  const parentOf = new Map<string, string | null>();
  catalog.controls.forEach((control, i) => {
    if (control.parent !== null && !indexById.has(control.parent)) {
      throw structureError(
        file,
        ["controls", i, "parent"],
        `parent "${control.parent}" is not a control id in this catalog`,
      );
    }
    if (control.superseded_by !== undefined && !indexById.has(control.superseded_by)) {
      throw structureError(
        file,
        ["controls", i, "superseded_by"],
        `"${control.superseded_by}" is not a control id in this catalog`,
      );
    }
    parentOf.set(control.id, control.parent);
  });

  catalog.controls.forEach((control, i) => {
    const chain = [control.id];
    for (let up = control.parent; up !== null; up = parentOf.get(up) ?? null) {
      chain.push(up);
      if (up === control.id) {
        throw structureError(file, ["controls", i, "parent"], `parents form a cycle: ${chain.join(" → ")}`);
      }
      // A longer chain than the catalog has rows can only be a cycle above this control;
      // that control reports it on its own turn.
      if (chain.length > catalog.controls.length) break;
    }
  });
}

/** Validates an already-read catalog document that should define catalog `id`. */
export function parseFrameworkCatalog(data: unknown, file: string, id?: string): FrameworkCatalog {
  const catalog = parseOrThrow(FrameworkCatalog, data, file);
  if (id !== undefined && catalog.id !== id) {
    throw new InputError(`${file}: id: expected "${id}" (the file name without .json), got "${catalog.id}"`);
  }
  checkCatalogStructure(catalog, file);
  return catalog;
}

export async function loadFrameworkCatalog(id: string, dirs: string[] = []): Promise<FrameworkCatalog> {
  const checkedId = CatalogId.safeParse(id);
  if (!checkedId.success)
    throw new InputError(`framework "${id}": ${checkedId.error.issues[0]?.message ?? "not a catalog id"}`);
  await assertUserDirs(dirs);
  const file = await resolveCatalogFile(id, dirs);
  if (file === null) {
    const places = ["frameworks/", ...dirs].join(", ");
    throw new InputError(`framework "${id}": no ${catalogFileName(id)} in ${places}`);
  }
  return parseFrameworkCatalog(await readJsonFile(file), file, id);
}

export async function loadFrameworkCatalogs(ids: string[], dirs: string[] = []): Promise<FrameworkCatalog[]> {
  return Promise.all(ids.map((id) => loadFrameworkCatalog(id, dirs)));
}
