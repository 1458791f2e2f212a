/**
 * Reads a request body and decodes it the way Datadog's intake does:
 * Content-Encoding gzip or deflate (the client compresses metric payloads),
 * then JSON.
 */
import type { IncomingMessage } from "node:http";
import { gunzipSync, inflateSync } from "node:zlib";
import { BadRequest } from "./endpoints/endpoint.js";

/** Larger bodies are refused; ddproof never sends anything close. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

export async function readRawBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size <= MAX_BODY_BYTES) chunks.push(buffer);
  }
  if (size > MAX_BODY_BYTES) throw new BadRequest(`request body larger than ${MAX_BODY_BYTES} bytes`);
  return Buffer.concat(chunks);
}

/** The JSON value of a raw body (undefined when empty). */
export function decodeJsonBody(raw: Buffer, contentEncoding: string | undefined): unknown {
  if (raw.length === 0) return undefined;
  let bytes: Buffer;
  const encoding = (contentEncoding ?? "identity").trim().toLowerCase();
  try {
    if (encoding === "gzip") bytes = gunzipSync(raw);
    else if (encoding === "deflate") bytes = inflateSync(raw);
    else if (encoding === "identity" || encoding === "") bytes = raw;
    else throw new BadRequest(`Content-Encoding "${encoding}" is not supported (gzip, deflate or none)`);
  } catch (error) {
    if (error instanceof BadRequest) throw error;
    throw new BadRequest(`body could not be decoded as ${encoding}`);
  }
  try {
    return JSON.parse(bytes.toString("utf8")) as unknown;
  } catch {
    throw new BadRequest("body is not valid JSON");
  }
}
