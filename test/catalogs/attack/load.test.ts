import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAttackCatalog } from "../../../src/catalogs/attack/format.js";
import { importAttack } from "../../../src/catalogs/attack/import.js";
import { loadAttackCatalog } from "../../../src/catalogs/attack/load.js";
import type { AttackCatalog } from "../../../src/catalogs/attack/schema.js";
import { InputError } from "../../../src/errors.js";

const V18_BUNDLE = fileURLToPath(new URL("./fixtures/v18-bundle.json", import.meta.url));

let dir: string;
let catalog: AttackCatalog;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-attack-load-"));
  catalog = await importAttack(V18_BUNDLE);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function write(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

async function loadError(file: string): Promise<string> {
  const error: unknown = await loadAttackCatalog(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return (error as InputError).message;
}

describe("loadAttackCatalog", () => {
  it("round-trips what the importer wrote", async () => {
    const file = await write("catalog.json", formatAttackCatalog(catalog));
    expect(await loadAttackCatalog(file)).toEqual(catalog);
  });

  it("names the file and the path of each problem", async () => {
    const broken = structuredClone(catalog);
    broken.techniques[1]!.parent = "T9999";
    broken.techniques[2]!.tactics = ["stealth"];
    broken.tactics[0]!.id = "TA1";
    const file = await write("broken.json", JSON.stringify(broken));
    expect((await loadError(file)).split("\n")).toEqual([
      `${file}: tactics[0].id: expected an ATT&CK tactic id such as TA0001`,
      `${file}: techniques[1].parent: a sub-technique needs a parent and a technique must not have one`,
      `${file}: techniques[1].parent: parent T9999 is not a technique in this catalog`,
      `${file}: techniques[2].tactics[0]: unknown tactic shortname stealth`,
    ]);
  });

  it("refuses techniques out of order and unsorted log sources", async () => {
    const broken = structuredClone(catalog);
    broken.techniques.reverse();
    broken.techniques[0]!.log_sources = ["b", "a"];
    const message = await loadError(await write("unsorted.json", JSON.stringify(broken)));
    expect(message).toContain(
      "techniques[1].id: techniques must be sorted by id without duplicates (T1110.001 follows T1200)",
    );
    expect(message).toContain("techniques[0].log_sources[1]: log sources must be sorted and unique");
  });

  it("refuses a file that is missing or not JSON", async () => {
    expect(await loadError(join(dir, "absent.json"))).toBe(
      `${join(dir, "absent.json")}: cannot read the file (ENOENT)`,
    );
    const file = await write("not-json.json", "{");
    expect(await loadError(file)).toMatch(/not-json\.json: \(top level\): not valid JSON \(/);
  });
});
