/**
 * Reads ATT&CK STIX from disk in either of MITRE's two published layouts:
 *
 * - one bundle file (`{"type":"bundle","objects":[...]}`), as
 *   attack-stix-data ships STIX 2.1 releases;
 * - a folder with one sub-folder per object type, each file a bundle holding
 *   one object, as mitre/cti ships STIX 2.0.
 *
 * Only the object types the importer uses are parsed; every parse error names
 * the file and the path inside it.
 */
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { z } from "zod";
import { describeZodError, InputError, parseOrThrow } from "../../errors.js";
import { readJsonFile } from "../../io/read-json.js";
import { isStixType, STIX_SCHEMAS, type StixObject } from "./stix-objects.js";

export interface StixSource {
  /** True for a folder of per-object files, false for one bundle file. */
  isFolder: boolean;
  /** The file or folder's base name: what the catalog says it came from, without machine paths. */
  name: string;
  objects: StixObject[];
}

const StixBundle = z.object({
  type: z.literal("bundle"),
  objects: z.array(z.looseObject({ type: z.string() })),
});

/** Files read at once from a folder; the v18 folder holds about 4,700. */
const READ_CONCURRENCY = 32;

/** Validates a parsed bundle and the objects of the types the importer uses. */
function parseBundle(json: unknown, file: string): StixObject[] {
  const bundle = parseOrThrow(StixBundle, json, file);
  const objects: StixObject[] = [];
  bundle.objects.forEach((raw, index) => {
    if (!isStixType(raw.type)) return;
    const result = STIX_SCHEMAS[raw.type].safeParse(raw);
    if (!result.success) {
      const issues = result.error.issues.map((issue) => ({ ...issue, path: ["objects", index, ...issue.path] }));
      throw new InputError(describeZodError(file, new z.ZodError(issues)));
    }
    objects.push({ ...result.data, origin: { file, index } } as StixObject);
  });
  return objects;
}

async function readBundleFile(file: string): Promise<StixObject[]> {
  return parseBundle(await readJsonFile(file), file);
}

async function listJsonFiles(folder: string): Promise<string[]> {
  const names = await readdir(folder);
  return names
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((name) => join(folder, name));
}

async function readFolder(folder: string): Promise<StixObject[]> {
  // Sub-folders are named by object type; those the importer does not use
  // (malware, intrusion-set, …) are never opened.
  const entries = await readdir(folder, { withFileTypes: true });
  const typeFolders = entries
    .filter((entry) => entry.isDirectory() && isStixType(entry.name))
    .map((entry) => entry.name)
    .sort();
  if (!typeFolders.includes("attack-pattern")) {
    throw new InputError(
      `${folder}: expected a STIX bundle file or a folder with one sub-folder per object type (attack-pattern/, x-mitre-tactic/, x-mitre-matrix/, …); there is no attack-pattern/ sub-folder`,
    );
  }
  const files = (await Promise.all(typeFolders.map((name) => listJsonFiles(join(folder, name))))).flat();
  const perFile: StixObject[][] = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      perFile[i] = await readBundleFile(files[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, files.length) }, worker));
  return perFile.flat();
}

/** Reads a STIX bundle file or a folder of per-object bundles. Throws InputError on bad input. */
export async function readStix(path: string): Promise<StixSource> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    throw new InputError(
      `${path}: cannot read the STIX data (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  const name = basename(path);
  return { isFolder, name, objects: isFolder ? await readFolder(path) : await readBundleFile(path) };
}
