/**
 * The contract every endpoint module follows (one file per endpoint, named
 * by its id): where it lives, which keys it needs, how it answers, and how
 * the `unknown-enum` / `missing-field` faults alter its successful body.
 */
import type { EndpointId } from "../endpoint-ids.js";
import type { OrgModel } from "../org/demo-org.js";

export type Json = Record<string, unknown>;

export interface Received {
  events: unknown[];
  series: unknown[];
}

export interface EndpointRequest {
  query: URLSearchParams;
  /** Parsed JSON body (POST); undefined without one. */
  body: unknown;
  org: OrgModel;
  received: Received;
}

export interface EndpointResponse {
  status: number;
  body: Json;
}

export interface Endpoint {
  id: EndpointId;
  method: "GET" | "POST";
  path: string;
  /** Reads need DD-APPLICATION-KEY as well; submissions only DD-API-KEY. */
  needsAppKey: boolean;
  handle(request: EndpointRequest): EndpointResponse;
  /** Puts a value the client's enum lacks into the body (absent: no enum to break). */
  injectUnknownEnum?(body: Json): void;
  /** Drops the field a reader relies on from the body (see README for which). */
  dropRequiredField?(body: Json): void;
}

/** A request the endpoint refuses: 400 with the message. */
export class BadRequest extends Error {
  override readonly name = "BadRequest";
}

export function ok(body: Json, status = 200): EndpointResponse {
  return { status, body };
}
