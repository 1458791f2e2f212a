/**
 * Checks a pack against its manifest: every listed file present with the
 * same size and SHA-256, and nothing added beside them. The signature file
 * belongs to the pack without being listed; given a public key, it must be
 * present and match the manifest's bytes.
 */
import { createHash, type KeyObject } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { InputError, parseOrThrow } from "../errors.js";
import { parseJsonText } from "../io/read-json.js";
import { MANIFEST_FILE, Manifest, readManifestBytes } from "./manifest.js";
import { SIGNATURE_FILE, signatureMatches } from "./sign.js";

/**
 * valid / bad / missing: checked with a public key. not-checked: a signature
 * is there but no key was given. unsigned: neither.
 */
export type SignatureCheck = "valid" | "bad" | "missing" | "not-checked" | "unsigned";

export interface VerifyOptions {
  publicKey?: KeyObject | null;
}

export interface VerifyResult {
  /** Null only when the manifest fails its signature and cannot even be read. */
  manifest: Manifest | null;
  ok: boolean;
  signature: SignatureCheck;
  changed: string[];
  missing: string[];
  added: string[];
}

async function sha256Of(file: string): Promise<{ sha256: string; size: number } | null> {
  const hash = createHash("sha256");
  let size = 0;
  try {
    for await (const chunk of createReadStream(file)) {
      hash.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return { sha256: hash.digest("hex"), size };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => !entry.isDirectory())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join("/"));
}

async function readSignature(packDir: string): Promise<Buffer | null> {
  try {
    return await readFile(join(packDir, SIGNATURE_FILE));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new InputError(`${join(packDir, SIGNATURE_FILE)}: cannot read the signature (${code ?? error})`);
  }
}

async function checkSignature(packDir: string, manifestBytes: Buffer, key: KeyObject | null): Promise<SignatureCheck> {
  const signature = await readSignature(packDir);
  if (key === null) return signature === null ? "unsigned" : "not-checked";
  if (signature === null) return "missing";
  return signatureMatches(manifestBytes, signature, key) ? "valid" : "bad";
}

export async function verifyPack(packDir: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const bytes = await readManifestBytes(packDir);
  const signature = await checkSignature(packDir, bytes, options.publicKey ?? null);
  let manifest: Manifest;
  try {
    const file = join(packDir, MANIFEST_FILE);
    manifest = parseOrThrow(Manifest, parseJsonText(bytes.toString("utf8"), file), file);
  } catch (error) {
    // A manifest altered past reading still fails as tampered when its signature says so.
    if (signature !== "bad") throw error;
    return { manifest: null, ok: false, signature, changed: [MANIFEST_FILE], missing: [], added: [] };
  }
  const changed: string[] = [];
  const missing: string[] = [];
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const entry of manifest.files) {
    const actual = await sha256Of(join(packDir, ...entry.path.split("/")));
    if (actual === null) missing.push(entry.path);
    else if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) changed.push(entry.path);
  }
  const added = (await filesUnder(packDir))
    .filter((path) => path !== MANIFEST_FILE && path !== SIGNATURE_FILE && !listed.has(path))
    .sort();
  const signed = signature !== "bad" && signature !== "missing";
  return {
    manifest,
    ok: signed && changed.length + missing.length + added.length === 0,
    signature,
    changed,
    missing,
    added,
  };
}
