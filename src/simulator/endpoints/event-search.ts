/**
 * What the two cursor-paged search endpoints (signals, Audit Trail) share:
 * reading `filter` / `page` / `sort` from the body, matching the query
 * against an event's wire attributes, and walking a lazily generated
 * timeline from a cursor. A cursor is base64 of `{"startAt": "<id>"}`, the id
 * of the first event of the next page, as Datadog's cursors look.
 */

import type { OrgModel } from "../org/demo-org.js";
import type { Timeline, TimelinePosition } from "../org/timeline.js";
import { RawJson } from "../raw-json.js";
import { type FieldLookup, matchesQuery, parseSearchQuery, type QueryNode, SearchQueryError } from "../search-query.js";
import { parseTimeExpression } from "../time-expr.js";
import { BadRequest, type Endpoint, type Json, ok } from "./endpoint.js";
import { asObject, deleteFromFirstItem, optionalInt, optionalString, setOnFirstItem } from "./params.js";

const MAX_PAGE_LIMIT = 1000;
/**
 * Datadog has been recorded answering a search with events outside the
 * requested window (a day older than `filter.from`). The simulator does the
 * same, on a smaller scale so a quarter stays cheap: every search also
 * returns the events of the minute before `filter.from`. A client has to
 * enforce its own window. Nothing spills past `filter.to`, so a client that
 * loses the end of its window (the official client drops the milliseconds of
 * `filter.to`) is not rescued by the spill.
 */
export const WINDOW_SPILL_MS = 60_000;

export interface SearchRequest {
  fromMs: number;
  /** `filter.to` is the latest timestamp returned (inclusive); this is one past it. */
  toExclusiveMs: number;
  query: QueryNode;
  limit: number;
  cursor: string | undefined;
  descending: boolean;
}

export function parseSearchBody(body: unknown, nowMs: number): SearchRequest {
  const root = asObject(body, "body");
  const filter = asObject(root.filter, "filter");
  const page = asObject(root.page, "page");
  const fromText = filter.from ?? "now-15m";
  const toText = filter.to ?? "now";
  const fromMs = parseTimeExpression(fromText, nowMs);
  const toMs = parseTimeExpression(toText, nowMs);
  if (fromMs === null)
    throw new BadRequest(`filter.from: expected a date-time, epoch ms or date math, got ${JSON.stringify(fromText)}`);
  if (toMs === null)
    throw new BadRequest(`filter.to: expected a date-time, epoch ms or date math, got ${JSON.stringify(toText)}`);
  const sort = root.sort ?? "-timestamp";
  if (sort !== "timestamp" && sort !== "-timestamp")
    throw new BadRequest(`sort: expected "timestamp" or "-timestamp", got ${JSON.stringify(sort)}`);
  let query: QueryNode;
  try {
    query = parseSearchQuery(optionalString(filter.query, "filter.query"));
  } catch (error) {
    if (error instanceof SearchQueryError) throw new BadRequest(`filter.query: ${error.message}`);
    throw error;
  }
  return {
    fromMs,
    toExclusiveMs: toMs + 1,
    query,
    limit: optionalInt(page.limit, `page.limit (at most ${MAX_PAGE_LIMIT})`, 1, MAX_PAGE_LIMIT) ?? 10,
    cursor: optionalString(page.cursor, "page.cursor"),
    descending: sort === "-timestamp",
  };
}

function valuesAt(root: unknown, path: readonly string[]): string[] {
  if (root === undefined || root === null) return [];
  if (Array.isArray(root)) return root.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return typeof root === "object" ? [] : [String(root)];
  if (typeof root !== "object") return [];
  const [head, ...rest] = path as [string, ...string[]];
  return valuesAt((root as Json)[head], rest);
}

/**
 * Search fields of an event's `attributes`: `@a.b` reads attributes.attributes
 * (or custom), a top-level attribute (status, service) reads itself, any other
 * key reads `key:value` tags, and free text reads the message.
 */
function eventLookup(attributes: Json): FieldLookup {
  return (key) => {
    if (key === "") return [String(attributes.message ?? "")];
    if (key.startsWith("@")) {
      const path = key.slice(1).split(".");
      return [...valuesAt(attributes.attributes, path), ...valuesAt(attributes.custom, path)];
    }
    const direct = attributes[key];
    if (typeof direct === "string" || typeof direct === "number") return [String(direct)];
    const prefix = `${key.toLowerCase()}:`;
    const tags = Array.isArray(attributes.tags)
      ? attributes.tags.filter((t): t is string => typeof t === "string")
      : [];
    return tags.filter((t) => t.toLowerCase().startsWith(prefix)).map((t) => t.slice(prefix.length));
  };
}

