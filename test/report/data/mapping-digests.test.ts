import { describe, expect, it } from "vitest";
import { mappingDigests, SOURCE_MAP_KEY, sha256Of } from "../../../src/report/mapping-digests.js";

const mapping = {
  "1.1": [{ kind: "manual", params: {}, rationale: "Attest it." }],
  "1.2": [{ kind: "log_source", params: { sources: ["okta"] }, rationale: "Identity logs arrive." }],
};

describe("mapping digests", () => {
  it("is the SHA-256 of the mapping's stable JSON, whatever order its keys were built in", () => {
    const reordered = { "1.2": mapping["1.2"], "1.1": mapping["1.1"] };
    expect(sha256Of(mapping)).toMatch(/^[0-9a-f]{64}$/);
    expect(sha256Of(reordered)).toBe(sha256Of(mapping));
  });

  it("changes when any part of a mapping changes", () => {
    const edited = { ...mapping, "1.2": [{ ...mapping["1.2"][0]!, params: { sources: ["okta", "auth"] } }] };
    expect(sha256Of(edited)).not.toBe(sha256Of(mapping));
  });

  it("lists each assessed framework that has a mapping, and the source table only when given", () => {
    const digests = mappingDigests({ a: mapping, b: {} }, ["a", "c"], null);
    expect(digests).toEqual({ a: sha256Of(mapping) });
    expect(mappingDigests({ a: mapping }, ["a"], { okta: ["User Account"] })[SOURCE_MAP_KEY]).toBe(
      sha256Of({ okta: ["User Account"] }),
    );
  });
});
