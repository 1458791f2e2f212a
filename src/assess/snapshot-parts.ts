/**
 * Reading collector parts out of a snapshot. A check only reads a part after
 * the runner has confirmed it is `ok`, so a failed collector can never be
 * read as "nothing found".
 */
import type { CollectorId, PartData, Snapshot } from "../snapshot/schema.js";

export interface FailedCollector {
  id: CollectorId;
  error: string;
}

export function failedCollectors(snapshot: Snapshot, ids: readonly CollectorId[]): FailedCollector[] {
  const failed: FailedCollector[] = [];
  for (const id of ids) {
    const part = snapshot.collectors[id];
    if (part.status === "error") failed.push({ id, error: part.error });
  }
  return failed;
}

/** The data of an `ok` part; asking for a failed one is a bug in the caller. */
export function partData<K extends CollectorId>(snapshot: Snapshot, id: K): PartData<K> {
  const part = snapshot.collectors[id];
  if (part.status !== "ok") throw new Error(`the ${id} part was read although its collector failed`);
  return part.data as PartData<K>;
}

/** The data of a part, or null when its collector failed (for scoring that degrades to a lower bound). */
export function partDataOrNull<K extends CollectorId>(snapshot: Snapshot, id: K): PartData<K> | null {
  const part = snapshot.collectors[id];
  return part.status === "ok" ? (part.data as PartData<K>) : null;
}
