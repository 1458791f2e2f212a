/**
 * Reading and writing snapshot files. A snapshot from another schema version
 * is refused with the versions this ddproof reads, rather than misread.
 */
import { readFile } from "node:fs/promises";
import { InputError, parseOrThrow } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { Snapshot, SUPPORTED_SNAPSHOT_VERSIONS } from "./schema.js";

export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new InputError(
      `${file}: cannot read the snapshot (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${file}: not a JSON snapshot (${(error as Error).message})`);
  }
  const version = (json as { schema_version?: unknown } | null)?.schema_version;
  if (!SUPPORTED_SNAPSHOT_VERSIONS.includes(version as never)) {
    throw new InputError(
      `${file}: snapshot schema_version ${JSON.stringify(version ?? null)} is not supported; this ddproof reads version ${SUPPORTED_SNAPSHOT_VERSIONS.join(", ")}`,
    );
  }
  return parseOrThrow(Snapshot, json, file);
}

/** Snapshots are security evidence: readable by the owner and group, like packs, not by the world. */
const SNAPSHOT_MODE = 0o640;

export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(Snapshot.parse(snapshot), null, 2)}\n`, SNAPSHOT_MODE);
}
