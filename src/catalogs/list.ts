/**
 * Lists the catalogs a run can use (src/catalogs/discover.ts finds them):
 * the shipped ones and any catalog file in the user's `mappings:` folders, a
 * user file replacing the shipped one of the same id.
 */
import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import { readJsonFile } from "../io/read-json.js";
import { ATTACK_CATALOG_ID, type CatalogFile, discoverCatalogFiles } from "./discover.js";
import { parseFrameworkCatalog } from "./load.js";

export { ATTACK_CATALOG_ID } from "./discover.js";

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

function describe({ id, file, shown }: CatalogFile, data: unknown): CatalogListing {
  if (id === ATTACK_CATALOG_ID) {
    const attack = parseOrThrow(AttackCatalogHeader, data, file);
    // Revoked and deprecated techniques stay in the file for lookups but are not assessed.
    // Every technique that is assessed is a detection target, so all count as monitoring-relevant.
    const techniques = attack.techniques.filter((technique) => !technique.revoked && !technique.deprecated).length;
    return {
      id,
      name: attack.name,
      version: attack.version,
      controls: techniques,
      monitoring_relevant: techniques,
      file: shown,
    };
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

/** In id order; a user file that replaces a shipped catalog is listed with its own path. */
export async function listCatalogs(dirs: string[] = []): Promise<CatalogListing[]> {
  const files = await discoverCatalogFiles(dirs);
  const listings: CatalogListing[] = [];
  for (const file of files) listings.push(describe(file, await readJsonFile(file.file)));
  return listings;
}
