/**
 * The package as a user gets it: `npm pack`, installed globally into an
 * empty prefix (production dependencies only, from npm's cache when it has
 * them), then `ddproof --version` and `ddproof demo` from an empty folder.
 * The tarball must hold everything the CLI reads at run time.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const INSTALL_TIMEOUT = 240_000;

let dir: string;
let prefix: string;
let empty: string;
let packed: string[];

/** The environment without what `npm test` sets for its scripts (prefix, global…), keeping the cache and registry. */
function npmEnv(): NodeJS.ProcessEnv {
  const keep = new Set(["npm_config_cache", "npm_config_userconfig", "npm_config_globalconfig", "npm_config_registry"]);
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.toLowerCase().startsWith("npm_") || keep.has(name.toLowerCase()),
    ),
  );
}

async function filesUnder(folder: string, recursive: boolean): Promise<string[]> {
  const entries = await readdir(join(ROOT, folder), { recursive, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => relative(ROOT, join(entry.parentPath, entry.name)));
}

/** What the CLI reads at run time, as it lies in the repository and its build. */
async function runtimeFiles(): Promise<string[]> {
  const sources = await filesUnder("src", true);
  return [
    "package.json",
    "README.md",
    "LICENSE",
    "NOTICE",
    "examples/ddproof.yaml",
    ...sources
      .filter((file) => file.endsWith(".ts"))
      .map((file) => file.replace(/^src\//, "dist/").replace(/\.ts$/, ".js")),
    ...sources.filter((file) => file.endsWith(".json")).map((file) => file.replace(/^src\//, "dist/")),
    ...(await filesUnder("frameworks", false)),
    ...(await filesUnder("mappings", false)),
    ...(await filesUnder("report-templates", true)),
  ];
}

beforeAll(async () => {
  if (!existsSync(join(ROOT, "dist", "cli", "main.js")))
    throw new Error("dist/ is missing: run `npm run build` (npm test does it first)");
  dir = await mkdtemp(join(tmpdir(), "ddproof-install-"));
  prefix = join(dir, "prefix");
  empty = join(dir, "empty");
  await mkdir(empty);
  // npm test has just built dist/, so the pack skips `prepare` (a second build).
  const pack = await run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", dir], {
    cwd: ROOT,
    env: npmEnv(),
    maxBuffer: 16 * 1024 * 1024,
  });
  const [result] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
  if (result === undefined) throw new Error(`npm pack printed no result: ${pack.stdout}`);
  packed = result.files.map((file) => file.path);
  await run(
    "npm",
    [
      "install",
      "--global",
      "--prefix",
      prefix,
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      join(dir, result.filename),
    ],
    {
      cwd: empty,
      env: npmEnv(),
      maxBuffer: 16 * 1024 * 1024,
    },
  );
}, INSTALL_TIMEOUT);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("the installed package", () => {
  it("holds everything the CLI reads at run time, and none of the tests or sources", async () => {
    const expected = await runtimeFiles();
    expect(expected.length).toBeGreaterThan(100);
    expect(expected.filter((file) => !packed.includes(file))).toEqual([]);
    expect(packed.filter((file) => /^(test|src|bench|scripts|\.ci)\//.test(file))).toEqual([]);
  });

  it("installs a ddproof command that prints the package's version", async () => {
    const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string };
    const { stdout } = await run(join(prefix, "bin", "ddproof"), ["--version"], { cwd: empty });
    expect(stdout.trim()).toBe(version);
    // Only production dependencies came with it.
    expect(existsSync(join(prefix, "lib", "node_modules", "ddproof", "node_modules", "vitest"))).toBe(false);
  });

  it(
    "runs the demo from an empty folder: three packs, each intact",
    async () => {
      const { stdout } = await run(join(prefix, "bin", "ddproof"), ["demo"], {
        cwd: empty,
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(stdout).toMatch(/11 of 11 collectors ok/);
      const out = join(empty, "ddproof-demo");
      for (const file of [
        "evidence/evidence-pack.pdf",
        "evidence/report.html",
        "gap/gap-report.pdf",
        "attack/attack-heatmap.pdf",
        "snapshot.json",
      ]) {
        expect(existsSync(join(out, file)), file).toBe(true);
      }
      for (const kind of ["evidence", "gap", "attack"]) {
        const verified = await run(join(prefix, "bin", "ddproof"), ["verify", join(out, kind)], { cwd: empty });
        expect(verified.stdout).toMatch(/intact/);
      }
    },
    INSTALL_TIMEOUT,
  );
});
