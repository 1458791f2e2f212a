/**
 * The simulator against Datadog's own OpenAPI schemas (contracts/datadog,
 * imported by scripts/import-openapi-schemas.mjs): every endpoint's success
 * body, and the error bodies, validate. Plain fetch: this checks the
 * simulator's wire format, not the collectors.
 */
import { readFileSync } from "node:fs";
import AjvModule, { type ValidateFunction } from "ajv";
import formatsModule from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENDPOINTS } from "../../src/simulator/endpoints/index.js";
import { ENDPOINT_IDS, type EndpointId, type RunningSimulator, startSimulator } from "../../src/simulator/index.js";

interface ContractEndpoint {
  spec: "v1" | "v2";
  method: string;
  path: string;
  status: string;
  schema: object;
}

interface Contract {
  endpoints: Record<string, ContractEndpoint>;
  v1: object;
  v2: object;
}

const contract = JSON.parse(
  readFileSync(new URL("../../contracts/datadog/schemas.json", import.meta.url), "utf8"),
) as Contract;
const NOW = new Date("2026-11-15T12:00:00Z");
const KEYS = { "DD-API-KEY": "contract-api-key", "DD-APPLICATION-KEY": "contract-app-key" };
const Q3 = { from: "2026-07-01T00:00:00Z", to: "2026-09-30T23:59:59Z" };

