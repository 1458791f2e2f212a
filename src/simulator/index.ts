/**
 * The Datadog API simulator: a separate "Datadog" on 127.0.0.1 that answers
 * the endpoints ddproof collects from, in Datadog's wire format, from a
 * seeded demo organisation. It imports nothing from the rest of ddproof.
 * See README.md beside this file for endpoints, limits, faults and the org.
 */
import { setMaxListeners } from "node:events";
import { createServer } from "node:http";
import { createServer as createTlsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { EndpointId } from "./endpoint-ids.js";
import { FaultInjector, type FaultRule } from "./faults.js";
import type { OrgChange } from "./org/changes.js";
import { buildOrg, type DemoOrg, SCALES, type SimulatorScale } from "./org/demo-org.js";
import { checkOrgShape, type OrgShape } from "./org/shape.js";
import { type RateLimit, RateLimiter } from "./rate-limit.js";
import { requestHandler, type ServedRequest, type ServerState } from "./server.js";

export { ENDPOINT_IDS, type EndpointId } from "./endpoint-ids.js";
export { FAULT_KINDS, type FaultKind, type FaultRule, parseFaultSpec } from "./faults.js";
export type { RuleChange, RuleChangeKind } from "./org/audit.js";
export type { OrgChange } from "./org/changes.js";
export type { DemoOrg, SimulatorScale } from "./org/demo-org.js";
export type { DemoHost } from "./org/hosts.js";
export type { DemoLogSource } from "./org/log-sources.js";
export type { DemoRule, RuleCase, Severity } from "./org/rules.js";
export type { OrgShape } from "./org/shape.js";
export { DEFAULT_RATE_LIMITS } from "./rate-limit.js";
export type { ServedRequest } from "./server.js";

export interface SimulatorOptions {
  /** 0 / undefined: an ephemeral port. */
  port?: number;
  /** Default "small". */
  scale?: SimulatorScale;
  /** Default 1. */
  seed?: number;
  /** Added to every response; default 0. */
  latencyMs?: number;
  faults?: string | FaultRule[];
  /** The org's now (default: the real now); data is generated relative to it. */
  now?: Date;
  /** Per-endpoint overrides of the default limits. */
  rateLimits?: Partial<Record<EndpointId, RateLimit>>;
  /** Changes made to the org at the source after its history was generated (org/changes.ts). */
  changes?: readonly OrgChange[];
  /** How this org's coverage differs from the demo org's (org/shape.ts); default: not at all. */
  shape?: OrgShape;
  /** Serve HTTPS with this PEM key and certificate (for proxy and CA tests); default plain HTTP. */
  tls?: { key: string; cert: string };
}

export interface RunningSimulator {
  /** "http://127.0.0.1:<port>" ("https://…" with `tls`) */
  url: string;
  port: number;
  close(): Promise<void>;
  /** What the submission endpoints received, in order. */
  received: { events: unknown[]; series: unknown[] };
  /** Every request served, in order. */
  requests: ServedRequest[];
  /** Replace the fault rules at run time; request counts restart. */
  setFaults(faults: string | FaultRule[]): void;
  /** Facts about the generated org that tests can assert against. */
  org: DemoOrg;
}

function checkOptions(options: SimulatorOptions): void {
  const { port, scale, seed, latencyMs, now } = options;
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw new Error(`port: expected 0–65535, got ${port}`);
  if (scale !== undefined && !SCALES.includes(scale))
    throw new Error(`scale: expected ${SCALES.join(" or ")}, got ${String(scale)}`);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`seed: expected a whole number, got ${seed}`);
  if (latencyMs !== undefined && (!Number.isFinite(latencyMs) || latencyMs < 0))
    throw new Error(`latencyMs: expected 0 or more, got ${latencyMs}`);
  if (now !== undefined && Number.isNaN(now.getTime())) throw new Error("now: invalid date");
  if (options.shape !== undefined) checkOrgShape(options.shape, "shape");
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  checkOptions(options);
  const faults = new FaultInjector(options.faults ?? []);
  const limiter = new RateLimiter(options.rateLimits);
  const org = buildOrg(
    options.seed ?? 1,
    options.scale ?? "small",
    options.now ?? new Date(),
    options.changes,
    options.shape,
  );
  const closing = new AbortController();
  // Every delayed response listens for close; a busy simulator has many at once.
  setMaxListeners(0, closing.signal);
  const state: ServerState = {
    org,
    faults,
    limiter,
    latencyMs: options.latencyMs ?? 0,
    received: { events: [], series: [] },
    requests: [],
    closing: closing.signal,
  };
  const server = options.tls
    ? createTlsServer({ key: options.tls.key, cert: options.tls.cert }, requestHandler(state))
    : createServer(requestHandler(state));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // 127.0.0.1 only: the simulator is never reachable from another machine.
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    received: state.received,
    requests: state.requests,
    org,
    setFaults: (spec) => faults.set(spec),
    close() {
      closed ??= new Promise<void>((resolve) => {
        closing.abort();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
