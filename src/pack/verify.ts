/**
 * Checks a pack against its manifest: every listed file present with the
 * same size and SHA-256, and nothing added beside them.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import { MANIFEST_FILE, type Manifest, readManifest } from "./manifest.js";

export interface VerifyResult {
  manifest: Manifest;
  ok: boolean;
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

export async function verifyPack(packDir: string): Promise<VerifyResult> {
  const manifest = await readManifest(packDir);
  const changed: string[] = [];
  const missing: string[] = [];
  const listed = new Set(manifest.files.map((file) => file.path));
  for (const entry of manifest.files) {
    const actual = await sha256Of(join(packDir, ...entry.path.split("/")));
    if (actual === null) missing.push(entry.path);
    else if (actual.sha256 !== entry.sha256 || actual.size !== entry.size) changed.push(entry.path);
  }
  const added = (await filesUnder(packDir)).filter((path) => path !== MANIFEST_FILE && !listed.has(path)).sort();
  return { manifest, ok: changed.length + missing.length + added.length === 0, changed, missing, added };
}
