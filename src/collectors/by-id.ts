/**
 * The items of every page, each once. List APIs have been recorded repeating
 * items across and within pages (see RELIABILITY.md), so the last copy of
 * each key is kept. Progress is reported after each page, and the result is
 * sorted by id so two snapshots of the same org compare equal.
 */
import type { CollectorContext } from "./context.js";

/**
 * `keyOf` names an item's key, or null to leave it out; it also receives the
 * item's position in the whole listing (its offset across pages). By default
 * the key is the id, and an item without one is left out.
 */
export async function collectById<T extends { id: string }>(
  ctx: Pick<CollectorContext, "progress">,
  pages: AsyncIterable<readonly T[]>,
  keyOf: (item: T, position: number) => string | null = (item) => item.id || null,
): Promise<T[]> {
  const byKey = new Map<string, T>();
  let position = 0;
  for await (const page of pages) {
    for (const item of page) {
      const key = keyOf(item, position);
      position += 1;
      if (key !== null) byKey.set(key, item);
    }
    ctx.progress(byKey.size);
  }
  return [...byKey.values()].sort((a, b) => a.id.localeCompare(b.id));
}
