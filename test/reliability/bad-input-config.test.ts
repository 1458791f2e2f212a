/**
 * Every field of ddproof.yaml wrong in turn, property-based: a config with
 * one field replaced by a value of the wrong type (or an impossible value),
 * an unknown key, or broken YAML. Every command that reads the config exits
 * 2, names the file and the dotted/bracketed path of the field, and writes
 * nothing. The field table is checked against the Config schema, so a new
 * config field has to be added here.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { z } from "zod";
import { Config } from "../../src/config/schema.js";
import { formatIssuePath } from "../../src/errors.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { collectSnapshotFile } from "./fixtures/collected-snapshot.js";
import { escapeRegExp, pathRegExp, setAt, type ValueType, wrongValue } from "./fixtures/wrong-values.js";

let dir: string;
let snapshot: string;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-config-"));
  snapshot = join(dir, "snapshot.json");
  await collectSnapshotFile(snapshot);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

type Path = readonly (string | number)[];

interface ConfigField {
  path: Path;
  type: ValueType;
  /** Values of the right type that the field still refuses. */
  invalid?: readonly unknown[];
}

const BAD_ZONES = ["Mars/Olympus_Mons", "UTC+25", "Europe/Atlantis"];
const BAD_FRAMEWORKS = [["pci-dss-3.2"], ["../../evil"], ["soc2-2017", "iso-27001"]];

const FIELDS: readonly ConfigField[] = [
  { path: ["site"], type: "string", invalid: ["datadoghq.cm", "api.datadoghq.com", "evil.example"] },
  { path: ["insecure_http"], type: "boolean" },
  { path: ["max_response_mib"], type: "number", invalid: [0, -1, 4096] },
  { path: ["org_name"], type: "string" },
  { path: ["timezone"], type: "string", invalid: BAD_ZONES },
  { path: ["frameworks"], type: "strings", invalid: BAD_FRAMEWORKS },
  { path: ["thresholds"], type: "object" },
  { path: ["thresholds", "attack_gap_below"], type: "number", invalid: [6, -1, 2.5] },
  { path: ["thresholds", "triage_sla_minutes"], type: "object" },
  { path: ["thresholds", "triage_sla_minutes", "critical"], type: "number", invalid: [0, -5] },
  { path: ["thresholds", "triage_sla_minutes", "high"], type: "number", invalid: [0, -240] },
  { path: ["output_root"], type: "string" },
  { path: ["mappings"], type: "strings" },
  { path: ["attestations"], type: "string" },
  { path: ["jobs"], type: "array" },
  { path: ["jobs", 0], type: "object" },
  { path: ["jobs", 0, "name"], type: "string", invalid: ["Nightly Job", "-nightly", "", "../evil"] },
  { path: ["jobs", 0, "cron"], type: "string", invalid: ["61 * * * *", "every night", "* * *", "0 2 * * * * *"] },
  { path: ["jobs", 0, "timezone"], type: "string", invalid: BAD_ZONES },
  { path: ["jobs", 0, "kind"], type: "string", invalid: ["weekly", "GAP"] },
  { path: ["jobs", 0, "period"], type: "string", invalid: ["last-3w", "2026-Q5", "tomorrow"] },
  { path: ["jobs", 0, "frameworks"], type: "strings", invalid: BAD_FRAMEWORKS },
  { path: ["jobs", 0, "output_root"], type: "string" },
  { path: ["jobs", 0, "retention"], type: "object" },
  { path: ["jobs", 0, "retention", "keep_last"], type: "number", invalid: [0, -1, 1.5] },
  { path: ["jobs", 0, "retention", "keep_days"], type: "number", invalid: [0, -30] },
  { path: ["jobs", 0, "run_missed_on_start"], type: "boolean" },
  // The orgs a job runs on: names from `orgs:`, each once, or "all".
  { path: ["jobs", 0, "orgs"], type: "strings", invalid: [["apac"], ["eu", "eu"], [], "every"] },
  {
    path: ["jobs", 0, "signing_key_file"],
    type: "string",
    invalid: ["-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----\n"],
  },
  { path: ["jobs", 0, "notify"], type: "object" },
  { path: ["jobs", 0, "notify", "datadog_event"], type: "boolean" },
  { path: ["jobs", 0, "notify", "datadog_metrics"], type: "boolean" },
  {
    path: ["jobs", 0, "notify", "slack_webhook"],
    type: "string",
    invalid: ["ftp://hooks.example.com/x", "env:1BAD", "hooks.example.com/x"],
  },
  { path: ["orgs"], type: "array", invalid: [[]] },
  { path: ["orgs", 0], type: "object" },
  { path: ["orgs", 0, "name"], type: "string", invalid: ["fleet", "EU", "-eu", "", "../evil"] },
  { path: ["orgs", 0, "org_name"], type: "string" },
  { path: ["orgs", 0, "site"], type: "string", invalid: ["datadoghq.cm", "api.datadoghq.com", "evil.example"] },
  // A pasted key (lower-case hex) is refused as a variable name.
  { path: ["orgs", 0, "api_key_env"], type: "string", invalid: ["dd_api_key_eu", "0123456789abcdef0123456789abcdef"] },
  { path: ["orgs", 0, "app_key_env"], type: "string", invalid: ["1BAD", "DD APP KEY"] },
  // Plain http to another machine needs insecure_http: true in the same file.
  {
    path: ["orgs", 0, "api_url"],
    type: "string",
    invalid: ["ftp://dd-proxy.example.eu", "http://dd-proxy.example.eu"],
  },
  { path: ["orgs", 0, "frameworks"], type: "strings", invalid: BAD_FRAMEWORKS },
];

