/**
 * Fault injection. A spec is a comma-separated list of rules
 * `<endpoint|*>:<fault>[@N]`, e.g. `signals:status=429@3,hosts:latency=5000`:
 *
 *   status=NNN     answer NNN (400–599) with a Datadog error body
 *   latency=MS     wait MS more before answering
 *   cut            send the headers and half the body, then drop the connection
 *   malformed      send half the JSON body (not valid JSON)
 *   unknown-enum   put a value the client's enum lacks into the first item of the page
 *   missing-field  drop the field readers rely on from the first item of the page
 *   fail-after=K   the first K requests succeed, every later one gets 500
 *   redirect=PORT  answer 307 to the same path on 127.0.0.1:PORT (0: this server)
 *   pad=BYTES      the page as usual, padded with whitespace to BYTES (still valid JSON)
 *   endless        a body without a length that never ends
 *   gzip-bomb      a gzip body of about 1 MiB that decodes to 1 GiB
 *   drip=MS        a body without a length, one byte every MS, never finishing
 *
 * `@N` limits a rule to the first N requests to each endpoint it targets
 * (counted from when the rule was set); without it the rule applies to every
 * request. `*` targets every endpoint (for unknown-enum / missing-field, every
 * endpoint that has such a field).
 */
import { ENDPOINT_IDS, type EndpointId, isEndpointId } from "./endpoint-ids.js";
import { ENDPOINTS } from "./endpoints/index.js";

export const FAULT_KINDS = [
  "status",
  "latency",
  "cut",
  "malformed",
  "unknown-enum",
  "missing-field",
  "fail-after",
  "redirect",
  "pad",
  "endless",
  "gzip-bomb",
  "drip",
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  endpoint: EndpointId | "*";
  kind: FaultKind;
  /** status: the HTTP status; latency: extra ms; fail-after: requests that still succeed. */
  value?: number;
  /** Only the first `times` requests to each targeted endpoint (absent: all). */
  times?: number;
}

/** What the faults decide for one request. */
export interface FaultPlan {
  status: number | null;
  extraLatencyMs: number;
  cut: boolean;
  malformed: boolean;
  unknownEnum: boolean;
  missingField: boolean;
  /** Port to redirect to (0: this server), or null. */
  redirectPort: number | null;
  /** Size to pad the body to, or null. */
  padTo: number | null;
  endless: boolean;
  gzipBomb: boolean;
  /** Milliseconds between dripped bytes, or null. */
  dripMs: number | null;
}

const VALUED: ReadonlySet<FaultKind> = new Set(["status", "latency", "fail-after", "redirect", "pad", "drip"]);

function supports(endpoint: EndpointId, kind: FaultKind): boolean {
  if (kind === "unknown-enum") return ENDPOINTS[endpoint].injectUnknownEnum !== undefined;
  if (kind === "missing-field") return ENDPOINTS[endpoint].dropRequiredField !== undefined;
  return true;
}

/** Checks one rule; returns what is wrong with it, or null. */
function problemWith(rule: FaultRule): string | null {
  if (rule.endpoint !== "*" && !isEndpointId(rule.endpoint))
    return `unknown endpoint "${String(rule.endpoint)}" (expected * or one of ${ENDPOINT_IDS.join(", ")})`;
  if (!(FAULT_KINDS as readonly string[]).includes(rule.kind))
    return `unknown fault "${String(rule.kind)}" (expected one of ${FAULT_KINDS.join(", ")})`;
  if (VALUED.has(rule.kind) !== (rule.value !== undefined))
    return VALUED.has(rule.kind) ? `${rule.kind} needs a value (${rule.kind}=N)` : `${rule.kind} takes no value`;
  const value = rule.value ?? 0;
  if (!Number.isInteger(value)) return `${rule.kind}: expected a whole number`;
  if (rule.kind === "status" && (value < 400 || value > 599)) return `status must be between 400 and 599, got ${value}`;
  if (rule.kind === "latency" && (value < 0 || value > 600_000))
    return `latency must be between 0 and 600000 ms, got ${value}`;
  if (rule.kind === "fail-after" && value < 0) return `fail-after must be 0 or more, got ${value}`;
  if (rule.kind === "redirect" && (value < 0 || value > 65535))
    return `redirect must be a port from 0 (this server) to 65535, got ${value}`;
  if (rule.kind === "pad" && (value < 0 || value > 2 ** 32))
    return `pad must be between 0 and 4294967296 bytes, got ${value}`;
  if (rule.kind === "drip" && (value < 1 || value > 600_000))
    return `drip must be between 1 and 600000 ms, got ${value}`;
  if (rule.times !== undefined && (!Number.isInteger(rule.times) || rule.times < 1))
    return `@N must be a whole number of at least 1`;
  if (rule.kind === "fail-after" && rule.times !== undefined)
    return "fail-after takes no @N (it already counts requests)";
  if (rule.endpoint !== "*" && !supports(rule.endpoint, rule.kind)) {
    const able = ENDPOINT_IDS.filter((id) => supports(id, rule.kind));
    return `${rule.endpoint} has no field for ${rule.kind} (it works on: ${able.join(", ")})`;
  }
  return null;
}