/** How events of type E are read and written. */
interface EventWire<E> {
  /** The event's wire form, `{id, type, attributes}`: what queries read and what the page carries. */
  wire(event: E): Json;
  /**
   * Events the search returns whatever the query: Audit Trail searches have
   * been recorded answering with plain API-access events a query on
   * `@asset.type` should have excluded.
   */
  ignoresQuery?(event: E): boolean;
  /** Optional: exactly the bytes of JSON.stringify(wire(event)), written faster than that (a page holds up to a thousand events). */
  encode?(event: E): RawJson;
}

export interface TimelineSource<E> extends EventWire<E> {
  positions(fromMs: number, toMs: number, descending: boolean, start?: TimelinePosition): Generator<TimelinePosition>;
  eventAt(position: TimelinePosition): E;
  encodeId(position: TimelinePosition): string;
  decodeId(id: string): TimelinePosition | null;
}

export interface SearchEndpointSpec<E> extends EventWire<E> {
  id: "signals" | "audit";
  path: string;
  /** The `type` the unknown-enum fault puts on the first event. */
  unknownType: string;
  timeline(org: OrgModel): Timeline;
  eventAt(org: OrgModel, position: TimelinePosition): E;
  encodeId(seed: number, position: TimelinePosition): string;
  decodeId(seed: number, id: string): TimelinePosition | null;
}

/** A cursor-paged search endpoint over one of the org's timelines. */
export function searchEndpoint<E>(spec: SearchEndpointSpec<E>): Endpoint {
  const source = (org: OrgModel): TimelineSource<E> => ({
    positions: (from, to, descending, start) => spec.timeline(org).positions(from, to, descending, start),
    eventAt: (position) => spec.eventAt(org, position),
    wire: spec.wire,
    encode: spec.encode,
    ignoresQuery: spec.ignoresQuery,
    encodeId: (position) => spec.encodeId(org.seed, position),
    decodeId: (id) => spec.decodeId(org.seed, id),
  });
  return {
    id: spec.id,
    method: "POST",
    path: spec.path,
    needsAppKey: true,
    handle: ({ body, org }) => ok(searchPage(parseSearchBody(body, org.now.getTime()), source(org), spec.path)),
    injectUnknownEnum: (body) => setOnFirstItem(firstEventAsObject(body), "type", spec.unknownType),
    dropRequiredField: (body) => deleteFromFirstItem(firstEventAsObject(body), "attributes.timestamp"),
  };
}

/** Faults alter the page's first event, so an encoded one becomes an object again first. */
function firstEventAsObject(body: Json): unknown {
  const data = body.data;
  if (Array.isArray(data) && data[0] instanceof RawJson) data[0] = data[0].parse();
  return data;
}

function decodeCursor(cursor: string, decodeId: (id: string) => TimelinePosition | null): TimelinePosition {
  let startAt: unknown;
  try {
    startAt = (JSON.parse(Buffer.from(cursor, "base64").toString("utf8")) as { startAt?: unknown }).startAt;
  } catch {
    startAt = undefined;
  }
  const position = typeof startAt === "string" ? decodeId(startAt) : null;
  if (!position) throw new BadRequest("page.cursor: not a cursor this server issued");
  return position;
}

function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify({ startAt: id })).toString("base64");
}

/** One page of matching events, and the cursor of the next page when there is one. */
export function searchPage<E>(request: SearchRequest, source: TimelineSource<E>, path: string): Json {
  const start = request.cursor === undefined ? undefined : decodeCursor(request.cursor, source.decodeId);
  const data: Array<Json | RawJson> = [];
  let next: TimelinePosition | undefined;
  const spilled = source.positions(request.fromMs - WINDOW_SPILL_MS, request.toExclusiveMs, request.descending, start);
  for (const position of spilled) {
    const event = source.eventAt(position);
    // A query that reads no field (`*`, what collectors send) takes every event without building its wire form.
    let wire: Json | undefined;
    if (request.query.kind !== "all" && !source.ignoresQuery?.(event)) {
      wire = source.wire(event);
      if (!matchesQuery(request.query, eventLookup(asObject(wire.attributes, "event")))) continue;
    }
    if (data.length === request.limit) {
      next = position;
      break;
    }
    data.push(source.encode ? source.encode(event) : (wire ?? source.wire(event)));
  }
  const after = next ? encodeCursor(source.encodeId(next)) : undefined;
  return {
    data,
    meta: {
      elapsed: 20 + data.length,
      request_id: `pddv1${(request.fromMs % 1e9).toString(36)}${data.length}`,
      status: "done",
      ...(after ? { page: { after } } : {}),
    },
    ...(after ? { links: { next: `${path}?page[cursor]=${encodeURIComponent(after)}` } } : {}),
  };
}
