/**
 * A user's mapping files (`--mappings DIR`) and attestations.yaml with one
 * field wrong in turn, property-based: exit 2, an error line naming the file
 * and the path inside it (`controls["10.2.1"][0].params.min_days_share`,
 * `[1].control.id`), and no pack written.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { dataPath } from "../../src/assess/data-file-errors.js";
import { formatIssuePath } from "../../src/errors.js";
import { PACKAGE_ROOT } from "../../src/version.js";
import { cli } from "../helpers/run-cli.js";
import { collectSnapshotFile } from "./fixtures/collected-snapshot.js";
import { otherTypeThan, pathRegExp, setAt, type ValueType, wrongValue } from "./fixtures/wrong-values.js";

let dir: string;
let snapshot: string;
let config: string;
let runs = 0;
let folders = 0;

interface MappingEntry {
  kind: string;
  params?: Record<string, unknown>;
  rationale: string;
}
type Controls = Record<string, MappingEntry[]>;
let shipped: Controls;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-mappings-"));
  snapshot = join(dir, "snapshot.json");
  config = join(dir, "ddproof.yaml");
  await writeFile(config, "frameworks: [pci-dss-4.0.1, mitre-attack]\n");
  await collectSnapshotFile(snapshot);
  const file = parse(await readFile(join(PACKAGE_ROOT, "mappings", "pci-dss-4.0.1.yaml"), "utf8")) as {
    controls: Controls;
  };
  // A user file maps a few controls again; these have params of several kinds and types.
  shipped = Object.fromEntries(
    Object.entries(file.controls)
      .filter(([, entries]) => entries.some((entry) => entry.params))
      .slice(0, 12),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs `report` with extra arguments; expects exit 2, no pack, and returns stderr. */
async function reportFails(args: string[]): Promise<string> {
  const out = join(dir, `pack-${runs}`);
  runs += 1;
  const run = await cli(["report", "--config", config, "--snapshot", snapshot, "--kind", "gap", "--out", out, ...args]);
  expect(run.code, run.stderr).toBe(2);
  expect(existsSync(out)).toBe(false);
  return run.stderr;
}

async function userMappings(
  controls: unknown,
  framework: unknown = "pci-dss-4.0.1",
): Promise<{ dir: string; file: string }> {
  const folder = join(dir, `mappings-${folders}`);
  folders += 1;
  await mkdir(folder);
  const file = join(folder, "pci-dss-4.0.1.yaml");
  await writeFile(file, stringify({ framework, controls }));
  return { dir: folder, file };
}

/** One change to the user's mapping file, and the path its error must name. */
interface MappingMutation {
  path: readonly (string | number)[];
  apply(controls: Controls): { controls: unknown; framework?: unknown };
}

const clone = (controls: Controls): Controls => structuredClone(controls);

function entryField(control: string, index: number, field: "kind" | "rationale", value: unknown): MappingMutation {
  return {
    path: ["controls", control, index, field],
    apply(controls) {
      const copy = clone(controls);
      (copy[control]![index] as unknown as Record<string, unknown>)[field] = value;
      return { controls: copy };
    },
  };
}

function paramField(control: string, index: number, key: string): MappingMutation {
  return {
    path: ["controls", control, index, "params", key],
    apply(controls) {
      const copy = clone(controls);
      const params = copy[control]![index]!.params!;
      params[key] = otherTypeThan(params[key]);
      return { controls: copy };
    },
  };
}

