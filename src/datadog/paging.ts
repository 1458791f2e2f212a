/**
 * The paging styles Datadog's list endpoints use. Each yields one page of
 * items at a time so callers can stream; none trusts a reported total.
 */

/** Page-number paging: stop on a short (or empty) page. */
export async function* pagesByNumber<T>(
  fetchPage: (pageNumber: number, pageSize: number) => Promise<T[]>,
  pageSize: number,
  firstPage = 0,
): AsyncGenerator<T[]> {
  for (let page = firstPage; ; page += 1) {
    const items = await fetchPage(page, pageSize);
    if (items.length > 0) yield items;
    if (items.length < pageSize) return;
  }
}

/** Offset paging (`start`/`count`): stop on a short page. */
export async function* pagesByOffset<T>(
  fetchPage: (start: number, count: number) => Promise<T[]>,
  count: number,
): AsyncGenerator<T[]> {
  for (let start = 0; ; start += count) {
    const items = await fetchPage(start, count);
    if (items.length > 0) yield items;
    if (items.length < count) return;
  }
}

/** Cursor paging: follow `next` until the server stops giving one. */
export async function* pagesByCursor<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; next: string | undefined }>,
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  const seen = new Set<string>();
  for (;;) {
    const { items, next } = await fetchPage(cursor);
    if (items.length > 0) yield items;
    if (!next) return;
    // A server handing back a cursor it already gave would loop forever.
    if (seen.has(next)) throw new Error(`the server repeated the page cursor "${next.slice(0, 40)}"`);
    seen.add(next);
    cursor = next;
  }
}
