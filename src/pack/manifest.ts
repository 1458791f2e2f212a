/**
 * manifest.json: the pack's inventory. Every file but the manifest itself,
 * with its size and SHA-256, plus what the pack is (kind, period, versions,
 * completeness). `ddproof verify` checks a pack against it.
 */
import { join } from "node:path";
import { z } from "zod";
import { parseOrThrow } from "../errors.js";
import { readJsonFile } from "../io/read-json.js";
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
});
export type Manifest = z.infer<typeof Manifest>;

export async function readManifest(packDir: string): Promise<Manifest> {
  const file = join(packDir, MANIFEST_FILE);
  return parseOrThrow(Manifest, await readJsonFile(file, "the pack manifest"), file);
}
