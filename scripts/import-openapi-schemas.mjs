#!/usr/bin/env node
/**
 * Imports, from Datadog's official OpenAPI specs, the response schemas of the
 * endpoints the simulator serves, for the simulator's contract test.
 *
 *   node scripts/import-openapi-schemas.mjs [spec-dir]
 *
 * spec-dir holds v1-openapi.yaml, v2-openapi.yaml and SOURCE.md (default:
 * ../shared/datadog-openapi beside the package). For each endpoint it takes
 * the schema of the success response and the transitive closure of the
 * component schemas it references, unmodified, and writes:
 *
 *   contracts/datadog/schemas.json  endpoints + component schema excerpts per spec
 *   contracts/datadog/LICENSE       Apache-2.0, from the client package built from the same repository
 *   contracts/datadog/SOURCE.md     origin and checksums (the hand-written part below its marker is kept)
 *
 * Tests read only contracts/; nothing reads the spec directory at run time.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const OUT_DIR = join(PACKAGE_ROOT, "contracts", "datadog");
const HAND_WRITTEN_MARKER = "<!-- Everything below this line is maintained by hand; the importer keeps it. -->";

/** The simulator's endpoints: id → where the spec describes them and their success status. */
const ENDPOINTS = {
  rules: { spec: "v2", method: "get", path: "/api/v2/security_monitoring/rules", status: "200" },
  suppressions: {
    spec: "v2",
    method: "get",
    path: "/api/v2/security_monitoring/configuration/suppressions",
    status: "200",
  },
  agent_rules: { spec: "v2", method: "get", path: "/api/v2/remote_config/products/cws/agent_rules", status: "200" },
  notification_rules: { spec: "v2", method: "get", path: "/api/v2/security/signals/notification_rules", status: "200" },
  dashboards: { spec: "v1", method: "get", path: "/api/v1/dashboard", status: "200" },
  logs_aggregate: { spec: "v2", method: "post", path: "/api/v2/logs/analytics/aggregate", status: "200" },
  log_indexes: { spec: "v1", method: "get", path: "/api/v1/logs/config/indexes", status: "200" },
  log_archives: { spec: "v2", method: "get", path: "/api/v2/logs/config/archives", status: "200" },
  csm_agents: { spec: "v2", method: "get", path: "/api/v2/csm/onboarding/agents", status: "200" },
  hosts: { spec: "v1", method: "get", path: "/api/v1/hosts", status: "200" },
  signals: { spec: "v2", method: "post", path: "/api/v2/security_monitoring/signals/search", status: "200" },
  audit: { spec: "v2", method: "post", path: "/api/v2/audit/events/search", status: "200" },
  events_submit: { spec: "v1", method: "post", path: "/api/v1/events", status: "202" },
  metrics_submit: { spec: "v2", method: "post", path: "/api/v2/series", status: "202" },
  validate: { spec: "v1", method: "get", path: "/api/v1/validate", status: "200" },
};

/** The error body every endpoint answers 4xx/5xx with. */
const ERROR_SCHEMA = "APIErrorResponse";

function fail(message) {
  console.error(`import-openapi-schemas: ${message}`);
  process.exit(2);
}

function schemaName(ref, where) {
  const match = /^#\/components\/schemas\/(.+)$/.exec(ref);
  if (!match) fail(`${where}: unsupported $ref ${ref} (only #/components/schemas/… is followed)`);
  return match[1];
}

/** Adds every component schema reachable from `node` to `names`. */
function collectRefs(node, spec, names, where) {
  if (Array.isArray(node)) {
    node.forEach((item, index) => collectRefs(item, spec, names, `${where}[${index}]`));
    return;
  }
  if (!node || typeof node !== "object") return;
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string") {
      const name = schemaName(value, where);
      if (names.has(name)) continue;
      const schema = spec.components?.schemas?.[name];
      if (!schema) fail(`${where}: $ref ${value} not found in the spec`);
      names.add(name);
      collectRefs(schema, spec, names, `#/components/schemas/${name}`);
    } else if (key !== "example" && key !== "examples") {
      collectRefs(value, spec, names, `${where}/${key}`);
    }
  }
}

function successSchema(spec, id, endpoint) {
  const where = `${endpoint.spec} ${endpoint.method.toUpperCase()} ${endpoint.path}`;
  const operation = spec.paths?.[endpoint.path]?.[endpoint.method];
  if (!operation) fail(`${id}: ${where} is not in the spec`);
  let response = operation.responses?.[endpoint.status];
  if (!response) fail(`${id}: ${where} has no ${endpoint.status} response`);
  if (response.$ref) response = spec.components?.responses?.[response.$ref.split("/").pop()];
  const schema = response?.content?.["application/json"]?.schema;
  if (!schema) fail(`${id}: ${where} ${endpoint.status} has no application/json schema`);
  return { operationId: operation.operationId, schema };
}

