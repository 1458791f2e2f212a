/** Which paths a pack may hold, and how any name becomes one safe path segment. */
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { assertSafePackPath, isSafePackPath, safeFileSegment } from "../../src/pack/safe-path.js";

describe("isSafePackPath", () => {
  it("accepts plain relative paths of up to 200 characters", () => {
    expect(isSafePackPath("a")).toBe(true);
    expect(isSafePackPath("populations/signals.csv")).toBe(true);
    expect(isSafePackPath("pci-dss-4.0.1/controls_v2.csv")).toBe(true);
    expect(isSafePackPath("a".repeat(200))).toBe(true);
    expect(isSafePackPath(`${"a".repeat(99)}/${"b".repeat(100)}`)).toBe(true);
  });

  it.each([
    ["longer than 200 characters", "a".repeat(201)],
    ["longer than 200 characters across segments", `${"a".repeat(100)}/${"b".repeat(100)}`],
    ["empty", ""],
    ["a current-folder segment", "./a"],
    ["a parent segment", "a/../b"],
    ["absolute", "/a"],
    ["a trailing slash", "a/"],
    ["a space", "a b"],
  ])("refuses a path %s", (_what, path) => {
    expect(isSafePackPath(path)).toBe(false);
    expect(() => assertSafePackPath(path)).toThrow(InputError);
  });
});

describe("safeFileSegment", () => {
  it.each([
    ["a  b", "a-b"],
    ["a/\\:b", "a-b"],
    ["v1..2", "v1.2"],
    ["v1...2", "v1.2"],
    ["-_.Name", "name"],
    ["ISO 27001:2022", "iso-27001-2022"],
    ["", "unnamed"],
  ])("turns %j into %j", (name, segment) => {
    expect(safeFileSegment(name)).toBe(segment);
    expect(isSafePackPath(segment)).toBe(true);
  });

  it("keeps at most 100 characters", () => {
    expect(safeFileSegment("x".repeat(150))).toBe("x".repeat(100));
  });
});