const RULE_PATTERN = /^([a-z_*]+):([a-z-]+)(?:=(-?\d+))?(?:@(\d+))?$/;

/** Parses a fault spec; throws an Error naming the rule and what is wrong. */
export function parseFaultSpec(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  const parts = spec
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  parts.forEach((part, index) => {
    const match = RULE_PATTERN.exec(part);
    const where = `fault spec rule ${index + 1} "${part}"`;
    if (!match) throw new Error(`${where}: expected <endpoint|*>:<fault>[=value][@N], e.g. signals:status=429@3`);
    const [, endpoint, kind, value, times] = match;
    const rule = {
      endpoint,
      kind,
      ...(value !== undefined ? { value: Number(value) } : {}),
      ...(times !== undefined ? { times: Number(times) } : {}),
    } as FaultRule;
    const problem = problemWith(rule);
    if (problem) throw new Error(`${where}: ${problem}`);
    rules.push(rule);
  });
  return rules;
}

/** Validates rules given as objects (the same checks as the spec string). */
function checkFaultRules(rules: readonly FaultRule[]): FaultRule[] {
  rules.forEach((rule, index) => {
    const problem = problemWith(rule);
    if (problem) throw new Error(`fault rule ${index + 1}: ${problem}`);
  });
  return [...rules];
}

export class FaultInjector {
  private active: Array<{ rule: FaultRule; seen: Map<EndpointId, number> }> = [];

  constructor(faults: string | readonly FaultRule[] = []) {
    this.set(faults);
  }

  /** Replaces every rule; request counts start again from zero. */
  set(faults: string | readonly FaultRule[]): void {
    const rules = typeof faults === "string" ? parseFaultSpec(faults) : checkFaultRules(faults);
    this.active = rules.map((rule) => ({ rule, seen: new Map() }));
  }

  /** Counts one request to `endpoint` against every rule that targets it, and says what to do. */
  next(endpoint: EndpointId): FaultPlan {
    const plan: FaultPlan = {
      status: null,
      extraLatencyMs: 0,
      cut: false,
      malformed: false,
      unknownEnum: false,
      missingField: false,
      redirectPort: null,
      padTo: null,
      endless: false,
      gzipBomb: false,
      dripMs: null,
    };
    for (const { rule, seen } of this.active) {
      if ((rule.endpoint !== "*" && rule.endpoint !== endpoint) || !supports(endpoint, rule.kind)) continue;
      const count = (seen.get(endpoint) ?? 0) + 1;
      seen.set(endpoint, count);
      if (rule.kind === "fail-after") {
        if (count > (rule.value ?? 0)) plan.status ??= 500;
        continue;
      }
      if (rule.times !== undefined && count > rule.times) continue;
      if (rule.kind === "status") plan.status ??= rule.value ?? 500;
      else if (rule.kind === "latency") plan.extraLatencyMs += rule.value ?? 0;
      else if (rule.kind === "cut") plan.cut = true;
      else if (rule.kind === "malformed") plan.malformed = true;
      else if (rule.kind === "unknown-enum") plan.unknownEnum = true;
      else if (rule.kind === "missing-field") plan.missingField = true;
      else if (rule.kind === "redirect") plan.redirectPort ??= rule.value ?? 0;
      else if (rule.kind === "pad") plan.padTo ??= rule.value ?? 0;
      else if (rule.kind === "endless") plan.endless = true;
      else if (rule.kind === "gzip-bomb") plan.gzipBomb = true;
      else plan.dripMs ??= rule.value ?? 1000;
    }
    return plan;
  }
}