const Ajv = AjvModule.default;
const addFormats = formatsModule.default;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// OpenAPI's numeric formats, which JSON Schema does not define.
const INT_RANGES: Record<string, [number, number]> = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
};
for (const [name, [min, max]] of Object.entries(INT_RANGES)) {
  ajv.addFormat(name, { type: "number", validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
}
for (const name of ["double", "float"])
  ajv.addFormat(name, { type: "number", validate: (n: number) => Number.isFinite(n) });
ajv.addSchema({ $id: "https://contracts.invalid/v1.json", ...contract.v1 });
ajv.addSchema({ $id: "https://contracts.invalid/v2.json", ...contract.v2 });

const validators = new Map<EndpointId, ValidateFunction>();

/** An endpoint schema may be a $ref or inline with refs: both resolve against its spec's document. */
function validatorFor(id: EndpointId): ValidateFunction {
  const endpoint = contract.endpoints[id];
  if (!endpoint) throw new Error(`no contract for ${id}`);
  let validate = validators.get(id);
  if (!validate) {
    validate = ajv.compile({
      $id: `https://contracts.invalid/endpoint-${id}.json`,
      ...rebase(endpoint.schema, endpoint.spec),
    });
    validators.set(id, validate);
  }
  return validate;
}

/** Points local refs (#/components/…) at the spec document they came from. */
function rebase(schema: object, spec: string): object {
  return JSON.parse(
    JSON.stringify(schema).replace(/"#\/components\//g, `"https://contracts.invalid/${spec}.json#/components/`),
  ) as object;
}

const errorValidator = ajv.compile({ $ref: "https://contracts.invalid/v2.json#/components/schemas/APIErrorResponse" });

type SchemaNode = {
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: unknown;
  oneOf?: SchemaNode[];
  anyOf?: SchemaNode[];
};

function resolveRef(schema: SchemaNode | undefined, spec: "v1" | "v2"): SchemaNode | undefined {
  let node = schema;
  const schemas = (contract[spec] as { components: { schemas: Record<string, SchemaNode> } }).components.schemas;
  while (node?.$ref) node = schemas[node.$ref.split("/").pop() ?? ""];
  return node;
}

/**
 * Keys the body sends that its schema does not declare. JSON Schema allows
 * them silently (and so does the client, into additionalProperties), so a
 * misspelt or wrongly cased key would otherwise go unnoticed.
 */
function undeclaredKeys(value: unknown, schema: SchemaNode | undefined, spec: "v1" | "v2", path = ""): string[] {
  const node = resolveRef(schema, spec);
  if (!node || value === null || typeof value !== "object") return [];
  const branches = node.oneOf ?? node.anyOf;
  if (branches) {
    const candidates = branches.map((branch) => undeclaredKeys(value, branch, spec, path));
    return candidates.reduce((best, keys) => (keys.length < best.length ? keys : best));
  }
  if (Array.isArray(value)) return value.flatMap((item) => undeclaredKeys(item, node.items, spec, `${path}[]`));
  // No declared properties: a free-form object (signal and audit attributes).
  if (!node.properties) return [];
  const properties = node.properties;
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) => {
    if (properties[key]) return undeclaredKeys(child, properties[key], spec, `${path}.${key}`);
    if (node.additionalProperties === undefined || node.additionalProperties === false) return [`${path}.${key}`];
    return typeof node.additionalProperties === "object"
      ? undeclaredKeys(child, node.additionalProperties as SchemaNode, spec, `${path}.${key}`)
      : [];
  });
}

/** Keys the spec (older than client 1.64.0) lacks but the client's models have; see contracts/datadog/SOURCE.md. */
const KNOWN_UNDECLARED: Partial<Record<EndpointId, string[]>> = {
  signals: [".meta.elapsed", ".meta.request_id", ".meta.status"],
  // Real rules carry these (Datadog's own recordings of the rules list), though neither
  // the spec nor the client's model declares them: the client puts them in additionalProperties.
  // A signal_correlation rule's updatedAt is recorded too, outside its variant's schema.
  rules: [".data[].defaultRuleId", ".data[].isBeta", ".data[].isDeprecated", ".data[].updatedAt"],
};

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath} ${e.message ?? ""} ${JSON.stringify(e.params)}`)
    .join("\n");
}

let sim: RunningSimulator;
beforeAll(async () => {
  sim = await startSimulator({ seed: 3, now: NOW });
});
afterAll(async () => {
  await sim.close();
});

async function call(
  id: EndpointId,
  query = "",
  body?: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const endpoint = ENDPOINTS[id];
  const response = await fetch(`${sim.url}${endpoint.path}${query}`, {
    method: endpoint.method,
    headers: { ...KEYS, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

function expectValid(id: EndpointId, status: number, json: unknown): void {
  expect(String(status)).toBe(contract.endpoints[id]?.status);
  const validate = validatorFor(id);
  const valid = validate(json);
  expect(valid, `${id}:\n${describeErrors(validate)}`).toBe(true);
  const endpoint = contract.endpoints[id] as ContractEndpoint;
  const extra = [...new Set(undeclaredKeys(json, endpoint.schema, endpoint.spec))];
  expect(extra.sort()).toEqual([...(KNOWN_UNDECLARED[id] ?? [])].sort());
}

/** One request per endpoint, as a collector would make it. */
const REQUESTS: Record<EndpointId, { query?: string; body?: unknown }> = {
  rules: { query: "?page[size]=100&page[number]=0" },
  suppressions: { query: "?page[size]=100&page[number]=0" },
  agent_rules: {},
  notification_rules: {},
  dashboards: { query: "?count=100&start=0" },
  logs_aggregate: {
    body: {
      compute: [{ aggregation: "count", type: "timeseries", interval: "1d" }],
      filter: { ...Q3, query: "*" },
      group_by: [{ facet: "source", limit: 5 }],
    },
  },
  log_indexes: {},
  log_archives: {},
  csm_agents: { query: "?page=0&size=100" },
  hosts: { query: `?start=0&count=1000&from=${Math.floor(NOW.getTime() / 1000) - 7 * 86400}` },
  signals: { body: { filter: { ...Q3, query: "*" }, page: { limit: 1000 }, sort: "timestamp" } },
  audit: { body: { filter: { ...Q3, query: "*" }, page: { limit: 1000 }, sort: "timestamp" } },
  events_submit: {
    body: { title: "ddproof gap report", text: "3 new gaps", tags: ["ddproof"], alert_type: "warning" },
  },
  metrics_submit: {
    body: { series: [{ metric: "ddproof.gaps", type: 3, points: [{ timestamp: 1_794_744_000, value: 3 }] }] },
  },
  validate: {},
};

describe("simulator responses validate against Datadog's OpenAPI schemas", () => {
  it("has a contract for exactly the simulator's endpoints, at the same method and path", () => {
    expect(Object.keys(contract.endpoints).sort()).toEqual([...ENDPOINT_IDS].sort());
    for (const id of ENDPOINT_IDS) {
      expect({ id, method: contract.endpoints[id]?.method, path: contract.endpoints[id]?.path }).toEqual({
        id,
        method: ENDPOINTS[id].method,
        path: ENDPOINTS[id].path,
      });
    }
  });

  for (const id of ENDPOINT_IDS.filter((id) => id !== "rules")) {
    it(`${id}`, async () => {
      const { query, body } = REQUESTS[id];
      const { status, json } = await call(id, query, body);
      const items = json.data ?? json.host_list ?? json.dashboards ?? json.indexes;
      // Every list endpoint returns something to validate (aggregate: its buckets).
      if (items !== undefined)
        expect(Array.isArray(items) ? items.length : (items as { buckets: unknown[] }).buckets.length).toBeGreaterThan(
          0,
        );
      expectValid(id, status, json);
    });
  }

  it("rules, every page; only the one rule with an unknown enum value breaks the schema", async () => {
    let seenUnparsed = 0;
    // Every page is validated; the undeclared keys are compared over the whole list, since
    // a key only some rule types carry (a correlation rule's updatedAt) is on some pages only.
    const parsed: Array<{ id: string }> = [];
    let last: { status: number; json: Record<string, unknown> } | null = null;
    for (let page = 0; ; page++) {
      const { status, json } = await call("rules", `?page[size]=100&page[number]=${page}`);
      const data = json.data as Array<{ id: string }>;
      const unparsed = data.filter((rule) => rule.id === sim.org.unparsedRuleId);
      seenUnparsed += unparsed.length;
      expect(status).toBe(200);
      parsed.push(...data.filter((rule) => rule.id !== sim.org.unparsedRuleId));
      last = { status, json };
      if (unparsed.length > 0) expect(validatorFor("rules")({ data: unparsed })).toBe(false);
      if (data.length < 100) break;
    }
    expectValid("rules", last!.status, { ...last!.json, data: parsed });
    expect(seenUnparsed).toBe(1);
  });

  it("the checks bite: a wrong type, a wrong enum value and a misspelt key are caught", () => {
    const host = { host_list: [{ name: "web-1", last_reported_time: "yesterday" }], total_matching: 1 };
    expect(validatorFor("hosts")(host)).toBe(false);
    expect(
      validatorFor("log_archives")({
        data: [{ type: "archives", attributes: { name: "a", query: "*", state: "PAUSED", destination: null } }],
      }),
    ).toBe(false);
    const endpoint = contract.endpoints.csm_agents as ContractEndpoint;
    expect(undeclaredKeys({ data: [{ attributes: { is_cws_enable: true } }] }, endpoint.schema, endpoint.spec)).toEqual(
      [".data[].attributes.is_cws_enable"],
    );
  });

  it("error bodies (403, 400, 429 and injected 5xx) are APIErrorResponse", async () => {
    const forbidden = await fetch(`${sim.url}/api/v1/hosts`);
    expect(forbidden.status).toBe(403);
    expect(errorValidator(await forbidden.json())).toBe(true);
    const bad = await call("hosts", "?count=5000");
    expect(bad.status).toBe(400);
    expect(errorValidator(bad.json)).toBe(true);
    sim.setFaults("dashboards:status=429@1,log_archives:status=503@1");
    const limited = await call("dashboards");
    const unavailable = await call("log_archives");
    sim.setFaults("");
    expect([limited.status, unavailable.status]).toEqual([429, 503]);
    expect(errorValidator(limited.json) && errorValidator(unavailable.json)).toBe(true);
  });
});
