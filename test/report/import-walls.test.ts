/**
 * report/ renders offline from a snapshot and an assessment: nothing it
 * imports, directly or through other modules, reaches the Datadog client, the
 * collectors or the simulator.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, reachable, sourcesUnder } from "../helpers/import-graph.js";

describe("report import walls", () => {
  const entries = sourcesUnder("src/report");
  const { files, packages } = reachable(...entries);

  it("starts from every module of report/ and reaches what the renderers use (the scan works)", () => {
    expect(entries).toContain("src/report/formats/index.ts");
    expect(entries).toContain("src/report/pdf/render-pdf.ts");
    expect(files.has(join(ROOT, "src/snapshot/schema.ts"))).toBe(true);
    expect(packages.has("pdfmake")).toBe(true);
    expect(packages.has("handlebars")).toBe(true);
  });

  it("never reaches the Datadog client, the collectors or the simulator", () => {
    expect([...files].filter((file) => /src\/(datadog|collectors|simulator)\//.test(file))).toEqual([]);
    expect([...packages].filter((name) => name.startsWith("@datadog/"))).toEqual([]);
  });
});