/** A config that sets every field; output goes under the test's folder (set per run). */
function baseConfig(root: string): Record<string, unknown> {
  return {
    site: "datadoghq.eu",
    org_name: "Reliability Ltd",
    timezone: "Europe/Paris",
    frameworks: ["pci-dss-4.0.1", "mitre-attack"],
    thresholds: { attack_gap_below: 3, triage_sla_minutes: { critical: 60, high: 240 } },
    output_root: join(root, "runs"),
    mappings: [],
    jobs: [
      {
        name: "nightly",
        cron: "0 2 * * *",
        timezone: "UTC",
        kind: "gap",
        period: "last-24h",
        frameworks: ["pci-dss-4.0.1"],
        output_root: join(root, "job-runs"),
        retention: { keep_last: 3, keep_days: 30 },
        run_missed_on_start: false,
        orgs: ["eu"],
        notify: {
          datadog_event: false,
          datadog_metrics: false,
          slack_webhook: "https://hooks.example.com/services/T0/B0/x",
        },
      },
    ],
    orgs: [
      {
        name: "eu",
        org_name: "Reliability EU",
        site: "datadoghq.eu",
        api_key_env: "DD_API_KEY_EU",
        app_key_env: "DD_APP_KEY_EU",
        api_url: "https://dd-proxy.example.eu",
        frameworks: ["pci-dss-4.0.1"],
      },
    ],
  };
}

/** Every field path the Config schema defines, objects and leaves, with `[0]` for array elements. */
function schemaPaths(schema: z.ZodType, prefix: Path = []): string[] {
  let inner = schema as z.ZodType & { _zod: { def: { innerType?: z.ZodType } } };
  while (inner._zod.def.innerType) inner = inner._zod.def.innerType as typeof inner;
  const here = prefix.length > 0 ? [formatIssuePath(prefix)] : [];
  if (inner instanceof z.ZodObject) {
    return [
      ...here,
      ...Object.entries(inner.shape).flatMap(([key, child]) => schemaPaths(child as z.ZodType, [...prefix, key])),
    ];
  }
  if (inner instanceof z.ZodArray) {
    const element = schemaPaths(inner.element as z.ZodType, [...prefix, 0]);
    return element.length > 1 ? [...here, ...element] : here;
  }
  return here;
}

/** The commands that read a config file, each with where it would write. */
const COMMANDS = {
  report: (config: string, out: string) => [
    "report",
    "--config",
    config,
    "--snapshot",
    snapshot,
    "--kind",
    "gap",
    "--out",
    out,
  ],
  assess: (config: string) => ["assess", "--config", config, "--snapshot", snapshot],
  collect: (config: string, out: string) => [
    "collect",
    "--config",
    config,
    "--period",
    "last-24h",
    "--out",
    join(out, "snapshot.json"),
  ],
  "run-job": (config: string) => ["run-job", "nightly", "--config", config, "--api-url", "http://127.0.0.1:9"],
  doctor: (config: string) => ["doctor", "--config", config, "--api-url", "http://127.0.0.1:9"],
} as const;
const COMMAND_NAMES = Object.keys(COMMANDS) as (keyof typeof COMMANDS)[];
const ENV = { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY };

interface BadRun {
  stderr: string;
  config: string;
  root: string;
}

