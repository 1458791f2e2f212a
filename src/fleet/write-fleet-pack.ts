/**
 * From org packs to the fleet pack: read and verify each org pack, check
 * they can be combined, combine them, render every fleet format of their
 * kind and write `<outDir>/fleet/` through the pack writer (aside, then
 * renamed into place; signed given a key). Used by `ddproof merge` and,
 * after the org packs are written, by `pack --all-orgs`.
 *
 * The fleet pack is a pure function of the org packs and the templates: no
 * clock, no folder paths, orgs by name, so `merge` of the same org packs
 * writes the same bytes wherever and in whatever order they are given.
 */
import type { KeyObject } from "node:crypto";
import { join } from "node:path";
import { ATTACK_FRAMEWORK_ID } from "../assess/attestations.js";
import { loadAttackCatalog } from "../catalogs/attack/load.js";
import type { AttackCatalog } from "../catalogs/attack/schema.js";
import type { ChainLink, Manifest } from "../pack/manifest.js";
import { checkPackDestination, writePack } from "../pack/write-pack.js";
import type { RenderedFile } from "../report/contract.js";
import { loadTemplates } from "../report/template-loader.js";
import { TOOL_VERSION } from "../version.js";
import { checkOrgPacks } from "./check-packs.js";
import { combineOrgPacks } from "./combine.js";
import type { FleetFormat, FleetReportInput } from "./contract.js";
import { FLEET_FORMATS } from "./formats/index.js";
import { type OrgPack, readOrgPack } from "./read-org-pack.js";
import { FLEET_DIR, type FleetAssessment } from "./schema.js";

export interface WriteFleetPackOptions {
  /** The org packs' folders, in any order. */
  orgPackDirs: string[];
  /** The fleet's folder: the fleet pack goes to `<outDir>/fleet/`, beside the org packs' `<outDir>/<org>/`. */
  outDir: string;
  /** Replace an existing fleet pack (`--force`). */
  replace?: boolean;
  /** Signs the fleet pack's manifest into manifest.json.sig. */
  signingKey?: KeyObject | null;
  /** Given, every org pack must carry a valid signature under this key. */
  publicKey?: KeyObject | null;
  templatesDir?: string | null;
  /** The formats to render (default: the registry); tests pass their own. */
  formats?: readonly FleetFormat[];
  /** Where the fleet pack goes instead of `<outDir>/fleet/`: a scheduled job's `<job>/fleet/<run>/`. */
  packDir?: string;
  /** A scheduled run's link to the fleet's previous run, recorded in the manifest (the one thing not from the org packs). */
  chain?: ChainLink;
  /** Where each org's report.html is from the fleet's, when the org packs are not beside it (a scheduled job's histories). */
  orgPages?: (org: string) => string;
  /** Abandons rendering (e.g. on SIGTERM) before the pack is written. */
  signal?: AbortSignal;
}

export interface WrittenFleetPack {
  /** `<outDir>/fleet`. */
  dir: string;
  manifest: Manifest;
  fleet: FleetAssessment;
  /** Orgs whose packs are signed but were read without a public key to check the signature. */
  signaturesNotChecked: string[];
}

/** `<org>/<collector>` for every collector an org could not collect. */
function missingEvidence(fleet: FleetAssessment): string[] {
  return fleet.orgs.flatMap((org) => org.missing_evidence.map((collector) => `${org.name}/${collector}`));
}

/**
 * The shipped ATT&CK catalog, for tactic names and matrix order, when it is the version the org packs
 * were assessed with; otherwise none, and the views list techniques without the tactic layout.
 */
async function attackCatalogOf(fleet: FleetAssessment): Promise<AttackCatalog | null> {
  const version = fleet.catalogs[ATTACK_FRAMEWORK_ID];
  if (fleet.attack === null || version === undefined) return null;
  const shipped = await loadAttackCatalog();
  return shipped.version === version ? shipped : null;
}

export async function writeFleetPack(options: WriteFleetPackOptions): Promise<WrittenFleetPack> {
  const dir = options.packDir ?? join(options.outDir, FLEET_DIR);
  // Every input is read and checked before anything is written.
  const packs: OrgPack[] = [];
  for (const orgPackDir of options.orgPackDirs)
    packs.push(await readOrgPack(orgPackDir, { publicKey: options.publicKey ?? null }));
  checkOrgPacks(packs);
  const fleet = combineOrgPacks(packs);
  const templates = await loadTemplates(options.templatesDir ?? null);
  await checkPackDestination(dir, { replace: options.replace });

  const input: FleetReportInput = {
    fleet,
    templates,
    versions: { ddproof: TOOL_VERSION, ...fleet.catalogs },
    attack: await attackCatalogOf(fleet),
    ...(options.orgPages ? { orgPages: options.orgPages } : {}),
  };
  const formats = (options.formats ?? FLEET_FORMATS).filter((format) => format.kinds.includes(fleet.kind));
  const files: RenderedFile[] = [];
  for (const format of formats) {
    options.signal?.throwIfAborted();
    files.push(...(await format.render(input)));
  }
  options.signal?.throwIfAborted();

  const manifest = await writePack(
    dir,
    files,
    {
      tool: { name: "ddproof", version: TOOL_VERSION },
      kind: fleet.kind,
      period: fleet.period,
      collected_at: fleet.collected_at,
      complete: fleet.complete,
      missing_evidence: missingEvidence(fleet),
      catalogs: fleet.catalogs,
      fleet: {
        orgs: fleet.orgs.map((org) => ({
          name: org.name,
          manifest_sha256: org.manifest_sha256,
          complete: org.complete,
        })),
      },
      ...(options.chain ? { chain: options.chain } : {}),
    },
    { replace: options.replace, signingKey: options.signingKey ?? null },
  );
  const signaturesNotChecked = fleet.orgs
    .filter((org) => packs.some((pack) => pack.name === org.name && pack.signature === "not-checked"))
    .map((org) => org.name);
  return { dir, manifest, fleet, signaturesNotChecked };
}
