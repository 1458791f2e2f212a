/**
 * Routes for the replay server whose bodies a test writes itself, shaped like
 * the recorded ones, for what no recording holds: a field left out, an
 * unknown enum value, a bucket outside the period. Each page answers once, in
 * order; a page given a cursor answers the request that carries that cursor.
 */
import type { ReplayResponse, ReplayRoute } from "./replay-server.js";

export interface WirePage {
  body: unknown;
  /** The cursor the request for this page carries (none for the first page). */
  cursor?: string;
}

export function wireRoute(method: string, path: string, pages: WirePage[]): ReplayRoute {
  const responses: ReplayResponse[] = pages.map((page) => ({
    status: 200,
    contentType: "application/json",
    text: JSON.stringify(page.body),
    cursor: page.cursor ?? null,
    // Served whatever time window a search asks: these bodies test what the collector keeps.
    itemTimes: [],
    window: null,
  }));
  return { method, path, responses };
}
