/** Reading query parameters and JSON bodies the way the endpoints need them; bad input is a BadRequest. */
import { DAY_MS } from "../time-units.js";
import { BadRequest, type Json } from "./endpoint.js";

export function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = query.get(name);
  if (text === null || text === "") return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new BadRequest(`${name}: expected an integer between ${min} and ${max}, got "${text}"`);
  }
  return value;
}

export function asObject(value: unknown, where: string): Json {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) throw new BadRequest(`${where}: expected an object`);
  return value as Json;
}

export function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") throw new BadRequest(`${where}: expected a string`);
  return value;
}

export function optionalInt(value: unknown, where: string, min: number, max: number): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new BadRequest(`${where}: expected an integer between ${min} and ${max}`);
  }
  return value;
}

/** The first element of a list inside the body, for faults that alter one item per page. */
export function firstItem(list: unknown): Json | undefined {
  const first: unknown = Array.isArray(list) ? list[0] : undefined;
  return first && typeof first === "object" ? (first as Json) : undefined;
}

/** The object holding the last key of a dotted path inside `root`, and that key. */
function parentOf(root: Json | undefined, path: string): [Json | undefined, string] {
  const keys = path.split(".");
  const last = keys.pop() ?? path;
  let node: unknown = root;
  for (const key of keys) node = node && typeof node === "object" ? (node as Json)[key] : undefined;
  return [node && typeof node === "object" ? (node as Json) : undefined, last];
}

/** Sets a dotted path (e.g. "attributes.state") on the first item of a list; faults use it. */
export function setOnFirstItem(list: unknown, path: string, value: unknown): void {
  const [parent, key] = parentOf(firstItem(list), path);
  if (parent) parent[key] = value;
}

/** Deletes a dotted path from the first item of a list; faults use it. */
export function deleteFromFirstItem(list: unknown, path: string): void {
  const [parent, key] = parentOf(firstItem(list), path);
  if (parent) delete parent[key];
}

export function isoSeconds(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const PAD2 = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, "0"));
const PAD3 = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, "0"));
/** 10000-01-01: from there on toISOString writes a six-digit year. */
const FOUR_DIGIT_YEARS_END_MS = 253_402_300_800_000;
let isoDay = Number.NaN;
let isoDayPrefix = "";

/**
 * `new Date(epochMs).toISOString()`, byte for byte. Signal pages format
 * thousands of times of the same few days, and toISOString per field was a
 * large share of a page's CPU, so the "YYYY-MM-DDT" part is kept for the last
 * day formatted and the time of day is written from lookup tables.
 */
export function isoMillis(epochMs: number): string {
  if (!Number.isInteger(epochMs) || epochMs < 0 || epochMs >= FOUR_DIGIT_YEARS_END_MS)
    return new Date(epochMs).toISOString();
  const day = Math.floor(epochMs / DAY_MS);
  if (day !== isoDay) {
    isoDayPrefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    isoDay = day;
  }
  const msOfDay = epochMs - day * DAY_MS;
  const seconds = Math.floor(msOfDay / 1000);
  return `${isoDayPrefix}${PAD2[Math.floor(seconds / 3600)]}:${PAD2[Math.floor(seconds / 60) % 60]}:${PAD2[seconds % 60]}.${PAD3[msOfDay % 1000]}Z`;
}
