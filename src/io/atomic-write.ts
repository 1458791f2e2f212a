/**
 * Atomic file writes: write a temporary file beside the target, then rename.
 * A reader (or a crash) never sees a half-written file under the final name.
 */
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { finished } from "node:stream/promises";
import { fsyncFile } from "./fsync.js";

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.tmp-${randomBytes(6).toString("hex")}`);
}

export async function writeFileAtomic(target: string, data: string | Uint8Array, mode = 0o644): Promise<void> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  try {
    await writeFile(temp, data, { mode });
    await fsyncFile(temp);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * A line-oriented writer for large population files: streams to a temporary
 * file and renames on `commit()`. `abort()` removes the temporary file.
 */
export interface AtomicLineWriter {
  /** Writes one line (a newline is added). */
  write(line: string): Promise<void>;
  /** Writes text as it is. */
  append(text: string): Promise<void>;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

export async function openAtomicLineWriter(target: string, mode = 0o644): Promise<AtomicLineWriter> {
  await mkdir(dirname(target), { recursive: true });
  const temp = tempPathFor(target);
  const stream = createWriteStream(temp, { mode });
  // A write error (a full disk) must reach the caller as an error, never as an
  // unhandled event that ends the process or a drain that never comes.
  let failure: Error | null = null;
  stream.on("error", (error) => {
    failure ??= error;
  });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    stream.end();
    await finished(stream);
  };
  const append = async (text: string) => {
    if (failure) throw failure;
    if (!stream.write(text)) await once(stream, "drain");
  };
  return {
    write: (line: string) => append(`${line}\n`),
    append,
    async commit() {
      if (failure) throw failure;
      await close();
      await fsyncFile(temp);
      await rename(temp, target);
    },
    async abort() {
      try {
        await close();
      } catch {
        // The write already failed; removing the temporary file is all that is left.
      } finally {
        await rm(temp, { force: true });
      }
    },
  };
}
