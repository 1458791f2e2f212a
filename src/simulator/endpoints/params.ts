/** Reading query parameters and JSON bodies the way the endpoints need them; bad input is a BadRequest. */
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

export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
