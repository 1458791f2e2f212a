import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { REPORT_KINDS, type ReportFormat } from "../../src/report/contract.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const FORMATS_DIR = join(ROOT, "src/report/formats");
const formatFiles = readdirSync(FORMATS_DIR)
  .filter((name) => name.endsWith(".ts") && name !== "index.ts")
  .map((name) => name.slice(0, -".ts".length))
  .sort();

describe("report format registry", () => {
  it("lists exactly the modules in src/report/formats, each once", () => {
    const ids = REPORT_FORMATS.map((format) => format.id);
    expect([...ids].sort()).toEqual(formatFiles);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const id of formatFiles) {
    describe(id, () => {
      it("exports its format, named as its file, and the registry holds that very object", async () => {
        const module = (await import(pathToFileURL(join(FORMATS_DIR, `${id}.ts`)).href)) as { format?: ReportFormat };
        expect(module.format?.id).toBe(id);
        expect(REPORT_FORMATS).toContain(module.format);
      });

      it("belongs to at least one report kind and describes its file in one line", () => {
        const format = REPORT_FORMATS.find((candidate) => candidate.id === id)!;
        expect(format.kinds.length).toBeGreaterThan(0);
        for (const kind of format.kinds) expect(REPORT_KINDS).toContain(kind);
        expect(format.description).toMatch(/^[^\n]+$/);
      });
    });
  }

  it("gives every kind of pack its inputs and something to read", () => {
    for (const kind of REPORT_KINDS) {
      const ids = REPORT_FORMATS.filter((format) => format.kinds.includes(kind)).map((format) => format.id);
      expect(ids.slice(0, 2)).toEqual(["snapshot-json", "assessment-json"]);
      expect(ids).toContain("html-report");
    }
  });
});
