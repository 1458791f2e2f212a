import { describe, expect, it } from "vitest";
import { SheetNames } from "../../../src/report/xlsx/sheet-names.js";

describe("sheet names", () => {
  it("makes framework ids valid Excel sheet names, unique without regard to case", () => {
    const names = new SheetNames(["Cover", "Gaps"]);
    expect(names.claim("pci-dss-4.0.1")).toBe("pci-dss-4.0.1");
    expect(names.claim("gaps")).toBe("gaps (2)");
    expect(names.claim("a/b:c*d?e[f]g\\h")).toBe("a-b-c-d-e-f-g-h");
    expect(names.claim("'quoted'")).toBe("quoted");
    const long = "nist-sp-800-53-rev5-moderate-baseline";
    expect(names.claim(long)).toBe(long.slice(0, 31));
    expect(names.claim(long)).toBe(`${long.slice(0, 27)} (2)`);
    expect(names.claim("")).toBe("sheet");
  });
});
