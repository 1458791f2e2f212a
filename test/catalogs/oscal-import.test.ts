/**
 * `importOscalCatalog` and `ddproof catalog import-oscal` on a small OSCAL
 * catalog written by the test: groups become parents, controls and nested
 * controls keep their ids and labels, withdrawn controls are skipped and
 * counted, bad input names the file and the path, and the command never
 * writes into the package.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFrameworkCatalog } from "../../src/catalogs/load.js";
import { importOscalCatalog } from "../../src/catalogs/oscal/import.js";
import { catalogImportAttackCommand } from "../../src/cli/catalog-import-attack.js";
import { catalogImportOscalCommand } from "../../src/cli/catalog-import-oscal.js";
import type { CommandContext, CommandModule } from "../../src/cli/command.js";
import { InputError } from "../../src/errors.js";
import { PACKAGE_ROOT } from "../../src/version.js";

const label = (value: string) => [{ name: "label", value }, { name: "label", class: "zero-padded", value: `${value}-padded` }];

/** Two families, one nested group, a withdrawn control with a live enhancement, and a withdrawn enhancement. */
function oscalCatalog(): { catalog: Record<string, unknown> } {
  return {
    catalog: {
      uuid: "00000000-0000-4000-8000-000000000001",
      metadata: {
        title: "Example Catalog",
        version: "1.2",
        "last-modified": "2025-01-01T00:00:00Z",
        "oscal-version": "1.1.2",
        parties: [
          { uuid: "p-other", type: "organization", name: "Someone Else" },
          { uuid: "p-maker", type: "organization", name: "Example Standards Body" },
        ],
        "responsible-parties": [{ "role-id": "creator", "party-uuids": ["p-maker"] }],
      },
      groups: [
        {
          id: "au",
          class: "family",
          title: "Audit",
          controls: [
            {
              id: "au-2",
              class: "SP800-53",
              title: "Event Logging",
              props: label("AU-2"),
              parts: [
                { id: "au-2_smt", name: "statement", prose: "Statement prose stays in the source." },
                { id: "au-2_obj", name: "assessment-objective", prose: "Objective prose too." },
              ],
              controls: [
                { id: "au-2.1", title: "Old Enhancement", props: [...label("AU-2(1)"), { name: "status", value: "withdrawn" }] },
                { id: "au-2.2", title: "Live Enhancement", props: label("AU-2(2)") },
              ],
            },
            {
              id: "au-3",
              title: "Withdrawn Control",
              props: [...label("AU-3"), { name: "status", value: "withdrawn" }],
              controls: [{ id: "au-3.1", title: "Kept Enhancement", props: label("AU-3(1)") }],
            },
          ],
        },
        {
          id: "si",
          class: "family",
          title: "Integrity",
          controls: [{ id: "si-4", title: "System Monitoring", props: label("SI-4") }],
          groups: [{ id: "si-x", class: "family", title: "Nested", controls: [{ id: "si-9", title: "Unlabelled" }] }],
        },
      ],
      "back-matter": { resources: [] },
    },
  };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-oscal-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("importOscalCatalog", () => {
  it("turns groups into parents and keeps OSCAL ids, labels and titles, skipping and counting withdrawn controls", () => {
    const { catalog, withdrawn } = importOscalCatalog(oscalCatalog(), "example.json", { id: "example", monitoringRelevant: ["au-2.2"] });
    expect(withdrawn).toEqual(["au-2.1", "au-3"]);
    expect(catalog.controls).toEqual([
      { id: "au", title: "Audit", parent: null, kind: "family", monitoring_relevant: true },
      { id: "au-2", label: "AU-2", title: "Event Logging", parent: "au", kind: "control", monitoring_relevant: true, attributes: { oscal_objective: "au-2_obj" } },
      { id: "au-2.2", label: "AU-2(2)", title: "Live Enhancement", parent: "au-2", kind: "enhancement", monitoring_relevant: true },
      // Its withdrawn control is gone, so the enhancement hangs from the family.
      { id: "au-3.1", label: "AU-3(1)", title: "Kept Enhancement", parent: "au", kind: "enhancement", monitoring_relevant: false },
      { id: "si", title: "Integrity", parent: null, kind: "family", monitoring_relevant: false },
      { id: "si-4", label: "SI-4", title: "System Monitoring", parent: "si", kind: "control", monitoring_relevant: false },
      { id: "si-x", title: "Nested", parent: "si", kind: "family", monitoring_relevant: false },
      { id: "si-9", title: "Unlabelled", parent: "si-x", kind: "control", monitoring_relevant: false },
    ]);
    expect(catalog).toMatchObject({
      id: "example",
      name: "Example Catalog",
      version: "1.2",
      publisher: "Example Standards Body",
      oscal: { catalog_uuid: "00000000-0000-4000-8000-000000000001", control_kinds: ["control", "enhancement"] },
      presentation: { group_label: "Family", kind_labels: { family: "Family", control: "Control", enhancement: "Control enhancement" } },
    });
    expect(catalog.source.description).toMatch(/^Imported by ddproof catalog import-oscal from example\.json: "Example Catalog", version 1\.2, .* 2 withdrawn controls skipped\.$/);
    expect(JSON.stringify(catalog)).not.toMatch(/Statement prose|Objective prose/);
  });

  it("takes the name and publisher given", () => {
    const { catalog } = importOscalCatalog(oscalCatalog(), "example.json", { id: "example", name: "Example", publisher: "Us" });
    expect([catalog.name, catalog.publisher]).toEqual(["Example", "Us"]);
  });

  it("names the file and the path of a bad field", () => {
    const broken = oscalCatalog();
    const groups = broken.catalog.groups as Array<{ controls: Array<Record<string, unknown>> }>;
    delete groups[1]!.controls[0]!.title;
    expect(() => importOscalCatalog(broken, "broken.json", { id: "example" })).toThrow(
      new InputError("broken.json: catalog.groups[1].controls[0].title: Invalid input: expected string, received undefined"),
    );
    const badId = oscalCatalog();
    (badId.catalog.groups as Array<{ id: string }>)[0]!.id = "1au";
    expect(() => importOscalCatalog(badId, "bad-id.json", { id: "example" })).toThrow(/^bad-id\.json: catalog\.groups\[0\]\.id: expected an OSCAL token/);
  });

  it("refuses an unresolved profile, a document that is no catalog, and unknown or withdrawn relevant ids", () => {
    expect(() => importOscalCatalog({ profile: { imports: [] } }, "profile.json", { id: "example" })).toThrow(/^profile\.json: \(top level\): this is an OSCAL profile, not a catalog/);
    expect(() => importOscalCatalog({ controls: [] }, "other.json", { id: "example" })).toThrow(/^other\.json: catalog: Invalid input: expected object/);
    expect(() => importOscalCatalog(oscalCatalog(), "example.json", { id: "example", monitoringRelevant: ["au-3"] })).toThrow(
      'example.json: monitoring-relevant control "au-3" is not a control of this catalog (or is withdrawn)',
    );
  });

  it("refuses a group id that is also a control id", () => {
    const clash = oscalCatalog();
    (clash.catalog.groups as Array<{ id: string }>)[1]!.id = "au-2";
    expect(() => importOscalCatalog(clash, "clash.json", { id: "example" })).toThrow(/^clash\.json \(as framework "example"\): controls\[\d+\]\.id: duplicate control id "au-2"/);
  });
});

async function run(command: CommandModule, args: string[]): Promise<{ exitCode: number | null; out: string[] }> {
  const result = { exitCode: null as number | null, out: [] as string[] };
  const ctx: CommandContext = {
    output: { out: (line) => result.out.push(line), err: () => undefined, isTTY: false },
    env: {},
    setExitCode: (code) => {
      result.exitCode = code;
    },
  };
  const program = new Command("ddproof").exitOverride();
  command.register(program, ctx);
  await program.parseAsync(args, { from: "user" });
  return result;
}

describe("ddproof catalog import-oscal", () => {
  let source: string;
  let emptyConfig: string;
  beforeAll(async () => {
    source = join(dir, "example-oscal.json");
    await writeFile(source, JSON.stringify(oscalCatalog()));
    emptyConfig = join(dir, "empty.yaml");
    await writeFile(emptyConfig, "");
  });

  it("writes to the first extension folder without --out, and the result loads from there", async () => {
    const ext = join(dir, "ext");
    await mkdir(ext);
    const result = await run(catalogImportOscalCommand, ["catalog", "import-oscal", source, "--id", "example", "--mappings", ext, "--config", emptyConfig]);
    expect(result.exitCode).toBe(0);
    expect(result.out).toEqual([
      `wrote ${join(ext, "example.json")}: Example Catalog 1.2: 3 family rows, 3 control rows, 2 control enhancement rows; 0 monitoring-relevant; 2 withdrawn skipped`,
    ]);
    const loaded = await loadFrameworkCatalog("example", [ext]);
    expect(loaded.controls.map((control) => control.label ?? control.id)).toEqual(["au", "AU-2", "AU-2(2)", "AU-3(1)", "si", "SI-4", "si-x", "si-9"]);
    expect((await readFile(join(ext, "example.json"), "utf8")).split("\n").filter((line) => line.startsWith('    { "id": '))).toHaveLength(8);
  });

  it("writes --out when given, with the relevant controls marked", async () => {
    const out = join(dir, "out", "example.json");
    const result = await run(catalogImportOscalCommand, ["catalog", "import-oscal", source, "--id", "example", "--out", out, "--monitoring-relevant", "si-4, au-2"]);
    expect(result.exitCode).toBe(0);
    const catalog = JSON.parse(await readFile(out, "utf8")) as { controls: Array<{ id: string; monitoring_relevant: boolean }> };
    expect(catalog.controls.filter((control) => control.monitoring_relevant).map((control) => control.id)).toEqual(["au", "au-2", "si", "si-4"]);
  });

  it("refuses, writing nothing, without --out and without an extension folder", async () => {
    const error: unknown = await run(catalogImportOscalCommand, ["catalog", "import-oscal", source, "--id", "example", "--config", emptyConfig]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(/^no --out and no extension folder \(mappings: in the config, or --mappings DIR\).*never writes into its installed package$/);
  });

  it("refuses to write into the package's frameworks/ folder, and so does import-attack", async () => {
    const shipped = join(PACKAGE_ROOT, "frameworks", "example.json");
    const oscal: unknown = await run(catalogImportOscalCommand, ["catalog", "import-oscal", source, "--id", "example", "--out", shipped]).catch((e: unknown) => e);
    expect((oscal as Error).message).toBe(`${shipped}: is inside ddproof's installed package; write the catalog to an extension folder (mappings: or --mappings DIR) instead`);
    const attack: unknown = await run(catalogImportAttackCommand, ["catalog", "import-attack", source, "--config", emptyConfig]).catch((e: unknown) => e);
    expect(attack).toBeInstanceOf(InputError);
    expect((attack as Error).message).toMatch(/^no --out and no extension folder/);
    await expect(readFile(shipped)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("refuses an id that cannot be a file name", async () => {
    const error: unknown = await run(catalogImportOscalCommand, ["catalog", "import-oscal", source, "--id", "../up", "--out", join(dir, "x.json")]).catch((e: unknown) => e);
    expect((error as Error).message).toBe('--id "../up": expected lower-case letters, digits, dots and dashes');
  });
});
