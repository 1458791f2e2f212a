/**
 * Loads an ATT&CK catalog (by default the one shipped in frameworks/) and
 * validates it, so a damaged or hand-edited file stops the run with the file
 * and the path of the problem instead of skewing a heatmap.
 */
import { join } from "node:path";
import { parseOrThrow } from "../../errors.js";
import { readJsonFile } from "../../io/read-json.js";
import { PACKAGE_ROOT } from "../../version.js";
import { AttackCatalog } from "./schema.js";

/** The catalog shipped with ddproof, generated from ATT&CK v18.1 (see frameworks/NOTICE-mitre-attack.txt). */
export const SHIPPED_ATTACK_CATALOG = join(PACKAGE_ROOT, "frameworks", "mitre-attack.json");

export async function loadAttackCatalog(file: string = SHIPPED_ATTACK_CATALOG): Promise<AttackCatalog> {
  return parseOrThrow(AttackCatalog, await readJsonFile(file), file);
}
