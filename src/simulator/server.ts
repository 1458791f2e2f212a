/**
 * The HTTP side: one request goes through routing, key check, rate limit,
 * faults, the endpoint, body faults, latency, and is recorded. Key values are
 * never stored or logged, only whether the API key was sent.
 */
import { type IncomingMessage, type ServerResponse, STATUS_CODES } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { hasBodyFault, writeBodyFault } from "./body-faults.js";
import type { EndpointId } from "./endpoint-ids.js";
import { BadRequest, type Json, type Received } from "./endpoints/endpoint.js";
import { routeRequest } from "./endpoints/index.js";
import type { FaultInjector, FaultPlan } from "./faults.js";
import type { OrgModel } from "./org/demo-org.js";
import type { RateLimiter } from "./rate-limit.js";
import { serializeBody } from "./raw-json.js";
import { decodeJsonBody, readRawBody } from "./request-body.js";

export interface ServedRequest {
  endpoint: EndpointId | null;
  method: string;
  /** Path and query string. */
  path: string;
  status: number;
  /** Whether a DD-API-KEY header was present (its value is never kept). */
  apiKeyPresent: boolean;
}

export interface ServerState {
  org: OrgModel;
  faults: FaultInjector;
  limiter: RateLimiter;
  latencyMs: number;
  received: Received;
  requests: ServedRequest[];
  /** Aborted on close, so responses waiting out a latency stop waiting. */
  closing: AbortSignal;
}

interface Outcome {
  status: number;
  body: Json;
  headers: Record<string, string>;
  plan: FaultPlan | null;
}

function errorBody(status: number, message?: string): Json {
  return { errors: [message ?? (status === 429 ? "Too many requests" : (STATUS_CODES[status] ?? "Error"))] };
}

function hasHeader(request: IncomingMessage, name: string): boolean {
  const value = request.headers[name];
  return typeof value === "string" && value.trim() !== "";
}

async function decide(
  state: ServerState,
  request: IncomingMessage,
  url: URL,
  apiKeyPresent: boolean,
): Promise<Outcome & { endpoint: EndpointId | null }> {
  const endpoint = routeRequest(request.method ?? "GET", url.pathname);
  const raw = await readRawBody(request);
  if (!endpoint) return { endpoint: null, status: 404, body: errorBody(404, "Not found"), headers: {}, plan: null };
  if (!apiKeyPresent || (endpoint.needsAppKey && !hasHeader(request, "dd-application-key"))) {
    return { endpoint: endpoint.id, status: 403, body: errorBody(403, "Forbidden"), headers: {}, plan: null };
  }
  const limit = state.limiter.take(endpoint.id, Date.now());
  if (!limit.allowed)
    return { endpoint: endpoint.id, status: 429, body: errorBody(429), headers: limit.headers, plan: null };
  const plan = state.faults.next(endpoint.id);
  if (plan.status !== null) {
    // An injected 429 says the budget is spent and resets in a second, so clients retry soon.
    const headers =
      plan.status === 429
        ? { ...limit.headers, "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1" }
        : limit.headers;
    return { endpoint: endpoint.id, status: plan.status, body: errorBody(plan.status), headers, plan };
  }
  try {
    const body = decodeJsonBody(raw, request.headers["content-encoding"]);
    const response = endpoint.handle({ query: url.searchParams, body, org: state.org, received: state.received });
    if (plan.unknownEnum) endpoint.injectUnknownEnum?.(response.body);
    if (plan.missingField) endpoint.dropRequiredField?.(response.body);
    return { endpoint: endpoint.id, ...response, headers: limit.headers, plan };
  } catch (error) {
    if (error instanceof BadRequest)
      return { endpoint: endpoint.id, status: 400, body: errorBody(400, error.message), headers: limit.headers, plan };
    throw error;
  }
}

async function respond(state: ServerState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://127.0.0.1");
  const apiKeyPresent = hasHeader(request, "dd-api-key");
  let outcome: Outcome & { endpoint: EndpointId | null };
  try {
    outcome = await decide(state, request, url, apiKeyPresent);
  } catch (error) {
    // A BadRequest from reading the body, or a fault of the simulator itself (said so, to ease debugging).
    const status = error instanceof BadRequest ? 400 : 500;
    const message =
      error instanceof BadRequest
        ? error.message
        : `simulator error: ${error instanceof Error ? error.message : String(error)}`;
    const endpoint = routeRequest(request.method ?? "GET", url.pathname)?.id ?? null;
    outcome = { endpoint, status, body: errorBody(status, message), headers: {}, plan: null };
  }
  const { plan } = outcome;
  let bytes = serializeBody(outcome.body);
  if (plan?.malformed) {
    // Half the JSON text (not half the bytes), as a JSON producer cut off mid-way would send.
    const text = bytes.toString("utf8");
    bytes = Buffer.from(text.slice(0, Math.floor(text.length / 2)), "utf8");
  }
  const delay = state.latencyMs + (plan?.extraLatencyMs ?? 0);
  if (delay > 0) await sleep(delay, undefined, { signal: state.closing });
  if (plan && hasBodyFault(plan)) {
    const status = writeBodyFault(
      request,
      response,
      plan,
      { status: outcome.status, body: bytes, headers: outcome.headers },
      state.closing,
    );
    state.requests.push({
      endpoint: outcome.endpoint,
      method: request.method ?? "GET",
      path: url.pathname + url.search,
      status,
      apiKeyPresent,
    });
    return;
  }
  state.requests.push({
    endpoint: outcome.endpoint,
    method: request.method ?? "GET",
    path: url.pathname + url.search,
    status: outcome.status,
    apiKeyPresent,
  });
  response.writeHead(outcome.status, {
    "Content-Type": "application/json",
    "Content-Length": String(bytes.length),
    ...outcome.headers,
  });
  if (plan?.cut) {
    // Headers promise the whole body; half of it arrives, then the connection drops.
    response.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => response.destroy());
    return;
  }
  response.end(bytes);
}

export function requestHandler(state: ServerState): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => {
    respond(state, request, response).catch(() => {
      // Only a close during a latency wait gets here: the connection is going away anyway.
      response.destroy();
    });
  };
}