/** Writes `config` as YAML, runs `command` on it, and checks exit 2 with nothing written. */
async function runBad(command: keyof typeof COMMANDS, configValue: unknown, root: string): Promise<BadRun> {
  const config = join(dir, `config-${runs}.yaml`);
  runs += 1;
  await writeFile(config, typeof configValue === "string" ? configValue : stringify(configValue));
  const out = join(root, "out");
  const run = await cli([...COMMANDS[command](config, out)], ENV);
  expect(run.code, run.stderr).toBe(2);
  expect(existsSync(root), `${command} wrote under ${root}`).toBe(false);
  return { stderr: run.stderr, config, root };
}

describe("the field table", () => {
  it("lists exactly the fields the Config schema defines", () => {
    expect(FIELDS.map((field) => formatIssuePath(field.path)).sort()).toEqual(schemaPaths(Config).sort());
  });

  it("starts from a config every command accepts", async () => {
    const config = join(dir, "base.yaml");
    await writeFile(config, stringify(baseConfig(join(dir, "base"))));
    expect((await cli([...COMMANDS.assess(config)], ENV)).code).toBe(0);
  });
});

describe("one field wrong in turn", () => {
  const field = fc.constantFrom(...FIELDS);
  const mutation = field.chain((chosen) =>
    fc.record({
      field: fc.constant(chosen),
      value: wrongValue(chosen.type, chosen.invalid ?? []),
      command: fc.constantFrom(...COMMAND_NAMES),
    }),
  );

  it("exits 2 naming the file and the field's path, and writes nothing", async () => {
    await fc.assert(
      fc.asyncProperty(mutation, async ({ field: chosen, value, command }) => {
        const root = join(dir, `run-${runs}`);
        const config = baseConfig(root);
        setAt(config, chosen.path, value);
        const bad = await runBad(command, config, root);
        expect(bad.stderr).toMatch(pathRegExp(bad.config, formatIssuePath(chosen.path)));
      }),
      { numRuns: 120 },
    );
  });

  it("covers every field with a wrong type at least once, on every command", async () => {
    for (const chosen of FIELDS) {
      const root = join(dir, `run-${runs}`);
      const config = baseConfig(root);
      setAt(config, chosen.path, chosen.type === "number" ? "three" : 3);
      const bad = await runBad(COMMAND_NAMES[runs % COMMAND_NAMES.length]!, config, root);
      expect(bad.stderr).toMatch(pathRegExp(bad.config, formatIssuePath(chosen.path)));
    }
  });
});

describe("unknown keys and broken YAML", () => {
  const objects: Path[] = [
    [],
    ["thresholds"],
    ["thresholds", "triage_sla_minutes"],
    ["jobs", 0],
    ["jobs", 0, "retention"],
    ["jobs", 0, "notify"],
  ];

  it("an unknown key is named with the object that holds it", async () => {
    const key = fc
      .stringMatching(/^[a-z][a-z_]{2,12}$/)
      .filter(
        (name) =>
          ![
            "site",
            "insecure_http",
            "max_response_mib",
            "org_name",
            "timezone",
            "frameworks",
            "thresholds",
            "output_root",
            "mappings",
            "attestations",
            "jobs",
            "name",
            "cron",
            "kind",
            "period",
            "retention",
            "notify",
            "critical",
            "high",
            "keep_last",
            "keep_days",
            "run_missed_on_start",
            "datadog_event",
            "datadog_metrics",
            "slack_webhook",
            "attack_gap_below",
            "triage_sla_minutes",
          ].includes(name),
      );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...objects),
        key,
        fc.constantFrom(...COMMAND_NAMES),
        async (path, name, command) => {
          const root = join(dir, `run-${runs}`);
          const config = baseConfig(root);
          setAt(config, [...path, name], 1);
          const bad = await runBad(command, config, root);
          expect(bad.stderr).toContain(`${bad.config}: ${formatIssuePath(path)}: Unrecognized key: "${name}"`);
        },
      ),
      { numRuns: 30 },
    );
  });

  it.each([
    ["a tab indent", "site: datadoghq.eu\n\ttimezone: UTC\n", /line 2, column 1/],
    ["an unclosed list", "frameworks: [pci-dss-4.0.1\n", /line 2, column 1|line 1, column \d+/],
    ["a duplicate key", "site: a\nsite: b\n", /line 2, column 1: Map keys must be unique/],
  ])("YAML with %s: exit 2 naming the file and line", async (_name, text, where) => {
    const root = join(dir, `run-${runs}`);
    const bad = await runBad("report", text, root);
    expect(bad.stderr).toMatch(new RegExp(`${escapeRegExp(bad.config)}: ${where.source}`));
  });
});
