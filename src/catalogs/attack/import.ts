/**
 * `importAttack`: MITRE ATT&CK STIX (a bundle file or a folder of per-object
 * files) → the compact, validated catalog in frameworks/mitre-attack.json.
 * Nothing about a release is hard-coded: the version, tactic order and names,
 * and the detection data model all come from the data.
 */
import { InputError, parseOrThrow } from "../../errors.js";
import { collectLogSources } from "./log-sources.js";
import { ENTERPRISE_DOMAIN, findEnterpriseMatrix, matrixTactics } from "./matrix.js";
import { findNotice } from "./notice.js";
import { readStix, type StixSource } from "./read-stix.js";
import { AttackCatalog } from "./schema.js";
import { StixIndex } from "./stix-index.js";
import { STIX_SCHEMAS, type StixType } from "./stix-objects.js";
import { buildTechniques } from "./techniques.js";

export interface ImportAttackOptions {
  /**
   * The ATT&CK release (`18.1`). Needed only when the data does not say:
   * attack-stix-data bundles carry it in their x-mitre-collection object,
   * mitre/cti's STIX 2.0 files do not. When both are present they must agree.
   */
  version?: string;
}

function releaseVersion(index: StixIndex, path: string, given: string | undefined): string {
  const inData = [...new Set(index.ofType("x-mitre-collection").map((collection) => collection.x_mitre_version))];
  if (inData.length > 1) {
    throw new InputError(
      `${path}: expected one ATT&CK release, but the data holds collections of ${inData.join(", ")}`,
    );
  }
  const fromData = inData[0];
  if (fromData !== undefined && given !== undefined && given !== fromData) {
    throw new InputError(
      `${path}: the data is ATT&CK ${fromData} (its x-mitre-collection says so) but version ${given} was given`,
    );
  }
  const version = fromData ?? given;
  if (version === undefined) {
    throw new InputError(
      `${path}: no x-mitre-collection object names the ATT&CK release (mitre/cti's STIX 2.0 files carry none); give it explicitly, e.g. --attack-version 18.1`,
    );
  }
  return version;
}

/** Dotted versions in numeric order (`3.10.0` after `3.9.0`). */
function compareDotted(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0 && !Number.isNaN(diff)) return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function specVersions(index: StixIndex): string[] {
  const seen = new Set<string>();
  for (const object of index.all())
    if (object.x_mitre_attack_spec_version !== undefined) seen.add(object.x_mitre_attack_spec_version);
  return [...seen].sort(compareDotted);
}

function newestModified(index: StixIndex, fallback: string): string {
  let newest = fallback;
  for (const object of index.all())
    if (object.modified !== undefined && object.modified > newest) newest = object.modified;
  return newest;
}

/** `enterprise-attack (folder of per-object files: 835 attack-pattern, 14 x-mitre-tactic, …)`. */
function describeSource(source: StixSource, index: StixIndex): string {
  const counts = new Map<string, number>();
  for (const object of index.all()) counts.set(object.type, (counts.get(object.type) ?? 0) + 1);
  const parts = (Object.keys(STIX_SCHEMAS) as StixType[])
    .filter((type) => counts.has(type))
    .map((type) => `${counts.get(type)} ${type}`);
  const layout = source.isFolder ? "folder of per-object STIX files" : "STIX bundle";
  return `${source.name} (${layout}: ${parts.join(", ")})`;
}

/** Imports ATT&CK Enterprise from STIX. Throws InputError naming the file and what was expected. */
export async function importAttack(path: string, options: ImportAttackOptions = {}): Promise<AttackCatalog> {
  const source = await readStix(path);
  const index = new StixIndex(source.objects);
  const matrix = findEnterpriseMatrix(index, path);
  const tactics = matrixTactics(index, matrix);
  const logSources = collectLogSources(index);
  const catalog: AttackCatalog = {
    id: "mitre-attack",
    name: "MITRE ATT&CK Enterprise",
    domain: ENTERPRISE_DOMAIN,
    version: releaseVersion(index, path, options.version),
    spec_versions: specVersions(index),
    modified: matrix.modified,
    content_modified: newestModified(index, matrix.modified),
    source: { description: describeSource(source, index) },
    notice: await findNotice(path, source.isFolder, index),
    log_source_model: logSources.model,
    tactics,
    techniques: buildTechniques(index, tactics, logSources.byAttackPattern),
  };
  // The schema's cross-checks (parents, tactics, order) guard the importer itself.
  return parseOrThrow(AttackCatalog, catalog, `${path} (imported catalog)`);
}
