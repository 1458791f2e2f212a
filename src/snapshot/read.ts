/**
 * Reading and writing snapshot files. A snapshot from another schema version
 * is refused with the versions this ddproof reads, rather than misread.
 */
import { InputError, parseOrThrow } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { readJsonFile } from "../io/read-json.js";
import { Snapshot, SUPPORTED_SNAPSHOT_VERSIONS } from "./schema.js";

export async function readSnapshot(file: string): Promise<Snapshot> {
  const json = await readJsonFile(file, "the snapshot");
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
