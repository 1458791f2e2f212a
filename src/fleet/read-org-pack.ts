/**
 * Reads one org pack for the fleet: verified first (every listed file
 * present and unchanged, nothing added, and with a public key a valid
 * signature), then the manifest, assessment.json, the snapshot's org and,
 * in a gap pack, actions.json. Each file read is checked once more against
 * the manifest's SHA-256 as it is read, so what the fleet combines is
 * exactly what was verified, even if the folder changes meanwhile.
 */
import { createHash, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { Assessment } from "../assess/schema.js";
import { InputError, parseOrThrow } from "../errors.js";
import { parseJsonText } from "../io/read-json.js";
import { MANIFEST_FILE, Manifest, readManifestBytes } from "../pack/manifest.js";
import { SIGNATURE_FILE } from "../pack/sign.js";
import { type SignatureCheck, type VerifyResult, verifyPack } from "../pack/verify.js";
import { Plan } from "../plan/plan.js";
import { ACTIONS_JSON } from "../report/formats/actions-json.js";
import { ASSESSMENT_JSON } from "../report/formats/assessment-json.js";
import { SNAPSHOT_JSON } from "../report/formats/snapshot-json.js";
import { Snapshot } from "../snapshot/schema.js";
import type { OrgName } from "./org-name.js";

/** An org pack that fails verification: the merge stops, and the CLI exits 1 as `verify` does. */
export class OrgPackNotIntact extends Error {
  override readonly name = "OrgPackNotIntact";
}

/** Only the snapshot's `org` is needed; the rest of the file is verified by its hash. */
const SnapshotOrg = z.object({ org: Snapshot.shape.org });
export type SnapshotOrg = z.infer<typeof SnapshotOrg>["org"];

export interface OrgPack {
  /** The folder as given (for messages only: a fleet pack never records it). */
  dir: string;
  name: OrgName;
  manifest: Manifest;
  /** SHA-256 of manifest.json's bytes, which hash every other file of the pack. */
  manifestSha256: string;
  assessment: Assessment;
  snapshotOrg: SnapshotOrg;
  /** The ranked next actions of a gap pack; null for other kinds. */
  plan: Plan | null;
  /** `not-checked`: signed, but no public key was given to check it with. */
  signature: SignatureCheck;
}

export interface ReadOrgPackOptions {
  /** Given, every org pack must carry a valid signature under this key. */
  publicKey?: KeyObject | null;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const SIGNATURE_PROBLEMS: Partial<Record<VerifyResult["signature"], string>> = {
  bad: `${SIGNATURE_FILE} does not match ${MANIFEST_FILE} under the public key`,
  missing: `no ${SIGNATURE_FILE}, and a public key was given`,
};

function notIntact(dir: string, result: VerifyResult): OrgPackNotIntact {
  const problems = [
    ...(SIGNATURE_PROBLEMS[result.signature] ? [`signature: ${SIGNATURE_PROBLEMS[result.signature]}`] : []),
    ...(result.changed.length > 0 ? [`changed: ${result.changed.join(", ")}`] : []),
    ...(result.missing.length > 0 ? [`missing: ${result.missing.join(", ")}`] : []),
    ...(result.added.length > 0 ? [`added: ${result.added.join(", ")}`] : []),
  ];
  return new OrgPackNotIntact(
    `${dir}: the org pack is NOT intact (${problems.join("; ")}); \`ddproof verify\` lists what differs`,
  );
}

/** A listed file's bytes, refused unless they still match the manifest. */
async function readListed(dir: string, manifest: Manifest, path: string, why: string): Promise<Buffer> {
  const entry = manifest.files.find((file) => file.path === path);
  if (entry === undefined) throw new InputError(`${join(dir, MANIFEST_FILE)}: files: expected ${path} (${why})`);
  const bytes = await readFile(join(dir, ...path.split("/"))).catch(() => null);
  if (bytes === null || sha256(bytes) !== entry.sha256)
    throw new OrgPackNotIntact(`${dir}: the org pack is NOT intact (changed: ${path}, while it was being read)`);
  return bytes;
}

async function readListedJson<T extends z.ZodType>(
  dir: string,
  manifest: Manifest,
  path: string,
  schema: T,
  why: string,
): Promise<z.infer<T>> {
  const file = join(dir, path);
  const bytes = await readListed(dir, manifest, path, why);
  return parseOrThrow(schema, parseJsonText(bytes.toString("utf8"), file), file);
}

/** The manifest's `org`, or a refusal that says how to write a pack that has one. */
function orgOf(dir: string, manifest: Manifest): OrgName {
  const file = join(dir, MANIFEST_FILE);
  if (manifest.fleet !== undefined)
    throw new InputError(`${file}: fleet: this is a fleet pack; give the org packs it was made from`);
  if (manifest.org === undefined)
    throw new InputError(
      `${file}: org: missing; the pack does not say which org it is of: write it with \`ddproof pack --org NAME\``,
    );
  return manifest.org;
}

export async function readOrgPack(dir: string, options: ReadOrgPackOptions = {}): Promise<OrgPack> {
  const manifestFile = join(dir, MANIFEST_FILE);
  const manifestBytes = await readManifestBytes(dir);
  const result = await verifyPack(dir, { publicKey: options.publicKey ?? null });
  if (!result.ok || result.manifest === null) throw notIntact(dir, result);
  const manifest = parseOrThrow(Manifest, parseJsonText(manifestBytes.toString("utf8"), manifestFile), manifestFile);
  // verifyPack read the manifest again: both reads must be the same document.
  if (!isDeepStrictEqual(manifest, result.manifest))
    throw new OrgPackNotIntact(
      `${dir}: the org pack is NOT intact (changed: ${MANIFEST_FILE}, while it was being read)`,
    );
  const name = orgOf(dir, manifest);
  const assessment = await readListedJson(
    dir,
    manifest,
    ASSESSMENT_JSON,
    Assessment,
    "every pack carries its assessment",
  );
  const snapshot = await readListedJson(dir, manifest, SNAPSHOT_JSON, SnapshotOrg, "every pack carries its snapshot");
  const plan =
    manifest.kind === "gap"
      ? await readListedJson(dir, manifest, ACTIONS_JSON, Plan, "a gap pack carries its next actions")
      : null;
  return {
    dir,
    name,
    manifest,
    manifestSha256: sha256(manifestBytes),
    assessment,
    snapshotOrg: snapshot.org,
    plan,
    signature: result.signature,
  };
}