/** The origin rows of the shared SOURCE.md table: file → { sha256, origin }. */
function readOrigins(specDir) {
  const origins = new Map();
  const text = readFileSync(join(specDir, "SOURCE.md"), "utf8");
  for (const line of text.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    if (cells.length >= 6 && cells[1]?.endsWith(".yaml")) origins.set(cells[1], { sha256: cells[3], origin: cells[4] });
  }
  return origins;
}

function sortedObject(names, schemas) {
  return Object.fromEntries([...names].sort().map((name) => [name, schemas[name]]));
}

function main() {
  const specDir = resolve(process.argv[2] ?? join(PACKAGE_ROOT, "..", "shared", "datadog-openapi"));
  if (!existsSync(specDir)) fail(`spec directory ${specDir} does not exist (pass it as the first argument)`);
  const origins = readOrigins(specDir);
  const specs = {};
  const files = {};
  for (const version of ["v1", "v2"]) {
    const file = `${version}-openapi.yaml`;
    const bytes = readFileSync(join(specDir, file));
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const origin = origins.get(file);
    if (origin && origin.sha256 !== sha256)
      console.warn(`import-openapi-schemas: ${file} differs from the sha256 its SOURCE.md records`);
    files[version] = { file, bytes: bytes.length, sha256, origin: origin?.origin ?? "unknown" };
    specs[version] = parse(bytes.toString("utf8"), { maxAliasCount: -1 });
  }

  const names = { v1: new Set(), v2: new Set() };
  const endpoints = {};
  for (const [id, endpoint] of Object.entries(ENDPOINTS)) {
    const spec = specs[endpoint.spec];
    const { operationId, schema } = successSchema(spec, id, endpoint);
    collectRefs(schema, spec, names[endpoint.spec], `${id}`);
    collectRefs({ $ref: `#/components/schemas/${ERROR_SCHEMA}` }, spec, names[endpoint.spec], `${id} errors`);
    endpoints[id] = {
      ...endpoint,
      method: endpoint.method.toUpperCase(),
      operationId,
      schema,
      errorSchema: { $ref: `#/components/schemas/${ERROR_SCHEMA}` },
    };
  }

  const contract = {
    $comment:
      "Excerpts, unmodified, of Datadog's OpenAPI specs (Apache-2.0, see LICENSE and SOURCE.md): per endpoint the success response schema, and per spec the component schemas it references. Generated by scripts/import-openapi-schemas.mjs.",
    files,
    endpoints,
    v1: { components: { schemas: sortedObject(names.v1, specs.v1.components.schemas) } },
    v2: { components: { schemas: sortedObject(names.v2, specs.v2.components.schemas) } },
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, "schemas.json"), `${JSON.stringify(contract, null, 1)}\n`);
  writeFileSync(
    join(OUT_DIR, "LICENSE"),
    readFileSync(join(PACKAGE_ROOT, "node_modules", "@datadog", "datadog-api-client", "LICENSE")),
  );

  const sourcePath = join(OUT_DIR, "SOURCE.md");
  const previous = existsSync(sourcePath) ? readFileSync(sourcePath, "utf8") : "";
  const handWritten = previous.includes(HAND_WRITTEN_MARKER)
    ? previous.slice(previous.indexOf(HAND_WRITTEN_MARKER) + HAND_WRITTEN_MARKER.length)
    : "\n";
  const rows = Object.values(files).map((f) => `| ${f.file} | ${f.bytes} | ${f.sha256} | ${f.origin} |`);
  writeFileSync(
    sourcePath,
    [
      "# Datadog OpenAPI schema excerpts",
      "",
      "`schemas.json` holds excerpts of Datadog's official OpenAPI specifications, copied unmodified:",
      "for each endpoint the simulator serves, the schema of its success response and every component",
      "schema it references (transitively), plus `APIErrorResponse`. They come from the",
      "DataDog/datadog-api-client-typescript repository (Apache License 2.0, copied to `LICENSE` here from",
      "the @datadog/datadog-api-client package, which is published from that repository).",
      "",
      "| File | Bytes | sha256 | Origin |",
      "|---|---|---|---|",
      ...rows,
      "",
      "Regenerate with `node scripts/import-openapi-schemas.mjs [spec-dir]`.",
      "",
      HAND_WRITTEN_MARKER,
    ].join("\n") + handWritten,
  );
  const count = names.v1.size + names.v2.size;
  console.log(
    `import-openapi-schemas: ${Object.keys(endpoints).length} endpoints, ${count} component schemas → ${join("contracts", "datadog", "schemas.json")}`,
  );
}

main();
