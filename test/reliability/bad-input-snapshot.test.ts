/**
 * A snapshot file wrong in turn, property-based: any field of a collected
 * snapshot replaced by a value of another type makes `assess` and `report`
 * exit 2 naming the file and the field's path, with no pack written. A
 * snapshot of another (or no) schema version is refused with the versions
 * this ddproof reads, before anything else is looked at.
 */
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatIssuePath } from "../../src/errors.js";
import { SUPPORTED_SNAPSHOT_VERSIONS } from "../../src/snapshot/schema.js";
import { cli } from "../helpers/run-cli.js";
import { collectSnapshotFile, readJson, writeJson } from "./fixtures/collected-snapshot.js";
import { escapeRegExp, otherTypeThan, pathRegExp } from "./fixtures/wrong-values.js";

type Path = (string | number)[];

let dir: string;
let original: unknown;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-snapshot-"));
  const file = join(dir, "collected.json");
  await collectSnapshotFile(file);
  original = await readJson(file);
  await writeFile(join(dir, "ddproof.yaml"), "frameworks: [pci-dss-4.0.1, mitre-attack]\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every node of a JSON document but the root, as paths. */
function nodePaths(value: unknown, prefix: Path = []): Path[] {
  const here = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => nodePaths(item, [...prefix, i]))];
  if (value !== null && typeof value === "object") {
    return [...here, ...Object.entries(value).flatMap(([key, child]) => nodePaths(child, [...prefix, key]))];
  }
  return here;
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

function withValue(root: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(root);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
  return copy;
}

const COMMANDS = {
  assess: (snapshot: string) => ["assess", "--snapshot", snapshot],
  report: (snapshot: string, out: string) => ["report", "--snapshot", snapshot, "--kind", "gap", "--out", out],
};

/** Writes the document, runs the command on it, expects exit 2 and no pack; returns stderr and the file. */
async function fails(command: keyof typeof COMMANDS, document: unknown): Promise<{ stderr: string; file: string }> {
  const file = join(dir, `snapshot-${runs}.json`);
  const out = join(dir, `pack-${runs}`);
  runs += 1;
  await writeJson(file, document);
  const run = await cli([...COMMANDS[command](file, out), "--config", join(dir, "ddproof.yaml")]);
  expect(run.code, run.stderr).toBe(2);
  expect(existsSync(out)).toBe(false);
  return { stderr: run.stderr, file };
}

describe("a snapshot with one field of the wrong type", () => {
  it("is named by file and path, with exit 2 and no pack", async () => {
    // The version is checked first and has its own message (below).
    const paths = nodePaths(original).filter((path) => path[0] !== "schema_version");
    expect(paths.length).toBeGreaterThan(500);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom("assess", "report" as const),
        async (path, command) => {
          const { stderr, file } = await fails(
            command,
            withValue(original, path, otherTypeThan(valueAt(original, path))),
          );
          expect(stderr).toMatch(pathRegExp(file, formatIssuePath(path)));
        },
      ),
      { numRuns: 80 },
    );
  });

  it("the collector part's status, replaced, is named too", async () => {
    const { stderr, file } = await fails("report", withValue(original, ["collectors", "rules", "status"], "partial"));
    expect(stderr).toMatch(pathRegExp(file, "collectors.rules.status"));
  });
});

describe("a snapshot from another schema version", () => {
  const supported = `this ddproof reads version ${SUPPORTED_SNAPSHOT_VERSIONS.join(", ")}`;

  it.each([
    ["version 3", 3, "3"],
    ["version 0", 0, "0"],
    ["the version as text", "1", '"1"'],
    ["no version", undefined, "null"],
  ])("%s: refused with the versions this ddproof reads", async (_name, version, shown) => {
    const document = structuredClone(original) as Record<string, unknown>;
    if (version === undefined) delete document.schema_version;
    else document.schema_version = version;
    for (const command of ["assess", "report"] as const) {
      const { stderr, file } = await fails(command, document);
      expect(stderr).toBe(`ddproof: ${file}: snapshot schema_version ${shown} is not supported; ${supported}`);
    }
  });

  it.each([
    ["not JSON", "{ this is not json"],
    ["JSON but not an object", "[1, 2, 3]"],
    ["empty", ""],
  ])("a file that is %s: refused, naming the file", async (_name, text) => {
    const file = join(dir, `raw-${runs}.json`);
    const out = join(dir, `pack-${runs}`);
    runs += 1;
    await writeFile(file, text);
    const run = await cli([
      "report",
      "--snapshot",
      file,
      "--kind",
      "gap",
      "--out",
      out,
      "--config",
      join(dir, "ddproof.yaml"),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      new RegExp(
        `^ddproof: ${escapeRegExp(file)}: (\\(top level\\): not valid JSON \\(|snapshot schema_version null is not supported)`,
      ),
    );
    expect(existsSync(out)).toBe(false);
  });
});
