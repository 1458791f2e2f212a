/**
 * pack/ assesses, renders and writes offline (`ddproof report`, `verify`):
 * nothing it imports, directly or through other modules, reaches the Datadog
 * client, the collectors or the simulator.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, reachable, sourcesUnder } from "../helpers/import-graph.js";

describe("pack import walls", () => {
  const entries = sourcesUnder("src/pack");
  const { files, packages } = reachable(...entries);

  it("starts from every module of pack/ and reaches the assessment and the formats (the scan works)", () => {
    expect(entries).toContain("src/pack/render-pack.ts");
    expect(files.has(join(ROOT, "src/assess/index.ts"))).toBe(true);
    expect(files.has(join(ROOT, "src/report/formats/index.ts"))).toBe(true);
    expect(packages.has("zod")).toBe(true);
  });

  it("never reaches the Datadog client, the collectors or the simulator", () => {
    expect([...files].filter((file) => /src\/(datadog|collectors|simulator)\//.test(file))).toEqual([]);
    expect([...packages].filter((name) => name.startsWith("@datadog/"))).toEqual([]);
  });
});
