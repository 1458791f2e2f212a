/**
 * The ATT&CK source table's schema. Kept apart from data-schemas.test.ts,
 * whose fixtures parse source rows while the file loads: a schema that
 * refused every real row would stop that file loading (reported as "no
 * tests") instead of failing a test here.
 */
import { describe, expect, it } from "vitest";
import { SourceMapFile } from "../../src/assess/source-map.js";

describe("the source table's schema", () => {
  const row = (datadog: string[], attack = ["A:B"]) => ({ datadog, attack });
  it("takes several rows and sources, and refuses none or blank ones", () => {
    expect(SourceMapFile.safeParse({ sources: [row(["aws", "okta"], ["AWS:CloudTrail"]), row(["c"])] }).success).toBe(
      true,
    );
    expect(SourceMapFile.safeParse({ sources: [] }).success).toBe(false);
    expect(SourceMapFile.safeParse({ sources: [row([])] }).success).toBe(false);
    expect(SourceMapFile.safeParse({ sources: [row([" "])] }).success).toBe(false);
    expect(SourceMapFile.safeParse({ sources: [row(["a"], [""])] }).success).toBe(false);
  });
});
