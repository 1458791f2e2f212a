/**
 * Reads everything the engine needs besides the snapshot: catalogs, the
 * mapping files, the ATT&CK source table and the attestations, from the
 * shipped frameworks/ and mappings/ folders plus the user's folders
 * (`--mappings DIR`, config `mappings:`). In a user folder, `<framework>.yaml`
 * holds mappings (a control mapped there replaces the shipped mapping of that
 * control), `attack-log-sources.yaml` extends the source table, and
 * `<framework>.json` is a catalog (read by src/catalogs). Every problem is an
 * InputError naming the file and the path inside it.
 */
import { readdir, readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { loadAttackCatalog } from "../catalogs/attack/load.js";
import type { AttackCatalog } from "../catalogs/attack/schema.js";
import { assertUserDirs, loadFrameworkCatalogs, resolveCatalogFile } from "../catalogs/load.js";
import type { FrameworkCatalog } from "../catalogs/schema.js";
import { parseYaml } from "../config/load.js";
import { InputError } from "../errors.js";
import { PACKAGE_ROOT } from "../version.js";
import { ATTACK_FRAMEWORK_ID, type Attestation, AttestationsFile, checkAttestationTargets } from "./attestations.js";
import { dataFileError, parseDataFile } from "./data-file-errors.js";
import { MappingFile, type MappingSet } from "./mapping-schema.js";
import { mergeSourceMaps, type SourceMap, SourceMapFile } from "./source-map.js";

export const SHIPPED_MAPPINGS_DIR = join(PACKAGE_ROOT, "mappings");
export const SOURCE_MAP_FILE = "attack-log-sources.yaml";
/** Files a user folder may hold that are not mapping files. */
const NOT_MAPPING_FILES = new Set([SOURCE_MAP_FILE, "attestations.yaml"]);

export interface InputFiles {
  /** Framework ids to assess; `mitre-attack` adds ATT&CK. */
  frameworks: readonly string[];
  /** User catalog and mapping folders, later ones winning. */
  userDirs: readonly string[];
  attestationsFile: string | null;
}

export interface AssessInputs {
  catalogs: FrameworkCatalog[];
  attack: AttackCatalog | null;
  mappings: MappingSet;
  sourceMap: SourceMap;
  attestations: Attestation[];
}

interface DataFile {
  /** The path to read. */
  path: string;
  /** How errors name it: `mappings/<name>` for shipped files, the path as given otherwise. */
  shown: string;
}

/** `empty` is what a file without a document (blank, or only comments) reads as. */
async function readYamlFile(file: DataFile, empty: unknown = {}): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file.path, "utf8");
  } catch (error) {
    throw new InputError(
      `${file.shown}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  return parseYaml(text, file.shown, empty);
}

async function yamlFilesIn(dir: string, shippedPrefix: string | null): Promise<DataFile[]> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.endsWith(".yaml")).sort();
  return names.map((name) => ({
    path: join(dir, name),
    shown: shippedPrefix === null ? join(dir, name) : `${shippedPrefix}/${name}`,
  }));
}

async function loadAttestations(file: string | null): Promise<Attestation[]> {
  if (file === null) return [];
  // An empty file (or one whose every attestation is commented out) is an empty list.
  const data = await readYamlFile({ path: file, shown: file }, []);
  return parseDataFile(AttestationsFile, data, file);
}

async function loadCatalogs(
  files: InputFiles,
  attestations: readonly Attestation[],
): Promise<{ catalogs: FrameworkCatalog[]; attack: AttackCatalog | null }> {
  const wanted = files.frameworks.filter((id) => id !== ATTACK_FRAMEWORK_ID);
  // Catalogs named only by attestations are loaded too, so their control ids can be checked.
  const attested = attestations
    .map((attestation) => attestation.control.framework)
    .filter((id) => id !== ATTACK_FRAMEWORK_ID);
  const ids = [...new Set([...wanted, ...attested])];
  for (const id of ids.filter((candidate) => !wanted.includes(candidate))) {
    if ((await resolveCatalogFile(id, [...files.userDirs])) === null) {
      const i = attestations.findIndex((attestation) => attestation.control.framework === id);
      throw dataFileError(
        files.attestationsFile ?? "attestations",
        [i, "control", "framework"],
        `unknown framework "${id}"`,
      );
    }
  }
  const catalogs = await loadFrameworkCatalogs(ids, [...files.userDirs]);
  const needsAttack =
    files.frameworks.includes(ATTACK_FRAMEWORK_ID) ||
    attestations.some((a) => a.control.framework === ATTACK_FRAMEWORK_ID);
  const attackFile = needsAttack ? await resolveCatalogFile(ATTACK_FRAMEWORK_ID, [...files.userDirs]) : null;
  const attack = attackFile === null ? null : await loadAttackCatalog(attackFile);
  return { catalogs, attack };
}

/** Mapping files of every loaded catalog, shipped first; a later file's control replaces the earlier one's. */
async function loadMappings(files: InputFiles, catalogs: readonly FrameworkCatalog[]): Promise<MappingSet> {
  const sources = [await yamlFilesIn(SHIPPED_MAPPINGS_DIR, "mappings")];
  for (const dir of files.userDirs) sources.push(await yamlFilesIn(dir, null));

  const mappings: MappingSet = {};
  for (const file of sources.flat()) {
    const name = basename(file.path);
    if (NOT_MAPPING_FILES.has(name)) continue;
    const id = name.slice(0, -".yaml".length);
    const catalog = catalogs.find((candidate) => candidate.id === id);
    if (catalog === undefined) {
      if ((await resolveCatalogFile(id, [...files.userDirs])) === null) {
        throw new InputError(
          `${file.shown}: (top level): no catalog "${id}" exists for this mapping file (expected <framework id>.yaml)`,
        );
      }
      continue; // a framework not assessed in this run
    }
    const parsed = parseDataFile(MappingFile, await readYamlFile(file), file.shown);
    if (parsed.framework !== id)
      throw dataFileError(file.shown, ["framework"], `expected "${id}" (the file name without .yaml)`);
    const controlIds = new Set(catalog.controls.map((control) => control.id));
    for (const controlId of Object.keys(parsed.controls)) {
      if (!controlIds.has(controlId))
        throw dataFileError(file.shown, ["controls", controlId], `"${controlId}" is not a control of ${id}`);
    }
    mappings[id] = { ...(mappings[id] ?? {}), ...parsed.controls };
  }
  return mappings;
}

async function loadSourceMap(files: InputFiles): Promise<SourceMap> {
  const shipped: DataFile = { path: join(SHIPPED_MAPPINGS_DIR, SOURCE_MAP_FILE), shown: `mappings/${SOURCE_MAP_FILE}` };
  let map = parseDataFile(SourceMapFile, await readYamlFile(shipped), shipped.shown).sources;
  for (const dir of files.userDirs) {
    const user = (await yamlFilesIn(dir, null)).find((file) => basename(file.path) === SOURCE_MAP_FILE);
    if (user !== undefined)
      map = mergeSourceMaps(map, parseDataFile(SourceMapFile, await readYamlFile(user), user.shown).sources);
  }
  return map;
}

export async function loadAssessInputs(files: InputFiles): Promise<AssessInputs> {
  await assertUserDirs([...files.userDirs]);
  const attestations = await loadAttestations(files.attestationsFile);
  const { catalogs, attack } = await loadCatalogs(files, attestations);
  checkAttestationTargets(attestations, catalogs, attack, files.attestationsFile ?? "attestations");
  const mappings = await loadMappings(files, catalogs);
  const sourceMap = await loadSourceMap(files);
  return { catalogs, attack, mappings, sourceMap, attestations };
}