function mutations(controls: Controls): fc.Arbitrary<MappingMutation> {
  const entries = Object.entries(controls).flatMap(([control, list]) =>
    list.map((entry, index) => ({ control, index, entry })),
  );
  const params = entries.flatMap(({ control, index, entry }) =>
    Object.keys(entry.params ?? {}).map((key) => paramField(control, index, key)),
  );
  const fields = fc.constantFrom(...entries).chain(({ control, index }) =>
    fc.oneof(
      fc
        .oneof(fc.integer(), fc.constant(null), fc.constantFrom("log_sauce", "Log_Source", ""))
        .map((value) => entryField(control, index, "kind", value)),
      fc
        .oneof(fc.integer(), fc.constant(null), fc.constantFrom("", "   "))
        .map((value) => entryField(control, index, "rationale", value)),
    ),
  );
  const structure: MappingMutation[] = [
    { path: ["framework"], apply: (c) => ({ controls: c, framework: "soc2-2017" }) },
    { path: ["framework"], apply: (c) => ({ controls: c, framework: 7 }) },
    { path: ["controls", "99.99.99"], apply: (c) => ({ controls: { ...c, "99.99.99": c[Object.keys(c)[0]!] } }) },
    { path: ["controls", Object.keys(controls)[0]!], apply: (c) => ({ controls: { ...c, [Object.keys(c)[0]!]: [] } }) },
    { path: ["controls"], apply: () => ({ controls: "10.2.1" }) },
  ];
  return fc.oneof(fields, fc.constantFrom(...params), fc.constantFrom(...structure));
}

describe("a user's mapping file, one field wrong in turn", () => {
  it("is accepted as it is, so every failure below is the mutation's", async () => {
    const user = await userMappings(shipped);
    const run = await cli(["assess", "--config", config, "--snapshot", snapshot, "--mappings", user.dir]);
    expect(run.code, run.stderr).toBe(0);
  });

  it("exits 2 naming the file and the path of the wrong field, and writes no pack", async () => {
    await fc.assert(
      fc.asyncProperty(mutations(shipped), async (mutation) => {
        const changed = mutation.apply(shipped);
        const user = await userMappings(changed.controls, changed.framework ?? "pci-dss-4.0.1");
        const stderr = await reportFails(["--mappings", user.dir]);
        expect(stderr).toMatch(pathRegExp(user.file, dataPath(mutation.path)));
      }),
      { numRuns: 40 },
    );
  });

  it("a mapping file named after no catalog is refused, naming the file", async () => {
    const folder = join(dir, "orphan-mappings");
    await mkdir(folder);
    await writeFile(join(folder, "pci-dss-9.yaml"), stringify({ framework: "pci-dss-9", controls: {} }));
    expect(await reportFails(["--mappings", folder])).toContain(
      `${join(folder, "pci-dss-9.yaml")}: (top level): no catalog "pci-dss-9" exists`,
    );
  });
});

describe("the other files of a mappings folder, one field wrong in turn", () => {
  const SOURCE_ROW = { datadog: ["cloudtrail"], attack: ["AWS:CloudTrail"], workload_protection: false };

  it.each([
    ["datadog sources as text", { sources: [{ ...SOURCE_ROW, datadog: "cloudtrail" }] }, ["sources", 0, "datadog"]],
    ["an empty ATT&CK name", { sources: [{ ...SOURCE_ROW, attack: [""] }] }, ["sources", 0, "attack", 0]],
    [
      "workload_protection as text",
      { sources: [{ ...SOURCE_ROW, workload_protection: "yes" }] },
      ["sources", 0, "workload_protection"],
    ],
    ["no rows", { sources: [] }, ["sources"]],
    ["an unknown key in a row", { sources: [{ ...SOURCE_ROW, mitre: "x" }] }, ["sources", 0]],
  ])("attack-log-sources.yaml with %s: exit 2 naming the file and path", async (_name, table, path) => {
    folders += 1;
    const folder = join(dir, `source-map-${folders}`);
    await mkdir(folder);
    const file = join(folder, "attack-log-sources.yaml");
    await writeFile(file, stringify(table));
    expect(await reportFails(["--mappings", folder])).toMatch(pathRegExp(file, dataPath(path)));
  });

  it.each([
    ["a title that is not text", ["controls", 0, "title"], 42],
    ["a parent that is not a control", ["controls", 3, "parent"], "99.99"],
    ["a version that is not text", ["version"], 4.01],
    ["controls that are not a list", ["controls"], { "10.2.1": "logging" }],
  ])("a user catalog (pci-dss-4.0.1.json) with %s: exit 2 naming the file and path", async (_name, path, value) => {
    folders += 1;
    const folder = join(dir, `catalog-${folders}`);
    await mkdir(folder);
    const catalog = JSON.parse(
      await readFile(join(PACKAGE_ROOT, "frameworks", "pci-dss-4.0.1.json"), "utf8"),
    ) as unknown;
    setAt(catalog, path, value);
    const file = join(folder, "pci-dss-4.0.1.json");
    await writeFile(file, JSON.stringify(catalog));
    expect(await reportFails(["--mappings", folder])).toMatch(pathRegExp(file, formatIssuePath(path)));
  });
});

