/**
 * Finds the catalogs a run can use, so no list of framework ids is kept in
 * code: every `<id>.json` in the shipped frameworks/ folder, and every
 * catalog file in the user's extension folders (`mappings:`, `--mappings`),
 * a user file replacing the shipped one of the same id and a later folder
 * replacing an earlier one.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { readJsonFile } from "../io/read-json.js";
import { assertUserDirs, SHIPPED_FRAMEWORKS_DIR } from "./load.js";

/** ATT&CK's catalog has its own shape and loader (src/catalogs/attack/) but is selected like any framework. */
export const ATTACK_CATALOG_ID = "mitre-attack";

export interface CatalogFile {
  id: string;
  /** The path to read. */
  file: string;
  /** How listings name it: `frameworks/<id>.json` when shipped, the path as given otherwise. */
  shown: string;
}

/**
 * A JSON document in a user folder is a catalog if it has a `controls` list;
 * other JSON files may sit there too (mapping folders are shared), so they
 * are passed over rather than refused.
 */
function looksLikeCatalog(id: string, data: unknown): boolean {
  if (id === ATTACK_CATALOG_ID) return true;
  return typeof data === "object" && data !== null && Array.isArray((data as { controls?: unknown }).controls);
}

async function jsonNames(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
}

/** Every JSON file shipped in frameworks/ is a catalog (a test holds the folder to that). */
async function shippedCatalogFiles(): Promise<CatalogFile[]> {
  const names = await jsonNames(SHIPPED_FRAMEWORKS_DIR).catch(() => [] as string[]);
  return names.map((name) => ({
    id: name.slice(0, -".json".length),
    file: join(SHIPPED_FRAMEWORKS_DIR, name),
    shown: `frameworks/${name}`,
  }));
}

async function userCatalogFiles(dir: string): Promise<CatalogFile[]> {
  const files: CatalogFile[] = [];
  for (const name of await jsonNames(dir)) {
    const file = join(dir, name);
    const id = name.slice(0, -".json".length);
    if (looksLikeCatalog(id, await readJsonFile(file))) files.push({ id, file, shown: file });
  }
  return files;
}

/** The file that defines each catalog id, by id in alphabetical order. */
export async function discoverCatalogFiles(dirs: readonly string[] = []): Promise<CatalogFile[]> {
  await assertUserDirs(dirs);
  const byId = new Map<string, CatalogFile>();
  for (const file of await shippedCatalogFiles()) byId.set(file.id, file);
  for (const dir of dirs) for (const file of await userCatalogFiles(dir)) byId.set(file.id, file);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Ids a config or a `--framework` flag may name, `mitre-attack` included when its file is there. */
export async function availableCatalogIds(dirs: readonly string[] = []): Promise<string[]> {
  return (await discoverCatalogFiles(dirs)).map((file) => file.id);
}
