import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importAttack } from "../../../src/catalogs/attack/import.js";
import { InputError } from "../../../src/errors.js";

type StixObject = Record<string, unknown> & { type: string; id: string };

const V18_BUNDLE = fileURLToPath(new URL("./fixtures/v18-bundle.json", import.meta.url));

let dir: string;
let objects: StixObject[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-attack-"));
  objects = (JSON.parse(await readFile(V18_BUNDLE, "utf8")) as { objects: StixObject[] }).objects;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the v18 fixture with `edit` applied to a copy of its objects; returns the file. */
async function bundleWith(name: string, edit: (objects: StixObject[]) => StixObject[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, JSON.stringify({ type: "bundle", objects: edit(structuredClone(objects)) }));
  return file;
}

function byId(list: StixObject[], id: string): StixObject {
  const found = list.find((object) => object.id === id);
  if (found === undefined) throw new Error(`${id} is not in the fixture`);
  return found;
}

/** Matches a message that starts with `file` (taken literally) followed by `rest`. */
function startingWith(file: string, rest: string): RegExp {
  return new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}${rest}`);
}

async function importError(file: string): Promise<InputError> {
  const error: unknown = await importAttack(file).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("importAttack refuses bad input, naming the file and what was expected", () => {
  it("a file that is not JSON", async () => {
    const file = join(dir, "not-json.json");
    await writeFile(file, "<html>not a bundle</html>");
    expect((await importError(file)).message).toMatch(startingWith(file, ": \\(top level\\): not valid JSON \\("));
  });

  it("JSON that is not a bundle", async () => {
    const file = join(dir, "not-bundle.json");
    await writeFile(file, JSON.stringify({ type: "attack-pattern", objects: [] }));
    expect((await importError(file)).message).toMatch(startingWith(file, ": type: "));
  });

  it("a bundle with no matrix", async () => {
    const file = await bundleWith("no-matrix.json", (list) => list.filter((o) => o.type !== "x-mitre-matrix"));
    expect((await importError(file)).message).toBe(
      `${file}: expected an x-mitre-matrix object for enterprise-attack (its tactic_refs give the tactic order); the data has none`,
    );
  });

  it("a bundle whose only matrix is another domain's", async () => {
    const file = await bundleWith("mobile-matrix.json", (list) => {
      byId(list, "x-mitre-matrix--18000000-0000-4000-8000-000000000010").external_references = [
        { source_name: "mitre-attack", external_id: "mobile-attack" },
      ];
      return list;
    });
    expect((await importError(file)).message).toMatch(/found only: mobile-attack$/);
  });

  it("a technique with no mitre-attack id", async () => {
    const file = await bundleWith("no-id.json", (list) => {
      byId(list, "attack-pattern--18000000-0000-4000-8000-000000001111").external_references = [
        { source_name: "capec", external_id: "CAPEC-49" },
      ];
      return list;
    });
    const index = objects.findIndex((o) => o.id === "attack-pattern--18000000-0000-4000-8000-000000001111");
    expect((await importError(file)).message).toBe(
      `${file}: objects[${index}].external_references: expected a reference with source_name "mitre-attack" whose external_id is the technique id (T1110 or T1110.001)`,
    );
  });

  it("two techniques with one id", async () => {
    const file = await bundleWith("duplicate-id.json", (list) => {
      byId(list, "attack-pattern--18000000-0000-4000-8000-000000001200").external_references = [
        { source_name: "mitre-attack", external_id: "T1110" },
      ];
      return list;
    });
    expect((await importError(file)).message).toMatch(
      /external_references: technique id T1110 is also used by attack-pattern--/,
    );
  });

  it("a tactic the matrix refers to but the data lacks", async () => {
    const file = await bundleWith("missing-tactic.json", (list) =>
      list.filter((o) => o.id !== "x-mitre-tactic--18000000-0000-4000-8000-000000000012"),
    );
    const matrixIndex = objects.findIndex((o) => o.type === "x-mitre-matrix");
    expect((await importError(file)).message).toBe(
      `${file}: objects[${matrixIndex}].tactic_refs[2]: x-mitre-tactic--18000000-0000-4000-8000-000000000012 is not in the data (expected an x-mitre-tactic object)`,
    );
  });

  it("an active technique in a phase the matrix does not have", async () => {
    const file = await bundleWith("unknown-phase.json", (list) => {
      byId(list, "attack-pattern--18000000-0000-4000-8000-000000001110").kill_chain_phases = [
        { kill_chain_name: "mitre-attack", phase_name: "stealth" },
      ];
      return list;
    });
    expect((await importError(file)).message).toMatch(
      /kill_chain_phases\[0\]\.phase_name: "stealth" is not a tactic of the matrix \(expected one of initial-access, credential-access, defense-evasion\)$/,
    );
  });

  it("a detection strategy pointing at a missing analytic", async () => {
    const file = await bundleWith("missing-analytic.json", (list) =>
      list.filter((o) => o.id !== "x-mitre-analytic--18000000-0000-4000-8000-000000000302"),
    );
    expect((await importError(file)).message).toMatch(
      /x_mitre_analytic_refs\[1\]: x-mitre-analytic--18000000-0000-4000-8000-000000000302 is not in the data/,
    );
  });

  it("a relationship without a target", async () => {
    const file = await bundleWith("bad-relationship.json", (list) => {
      delete byId(list, "relationship--18000000-0000-4000-8000-000000000101").target_ref;
      return list;
    });
    const index = objects.findIndex((o) => o.id === "relationship--18000000-0000-4000-8000-000000000101");
    expect((await importError(file)).message).toMatch(startingWith(file, `: objects\\[${index}\\]\\.target_ref: `));
  });

  it("a version that contradicts the data's collection", async () => {
    await expect(importAttack(V18_BUNDLE, { version: "17.0" })).rejects.toThrow(
      `${V18_BUNDLE}: the data is ATT&CK 18.1 (its x-mitre-collection says so) but version 17.0 was given`,
    );
  });

  it("data with no copyright designation anywhere", async () => {
    const file = await bundleWith("no-notice.json", (list) => list.filter((o) => o.type !== "marking-definition"));
    expect((await importError(file)).message).toMatch(startingWith(file, ": expected MITRE's copyright designation"));
  });

  it("a path that does not exist, and a folder without per-type sub-folders", async () => {
    expect((await importError(join(dir, "absent"))).message).toBe(
      `${join(dir, "absent")}: cannot read the STIX data (ENOENT)`,
    );
    expect((await importError(dir)).message).toMatch(/there is no attack-pattern\/ sub-folder$/);
  });
});
