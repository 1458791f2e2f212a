/**
 * Lists the catalogs a run can use: the shipped ones (the four FrameworkCatalog
 * files and ATT&CK when frameworks/mitre-attack.json is present) and any
 * catalog file in the user's `mappings:` folders, a user file replacing the
 * shipped one of the same id.
 */
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import {
  SHIPPED_FRAMEWORKS_DIR,
  SHIPPED_FRAMEWORK_IDS,
  assertUserDirs,
  catalogFileName,
  parseFrameworkCatalog,
  readJsonFile,
} from "./load.js";

export const ATTACK_CATALOG_ID = "mitre-attack";

export interface CatalogListing {
  id: string;
  name: string;
  version: string;
  /** Rows in the catalog (ATT&CK: techniques and sub-techniques neither revoked nor deprecated). */
  controls: number;
  monitoring_relevant: number;
  /** `frameworks/<id>.json` for a shipped file, else the path under the user folder as given. */
  file: string;
}

/**
 * Only the header and technique count of the ATT&CK catalog: its full shape
 * belongs to src/catalogs/attack/, which this listing must not depend on.
 */
const AttackCatalogHeader = z.looseObject({
  id: z.literal(ATTACK_CATALOG_ID),
  name: z.string(),
  version: z.union([z.string(), z.number()]).transform(String),
  techniques: z.array(z.looseObject({ revoked: z.boolean().optional(), deprecated: z.boolean().optional() })),
});

interface CatalogFile {
  file: string;
  shown: string;
  data: unknown;
}

/** A JSON document in a user folder is a catalog if it has a `controls` list (mapping files do not). */
function looksLikeCatalog(id: string, data: unknown): boolean {
  if (id === ATTACK_CATALOG_ID) return true;
  return typeof data === "object" && data !== null && Array.isArray((data as { controls?: unknown }).controls);
}

async function shippedCatalogFiles(): Promise<Map<string, CatalogFile>> {
  const present = new Set(await readdir(SHIPPED_FRAMEWORKS_DIR).catch(() => [] as string[]));
  const files = new Map<string, CatalogFile>();
  for (const id of [...SHIPPED_FRAMEWORK_IDS, ATTACK_CATALOG_ID]) {
    const name = catalogFileName(id);
    if (!present.has(name)) continue;
    const file = join(SHIPPED_FRAMEWORKS_DIR, name);
    files.set(id, { file, shown: `frameworks/${name}`, data: await readJsonFile(file) });
  }
  return files;
}

async function addUserCatalogFiles(files: Map<string, CatalogFile>, dirs: readonly string[]): Promise<void> {
  for (const dir of dirs) {
    const names = (await readdir(dir)).filter((name) => name.endsWith(".json")).sort();
    for (const name of names) {
      const file = join(dir, name);
      const id = name.slice(0, -".json".length);
      const data = await readJsonFile(file);
      if (looksLikeCatalog(id, data)) files.set(id, { file, shown: file, data });
    }
  }
}

function describe(id: string, { file, shown, data }: CatalogFile): CatalogListing {
  if (id === ATTACK_CATALOG_ID) {
    const attack = parseOrThrow(AttackCatalogHeader, data, file);
    // Revoked and deprecated techniques stay in the file for lookups but are not assessed.
    // Every technique that is assessed is a detection target, so all count as monitoring-relevant.
    const techniques = attack.techniques.filter((technique) => !technique.revoked && !technique.deprecated).length;
    return { id, name: attack.name, version: attack.version, controls: techniques, monitoring_relevant: techniques, file: shown };
  }
  const catalog = parseFrameworkCatalog(data, file, id);
  return {
    id,
    name: catalog.name,
    version: catalog.version,
    controls: catalog.controls.length,
    monitoring_relevant: catalog.controls.filter((control) => control.monitoring_relevant).length,
    file: shown,
  };
}

/** Shipped order first, then ATT&CK, then user-only catalogs by id. */
function listingOrder(a: string, b: string): number {
  const known = [...SHIPPED_FRAMEWORK_IDS, ATTACK_CATALOG_ID];
  const rank = (id: string): number => (known.includes(id) ? known.indexOf(id) : known.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}

export async function listCatalogs(dirs: string[] = []): Promise<CatalogListing[]> {
  await assertUserDirs(dirs);
  const files = await shippedCatalogFiles();
  await addUserCatalogFiles(files, dirs);
  return [...files.entries()].sort(([a], [b]) => listingOrder(a, b)).map(([id, file]) => describe(id, file));
}
