/**
 * Writes a pack folder so that it either appears whole or not at all.
 *
 * Files go into a hidden sibling folder first, each hashed as it is written;
 * the manifest is written last (and, given a key, its signature beside it);
 * then the folder is renamed into place. An
 * existing pack at the destination is swapped out only after the new one is
 * complete. A crash or error leaves the destination as it was.
 */
import { createHash, type KeyObject, randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { finished } from "node:stream/promises";
import { InputError } from "../errors.js";
import { fsyncFile } from "../io/fsync.js";
import type { RenderedFile } from "../report/contract.js";
import { assertFolderPossible } from "../snapshot/output-folder.js";
import { MANIFEST_FILE, MANIFEST_FORMAT, type Manifest, type ManifestEntry } from "./manifest.js";
import { assertSafePackPath } from "./safe-path.js";
import { SIGNATURE_FILE, signManifest } from "./sign.js";

/** Packs hold security evidence: readable by the owner and group, not the world. */
const FILE_MODE = 0o640;
const DIR_MODE = 0o750;

export type PackHeader = Omit<Manifest, "format" | "files">;

async function writeOne(root: string, file: RenderedFile): Promise<ManifestEntry> {
  assertSafePackPath(file.path);
  const target = join(root, ...file.path.split("/"));
  await mkdir(dirname(target), { recursive: true, mode: DIR_MODE });
  const hash = createHash("sha256");
  let size = 0;
  const stream = createWriteStream(target, { mode: FILE_MODE, flags: "wx" });
  // A failed write (a full disk) arrives as the stream's 'error' event, possibly
  // between two writes; unheard, it would crash the process and strand the staging.
  let failure: Error | null = null;
  stream.on("error", (error) => {
    failure ??= error;
  });
  const write = async (chunk: string | Uint8Array) => {
    if (failure) throw failure;
    const bytes = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    hash.update(bytes);
    size += bytes.length;
    // `once` rejects if the stream fails while we wait for it to drain.
    if (!stream.write(bytes)) await once(stream, "drain");
  };
  try {
    if ("bytes" in file) await write(file.bytes);
    else if ("text" in file) await write(file.text);
    else for await (const chunk of file.chunks()) await write(chunk);
    stream.end();
    await finished(stream);
    if (failure) throw failure;
  } catch (error) {
    stream.destroy();
    throw error;
  }
  await fsyncFile(target);
  return { path: file.path, size, sha256: hash.digest("hex") };
}

async function isPackOrEmpty(dir: string): Promise<"absent" | "empty" | "pack" | "other"> {
  const info = await stat(dir).catch(() => null);
  if (!info) return "absent";
  if (!info.isDirectory()) return "other";
  const names = await readdir(dir);
  if (names.length === 0) return "empty";
  return names.includes(MANIFEST_FILE) ? "pack" : "other";
}

export interface WritePackOptions {
  /** Replace an existing pack at the destination (never any other folder). */
  replace?: boolean;
  /** Ed25519 private key: the manifest is signed into manifest.json.sig, inside the same atomic write. */
  signingKey?: KeyObject | null;
}

type Destination = Awaited<ReturnType<typeof isPackOrEmpty>>;

/**
 * Checks, without writing anything, that a pack may be written at `outDir`.
 * Callers run it before rendering, so a wrong destination is an input error
 * at once rather than after seconds of work; writePack runs it again.
 */
export async function checkPackDestination(outDir: string, options: WritePackOptions = {}): Promise<Destination> {
  const destination = resolve(outDir);
  const existing = await isPackOrEmpty(destination);
  if (existing === "other")
    throw new InputError(`${outDir}: exists and is not a ddproof pack; choose an empty or new folder`);
  if (existing === "pack" && !options.replace)
    throw new InputError(`${outDir}: a pack already exists there; use --force to replace it`);
  await assertFolderPossible(dirname(destination), outDir, "a pack");
  return existing;
}

/** A failed write (full disk, I/O error) named for what it is, not as a crash. */
function writeFailure(outDir: string, error: unknown): unknown {
  if (error instanceof InputError || typeof (error as NodeJS.ErrnoException).code !== "string") return error;
  return new Error(
    `${outDir}: the pack could not be written (${(error as Error).message}); the destination was left as it was`,
    { cause: error },
  );
}

export async function writePack(
  outDir: string,
  files: readonly RenderedFile[],
  header: PackHeader,
  options: WritePackOptions = {},
): Promise<Manifest> {
  const destination = resolve(outDir);
  const existing = await checkPackDestination(outDir, options);

  const seen = new Set<string>();
  for (const file of files) {
    assertSafePackPath(file.path);
    if (file.path === MANIFEST_FILE || file.path === SIGNATURE_FILE || seen.has(file.path))
      throw new Error(`two renderers produced "${file.path}"`);
    seen.add(file.path);
  }

  const suffix = randomBytes(6).toString("hex");
  const staging = join(dirname(destination), `.${basename(destination)}.partial-${suffix}`);
  await mkdir(dirname(destination), { recursive: true });
  await mkdir(staging, { mode: DIR_MODE });
  try {
    const entries: ManifestEntry[] = [];
    for (const file of files) entries.push(await writeOne(staging, file));
    entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    const manifest: Manifest = { format: MANIFEST_FORMAT, ...header, files: entries };
    const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, "utf8");
    await writeOne(staging, { path: MANIFEST_FILE, bytes: manifestBytes });
    if (options.signingKey)
      await writeOne(staging, { path: SIGNATURE_FILE, bytes: signManifest(manifestBytes, options.signingKey) });

    if (existing === "absent") {
      await rename(staging, destination);
    } else {
      // Swap: the old folder moves aside, the new one moves in, then the old one goes.
      const retired = join(dirname(destination), `.${basename(destination)}.old-${suffix}`);
      await rename(destination, retired);
      try {
        await rename(staging, destination);
      } catch (error) {
        await rename(retired, destination);
        throw error;
      }
      await rm(retired, { recursive: true, force: true });
    }
    return manifest;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw writeFailure(outDir, error);
  }
}
