/**
 * manifest.json: the pack's inventory. Every file but the manifest itself,
 * with its size and SHA-256, plus what the pack is (kind, period, versions,
 * completeness). `ddproof verify` checks a pack against it. A signed pack
 * also holds `manifest.json.sig` (sign.ts), which the manifest cannot list.
 * Fields added later are optional, so packs written before them still read.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { InputError, parseOrThrow } from "../errors.js";
import { OrgName } from "../fleet/org-name.js";
import { readJsonFile } from "../io/read-json.js";
import { RUN_ID_PATTERN } from "../schedule/run-id.js";
import { Period } from "../snapshot/schema.js";
import { isSafePackPath } from "./safe-path.js";

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT = "ddproof-pack-manifest/1";

export const ManifestEntry = z.object({
  // A pack may come from elsewhere: a listed path must not lead verify outside the pack.
  path: z.string().refine(isSafePackPath, {
    message: "expected a relative path inside the pack (letters, digits, dots, dashes, underscores; no ..)",
  }),
  size: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

const RunId = z.string().regex(RUN_ID_PATTERN, "expected a run id such as 2026-11-29T020000Z");

/**
 * A scheduled run's place in its job's history: the run before it (and the
 * SHA-256 of that run's manifest.json bytes) and the runs retention removed
 * since that run was written. Signed with the manifest, so a removal or a
 * replaced run shows. `ddproof verify-history` walks it.
 */
export const ChainLink = z.object({
  job: z.string(),
  run: RunId,
  /** Null for the job's first run with a pack. `manifest_sha256` is null when that pack could not be read. */
  previous: z
    .object({
      run: RunId,
      manifest_sha256: z
        .string()
        .regex(/^[0-9a-f]{64}$/)
        .nullable(),
    })
    .nullable(),
  retention_removed: z.array(RunId),
});
export type ChainLink = z.infer<typeof ChainLink>;

/** The org packs a fleet pack was made from; their manifests hash every file they hold. */
export const FleetLink = z.object({
  orgs: z.array(
    z.object({
      name: OrgName,
      manifest_sha256: z.string().regex(/^[0-9a-f]{64}$/),
      complete: z.boolean(),
    }),
  ),
});
export type FleetLink = z.infer<typeof FleetLink>;

export const Manifest = z.object({
  format: z.literal(MANIFEST_FORMAT),
  tool: z.object({ name: z.literal("ddproof"), version: z.string() }),
  kind: z.enum(["gap", "evidence", "attack"]),
  period: Period,
  collected_at: z.string(),
  /** False when a collector failed: the pack is incomplete evidence. */
  complete: z.boolean(),
  /** Failed collectors, when incomplete. */
  missing_evidence: z.array(z.string()),
  /** Catalog id → version, as assessed. */
  catalogs: z.record(z.string(), z.string()),
  files: z.array(ManifestEntry),
  /** Scheduled runs only; absent in packs written before the history was chained. */
  chain: ChainLink.optional(),
  /** The org this pack is of, when it was written as one org of a fleet (`--org`, `--all-orgs`). */
  org: OrgName.optional(),
  /** A fleet pack only: the org packs it combines, each by name and the SHA-256 of its manifest.json bytes. */
  fleet: FleetLink.optional(),
});
export type Manifest = z.infer<typeof Manifest>;

export async function readManifest(packDir: string): Promise<Manifest> {
  const file = join(packDir, MANIFEST_FILE);
  return parseOrThrow(Manifest, await readJsonFile(file, "the pack manifest"), file);
}

/** The manifest's bytes as written: what the signature and the history chain cover. */
export async function readManifestBytes(packDir: string): Promise<Buffer> {
  const file = join(packDir, MANIFEST_FILE);
  try {
    return await readFile(file);
  } catch (error) {
    throw new InputError(`${file}: cannot read the pack manifest (${(error as NodeJS.ErrnoException).code ?? error})`);
  }
}