interface AttestationField {
  path: readonly (string | number)[];
  type: ValueType;
  invalid?: readonly unknown[];
}

const ATTESTATIONS = [
  {
    control: { framework: "pci-dss-4.0.1", id: "10.2.1" },
    type: "evidence",
    owner: "Jane Roe",
    reason: "Reviewed the logging standard",
    date: "2026-01-01",
    expires: "2027-01-01",
    links: ["https://wiki.example.com/logging"],
  },
  {
    control: { framework: "mitre-attack", id: "T1110" },
    type: "risk_acceptance",
    owner: "SOC",
    reason: "Compensating control",
    date: "2026-02-01",
    expires: "2026-12-31",
    links: [],
  },
];

const ATTESTATION_FIELDS: AttestationField[] = [0, 1].flatMap((i) => [
  { path: [i], type: "object" as const },
  { path: [i, "control"], type: "object" as const },
  { path: [i, "control", "framework"], type: "string" as const, invalid: ["iso-27001", "../../evil"] },
  { path: [i, "control", "id"], type: "string" as const, invalid: ["99.99", "T9999"] },
  { path: [i, "type"], type: "string" as const, invalid: ["waiver", "Evidence"] },
  { path: [i, "owner"], type: "string" as const, invalid: ["", "   "] },
  { path: [i, "reason"], type: "string" as const, invalid: [""] },
  { path: [i, "date"], type: "string" as const, invalid: ["2026-13-01", "yesterday", "01/02/2026"] },
  { path: [i, "expires"], type: "string" as const, invalid: ["2025-01-01", "never"] },
  { path: [i, "links"], type: "strings" as const, invalid: [[""]] },
]);

describe("attestations.yaml, one field wrong in turn", () => {
  const file = () => {
    folders += 1;
    return join(dir, `attestations-${folders}.yaml`);
  };

  it("is accepted as it is", async () => {
    const path = file();
    await writeFile(path, stringify(ATTESTATIONS));
    const run = await cli(["assess", "--config", config, "--snapshot", snapshot, "--attestations", path]);
    expect(run.code, run.stderr).toBe(0);
  });

  it("exits 2 naming the file and the path of the wrong field, and writes no pack", async () => {
    const mutation = fc
      .constantFrom(...ATTESTATION_FIELDS)
      .chain((field) => fc.record({ field: fc.constant(field), value: wrongValue(field.type, field.invalid ?? []) }));
    await fc.assert(
      fc.asyncProperty(mutation, async ({ field, value }) => {
        const path = file();
        const attestations = structuredClone(ATTESTATIONS);
        setAt(attestations, field.path, value);
        await writeFile(path, stringify(attestations));
        const stderr = await reportFails(["--attestations", path]);
        expect(stderr).toMatch(pathRegExp(path, dataPath(field.path)));
      }),
      { numRuns: 40 },
    );
  });

  it.each([
    ["a map instead of a list", { owner: "x" }, "(top level)"],
    ["an unknown key", [{ ...ATTESTATIONS[0], approver: "CISO" }], "[0]"],
  ])("%s: exit 2 naming the file and where", async (_name, value, where) => {
    const path = file();
    await writeFile(path, stringify(value));
    expect(await reportFails(["--attestations", path])).toMatch(pathRegExp(path, where));
  });
});
