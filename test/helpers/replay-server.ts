/**
 * An HTTP server on 127.0.0.1 that answers with real recorded Datadog
 * responses, so the real collectors, through the official client, read real
 * bodies. Started by a test on a random port and closed by it.
 *
 * A route is one method + path and the responses recorded for it, in order.
 * Query parameters and bodies the collector varies (page sizes, time filters)
 * do not select a response; they are kept in `requests` for the test to check.
 * Paging follows the recording:
 * - a request that carries a cursor (`page[cursor]` in the query, or
 *   `page.cursor` in the body) gets the response recorded for that cursor;
 *   an unknown cursor gets 404;
 * - any other request gets the first response not yet served, and once all
 *   have been served, the last one again (a recording ends on its last page);
 * - a search (absolute `filter.from`/`filter.to` in the body) that asks the
 *   window a recorded search asked (each edge within two seconds: the second
 *   the client rounds to, and the second the collectors widen each edge by)
 *   gets what that search got, whatever times its items carry: the
 *   API does return items outside the window asked. Otherwise it gets the
 *   first response not yet served whose items (`data[].attributes.timestamp`)
 *   all lie in the window asked, so a collector that cuts a period into time
 *   slices gets each recorded item once, in the slice that covers its time.
 * A request to a path with no route gets 404, so a collector that asks for
 * something unrecorded fails loudly.
 */
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { readRequestBody } from "./local-server.js";
import { bodyOf, type RecordedExchange, type Recording, wireText } from "./recordings.js";

export interface ReplayResponse {
  status: number;
  contentType: string;
  text: string;
  /** The cursor the recorded request carried, when it carried one. */
  cursor: string | null;
  /** Epoch ms of each item in the body (`data[].attributes.timestamp`). */
  itemTimes: number[];
  /** The absolute time window the recorded search asked for, when it named one. */
  window: { from: number; to: number } | null;
}

export interface ReplayRoute {
  method: string;
  path: string;
  responses: ReplayResponse[];
}

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
}

export interface ReplayServer {
  readonly url: string;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function cursorOf(query: Record<string, string>, body: unknown): string | null {
  if (query["page[cursor]"]) return query["page[cursor]"];
  const page = (body as { page?: { cursor?: unknown } } | null)?.page;
  return typeof page?.cursor === "string" && page.cursor !== "" ? page.cursor : null;
}

function itemTimes(body: unknown): number[] {
  const items = (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(items)) return [];
  return items.map((item) =>
    Date.parse(String((item as { attributes?: { timestamp?: unknown } }).attributes?.timestamp)),
  );
}

const ROUNDING_MS = 1000;
/** How far a collector's request edge may lie from the recorded one and still be the same window: rounding plus widening. */
const SAME_WINDOW_MS = 2 * ROUNDING_MS;

/** The time window a search asks for, when it names one in absolute times. */
function windowOf(body: unknown): { from: number; to: number } | null {
  const filter = (body as { filter?: { from?: unknown; to?: unknown } } | null)?.filter;
  const from = Date.parse(String(filter?.from));
  const to = Date.parse(String(filter?.to));
  return Number.isFinite(from) && Number.isFinite(to) ? { from, to } : null;
}

function replayResponse(exchange: RecordedExchange): ReplayResponse {
  return {
    status: exchange.response.status,
    contentType: exchange.response.headers["content-type"] ?? "application/json",
    text: wireText(exchange.response),
    cursor: cursorOf(exchange.request.query, bodyOf(exchange.request)),
    itemTimes: itemTimes(bodyOf(exchange.response)),
    window: windowOf(bodyOf(exchange.request)),
  };
}

/** Every exchange of a recording, served in recorded order on the recording's own method and path. */
export function recordedRoute(recording: Recording): ReplayRoute {
  const first = recording.exchanges[0];
  if (!first) throw new Error(`${recording.endpoint}/${recording.name} has no exchange`);
  const other = recording.exchanges.find(
    (exchange) => exchange.request.method !== first.request.method || exchange.request.path !== first.request.path,
  );
  if (other)
    throw new Error(
      `${recording.endpoint}/${recording.name} mixes ${first.request.path} and ${other.request.path}; compose a list instead`,
    );
  return { method: first.request.method, path: first.request.path, responses: recording.exchanges.map(replayResponse) };
}

/**
 * A list response made of items recorded one at a time (no recording of the
 * list exists): `{ [key]: [item, …] }`. The wrapper is ours; each item is a
 * recorded body, unchanged, taken by `item` from the exchange's response.
 */
export function composedListRoute(
  method: string,
  path: string,
  key: string,
  exchanges: RecordedExchange[],
  item: (body: unknown) => unknown = (body) => body,
): ReplayRoute {
  const items = exchanges.map((exchange) => item(bodyOf(exchange.response)));
  const text = JSON.stringify({ [key]: items });
  return {
    method,
    path,
    responses: [{ status: 200, contentType: "application/json", text, cursor: null, itemTimes: [], window: null }],
  };
}

/** Which recorded response answers a request (see the rules at the top); -1 for none. */
function chooseResponse(route: ReplayRoute, used: Set<number>, query: Record<string, string>, body: unknown): number {
  const cursor = cursorOf(query, body);
  if (cursor) return route.responses.findIndex((candidate) => candidate.cursor === cursor);
  const unused = (position: number) => !used.has(position);
  const window = windowOf(body);
  if (window) {
    const near = (a: number, b: number) => Math.abs(a - b) <= SAME_WINDOW_MS;
    const same = route.responses.findIndex(
      (candidate, position) =>
        unused(position) &&
        candidate.window !== null &&
        near(candidate.window.from, window.from) &&
        near(candidate.window.to, window.to),
    );
    if (same >= 0) return same;
  }
  const fits = (times: number[]) =>
    !window || times.every((time) => time >= window.from - ROUNDING_MS && time < window.to + ROUNDING_MS);
  const next = route.responses.findIndex((candidate, position) => unused(position) && fits(candidate.itemTimes));
  return next >= 0 ? next : route.responses.length - 1;
}

function send(response: ServerResponse, status: number, contentType: string, text: string): void {
  response.writeHead(status, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  response.end(text);
}

export async function startReplayServer(routes: ReplayRoute[]): Promise<ReplayServer> {
  const served = new Map<ReplayRoute, Set<number>>(routes.map((route) => [route, new Set<number>()]));
  const requests: ReceivedRequest[] = [];
  const server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? "/", "http://127.0.0.1");
      const query = Object.fromEntries(url.searchParams);
      const body = await readRequestBody(request);
      requests.push({ method: request.method ?? "GET", path: url.pathname, query, body });
      const route = routes.find((candidate) => candidate.method === request.method && candidate.path === url.pathname);
      if (!route) {
        send(
          response,
          404,
          "application/json",
          JSON.stringify({ errors: [`no recording for ${request.method} ${url.pathname}`] }),
        );
        return;
      }
      const used = served.get(route)!;
      const chosen = chooseResponse(route, used, query, body);
      if (chosen < 0) {
        send(
          response,
          404,
          "application/json",
          JSON.stringify({ errors: [`no recording for cursor ${cursorOf(query, body)}`] }),
        );
        return;
      }
      used.add(chosen);
      const recorded = route.responses[chosen]!;
      send(response, recorded.status, recorded.contentType, recorded.text);
    })().catch((error: unknown) => {
      send(response, 500, "application/json", JSON.stringify({ errors: [String(error)] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
