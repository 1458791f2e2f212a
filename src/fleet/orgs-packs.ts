/**
 * The org packs of a fleet: `<dir>/<org>/`, each rendered from its org's
 * snapshot with its org's frameworks, naming its org in its manifest, and
 * written aside and renamed into place (pack/write-pack.ts). Offline, like
 * pack/: `report --all-orgs` writes them from the folders `collect --all-orgs`
 * wrote, `pack --all-orgs` (collect-org-packs.ts) as each org is collected.
 * One org's pack failing leaves the others written.
 */
import type { KeyObject } from "node:crypto";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { InputFiles } from "../assess/load-inputs.js";
import type { Thresholds } from "../config/schema.js";
import { describeError } from "../describe-error.js";
import { InputError } from "../errors.js";
import { MANIFEST_FILE } from "../pack/manifest.js";
import { type RenderedPack, renderPack } from "../pack/render-pack.js";
import { checkPackDestination } from "../pack/write-pack.js";
import type { ReportKind } from "../report/contract.js";
import type { OrgName } from "./org-name.js";
import { byOrgName } from "./orgs.js";

/** What every org pack of one run shares. */
export interface OrgPackSettings {
  kind: ReportKind;
  thresholds: Thresholds;
  templatesDir: string | null;
  /** Replace existing org packs (`--force`). */
  replace: boolean;
  signingKey: KeyObject | null;
}

/** One org's pack to write. */
export interface OrgPackRequest {
  name: OrgName;
  snapshotFile: string;
  /** This org's frameworks, with the config's mapping folders and attestations. */
  inputs: InputFiles;
  /** Its pack of an earlier run, to compare with; null for none. */
  previousDir: string | null;
}

export interface OrgPackResult {
  name: OrgName;
  /** The org's pack folder, or null when none could be written; `error` says why. */
  dir: string | null;
  /** False when the pack holds incomplete evidence, or when there is no pack. */
  complete: boolean;
  pack: RenderedPack | null;
  error: string | null;
}

export function orgPackDir(outDir: string, name: OrgName): string {
  return join(outDir, name);
}

/**
 * Refuses, before any work, a folder that cannot take the org packs: a file,
 * a pack itself (with --all-orgs, `--out` holds one pack per org), or an org's
 * folder that is not a pack or is one and `replace` is off.
 */
export async function checkOrgPackDestinations(
  outDir: string,
  names: readonly OrgName[],
  replace: boolean,
): Promise<void> {
  const info = await stat(outDir).catch(() => null);
  if (info && !info.isDirectory()) throw new InputError(`${outDir}: exists and is not a folder`);
  if (info && (await stat(join(outDir, MANIFEST_FILE)).catch(() => null))) {
    throw new InputError(
      `${outDir}: is a pack itself; with --all-orgs, --out names the folder that holds one pack per org`,
    );
  }
  for (const name of names) await checkPackDestination(orgPackDir(outDir, name), { replace });
}

/** A failed result for an org that has no pack. */
export function noOrgPack(name: OrgName, error: string): OrgPackResult {
  return { name, dir: null, complete: false, pack: null, error };
}

/** Writes one org's pack; never throws (a failure is its result). */
export async function writeOrgPack(
  request: OrgPackRequest,
  settings: OrgPackSettings,
  outDir: string,
): Promise<OrgPackResult> {
  const dir = orgPackDir(outDir, request.name);
  try {
    const pack = await renderPack({
      kind: settings.kind,
      snapshotFile: request.snapshotFile,
      outDir: dir,
      inputs: request.inputs,
      thresholds: settings.thresholds,
      previousDir: request.previousDir,
      templatesDir: settings.templatesDir,
      replace: settings.replace,
      signingKey: settings.signingKey,
      org: request.name,
    });
    return { name: request.name, dir, complete: pack.manifest.complete, pack, error: null };
  } catch (error) {
    return noOrgPack(request.name, describeError(error));
  }
}

/**
 * Writes the org packs one after another (a render holds its assessment and
 * rendered files in memory; one at a time keeps a fleet's peak near one
 * org's); the results in name order.
 */
export async function writeOrgPacks(
  requests: readonly OrgPackRequest[],
  settings: OrgPackSettings,
  outDir: string,
): Promise<OrgPackResult[]> {
  const results: OrgPackResult[] = [];
  for (const request of requests) results.push(await writeOrgPack(request, settings, outDir));
  return results.sort(byOrgName);
}

/** The org pack folders that were written, in name order: what a fleet pack combines. */
export function orgPackDirs(results: readonly OrgPackResult[]): string[] {
  return results.flatMap((result) => (result.dir === null ? [] : [result.dir]));
}
