/**
 * presentation.json as it loads: each status's label and colours read from
 * the file (imported inside a test, so a file that does not load fails that
 * test), the file's checks when it is wrong, and the contrast arithmetic
 * the text colours come from.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { contrastRatio, relativeLuminance, textColourOn } from "../../../src/report/pdf/contrast.js";
import shipped from "../../../src/report/pdf/presentation.json" with { type: "json" };

const PRESENTATION = "../../../src/report/pdf/presentation.js";
const FILE = "../../../src/report/pdf/presentation.json";

afterEach(() => {
  vi.doUnmock(FILE);
  vi.resetModules();
});

/** The error presentation.ts throws at load when presentation.json reads as `file`. */
async function loadError(file: unknown): Promise<string> {
  vi.resetModules();
  vi.doMock(FILE, () => ({ default: file }));
  const error = await import(PRESENTATION).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(Error);
  return (error as Error).message;
}

describe("presentation.json", () => {
  it("loads each status's label, fill and readable text colour, in the file's order", async () => {
    const { STATUS_ORDER, statusSwatch } = await import(PRESENTATION);
    expect(STATUS_ORDER.map((status: never) => [status, statusSwatch(status)])).toEqual([
      ["pass", { label: "PASS", fill: "#009E73", text: "#000000" }],
      ["partial", { label: "PARTIAL", fill: "#E69F00", text: "#000000" }],
      ["fail", { label: "FAIL", fill: "#D55E00", text: "#000000" }],
      ["unknown", { label: "UNKNOWN", fill: "#8C8C8C", text: "#000000" }],
      ["manual", { label: "MANUAL", fill: "#56B4E9", text: "#000000" }],
      ["accepted", { label: "ACCEPTED", fill: "#CC79A7", text: "#000000" }],
      ["not_applicable", { label: "N/A", fill: "#E0E0E0", text: "#000000" }],
    ]);
  });

  it("is refused at load without a row for every status, naming the file and the field", async () => {
    const statuses = shipped.statuses.filter((row) => row.status !== "manual");
    expect(await loadError({ ...shipped, statuses })).toBe(
      "src/report/pdf/presentation.json: statuses: expected a row for every control status",
    );
  });

  it("is refused at load with a colour that is not #RRGGBB, or an empty label", async () => {
    const row = (change: object) => ({
      ...shipped,
      statuses: [{ ...shipped.statuses[0], ...change }, ...shipped.statuses.slice(1)],
    });
    for (const colour of ["x#009E73", "#009E73x", "#009E7", "#GG9E73"]) {
      expect(await loadError(row({ colour }))).toBe(
        "src/report/pdf/presentation.json: statuses[0].colour: expected a colour such as #1A2B3C",
      );
    }
    expect(await loadError(row({ label: "" }))).toMatch(
      /^src\/report\/pdf\/presentation\.json: statuses\[0\]\.label: /,
    );
  });
});

describe("contrast", () => {
  it("rates black and white text on a background, and reads six hex digits only", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    expect(relativeLuminance("#FFFFFF")).toBeCloseTo(1, 12);
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#0A2030")).toBeCloseTo(
      0.2126 * (10 / 255 / 12.92) +
        0.7152 * ((32 / 255 + 0.055) / 1.055) ** 2.4 +
        0.0722 * ((48 / 255 + 0.055) / 1.055) ** 2.4,
      12,
    );
    expect(textColourOn("#000000")).toBe("#FFFFFF");
    expect(textColourOn("#FFFFFF")).toBe("#000000");
    for (const bad of ["#12345G", "#1234", "#12 456"])
      expect(() => relativeLuminance(bad)).toThrow(/expected a colour/);
  });
});
