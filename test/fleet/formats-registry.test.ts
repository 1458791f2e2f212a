/** The fleet formats are registered as the org formats are: one module per format, named by its id. */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { FleetFormat } from "../../src/fleet/contract.js";
import { FLEET_FORMATS } from "../../src/fleet/formats/index.js";
import { REPORT_KINDS } from "../../src/report/contract.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FORMATS_DIR = join(ROOT, "src/fleet/formats");
const formatFiles = readdirSync(FORMATS_DIR)
  .filter((name) => name.endsWith(".ts") && name !== "index.ts")
  .map((name) => name.slice(0, -".ts".length))
  .sort();

describe("fleet format registry", () => {
  it("lists exactly the modules in src/fleet/formats, each once", () => {
    const ids = FLEET_FORMATS.map((format) => format.id);
    expect([...ids].sort()).toEqual(formatFiles);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const id of formatFiles) {
    describe(id, () => {
      it("exports its format, named as its file, and the registry holds that very object", async () => {
        const module = (await import(pathToFileURL(join(FORMATS_DIR, `${id}.ts`)).href)) as { format?: FleetFormat };
        expect(module.format?.id).toBe(id);
        expect(FLEET_FORMATS).toContain(module.format);
      });

      it("belongs to at least one pack kind and describes its file in one line", () => {
        const format = FLEET_FORMATS.find((candidate) => candidate.id === id)!;
        expect(format.kinds.length).toBeGreaterThan(0);
        for (const kind of format.kinds) expect(REPORT_KINDS).toContain(kind);
        expect(format.description).toMatch(/^[^\n]+$/);
      });
    });
  }

  it("puts fleet.json, the fleet assessment, in every kind of fleet pack", () => {
    for (const kind of REPORT_KINDS)
      expect(FLEET_FORMATS.filter((format) => format.kinds.includes(kind))[0]?.id).toBe("fleet-json");
  });
});
