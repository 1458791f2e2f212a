/**
 * A broken install: a shipped mapping file or the shipped source table that
 * does not parse is named as the package names it (`mappings/<file>`), not by
 * where the package happens to be installed. The package root is moved to a
 * copy of frameworks/ and mappings/ for this file only (version.js is
 * replaced), so the shipped files can be broken without touching the real ones.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { loadAssessInputs } from "../../src/assess/load-inputs.js";
import { parseYaml } from "../../src/config/load.js";
import { PACKAGE_ROOT } from "../../src/version.js";

vi.mock("../../src/version.js", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../src/version.js")>();
  const { cpSync, mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join: joinPath } = await import("node:path");
  const copy = mkdtempSync(joinPath(tmpdir(), "ddproof-package-"));
  for (const folder of ["frameworks", "mappings"])
    cpSync(joinPath(actual.PACKAGE_ROOT, folder), joinPath(copy, folder), { recursive: true });
  return { ...actual, PACKAGE_ROOT: copy };
});

const shipped = (name: string) => join(PACKAGE_ROOT, "mappings", name);
const originals = new Map<string, string>();
/** Replaces a shipped file's text until the test ends. */
function breakShipped(name: string, text: string): void {
  if (!originals.has(name)) originals.set(name, readFileSync(shipped(name), "utf8"));
  writeFileSync(shipped(name), text);
}

afterEach(() => {
  for (const [name, text] of originals) writeFileSync(shipped(name), text);
  originals.clear();
});
afterAll(() => rmSync(PACKAGE_ROOT, { recursive: true, force: true }));

const load = () => loadAssessInputs({ frameworks: ["soc2-2017"], userDirs: [], attestationsFile: null });

describe("the shipped mapping files", () => {
  it("load from the moved package root as they are", async () => {
    expect(PACKAGE_ROOT).toMatch(/ddproof-package-/);
    const inputs = await load();
    expect(Object.keys(inputs.mappings)).toEqual(["soc2-2017"]);
    const table = parseYaml(readFileSync(shipped("attack-log-sources.yaml"), "utf8"), "table") as {
      sources: { datadog: string[] }[];
    };
    expect(inputs.sourceMap.map((row) => row.datadog)).toEqual(table.sources.map((row) => row.datadog));
  });

  it("name a broken mapping file mappings/<file>", async () => {
    breakShipped("soc2-2017.yaml", "framework: soc2\ncontrols: {}\n");
    await expect(load()).rejects.toThrow(
      /^mappings\/soc2-2017\.yaml: framework: expected "soc2-2017" \(the file name without \.yaml\)$/,
    );
  });

  it("name a broken source table mappings/attack-log-sources.yaml", async () => {
    breakShipped("attack-log-sources.yaml", "sources: []\n");
    await expect(load()).rejects.toThrow(/^mappings\/attack-log-sources\.yaml: sources: /);
  });
});
