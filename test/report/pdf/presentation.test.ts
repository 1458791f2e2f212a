/** Data the PDFs are drawn from: colours with readable text and the format registry. */
import { describe, expect, it } from "vitest";
import { ControlStatus } from "../../../src/assess/schema.js";
import { REPORT_FORMATS } from "../../../src/report/formats/index.js";
import { contrastRatio, relativeLuminance, textColourOn } from "../../../src/report/pdf/contrast.js";
import { SCORE_SWATCHES, STATUS_ORDER, statusSwatch } from "../../../src/report/pdf/presentation.js";

describe("PDF presentation data", () => {
  it("computes WCAG contrast and picks the more readable text colour", () => {
    expect(relativeLuminance("#FFFFFF")).toBeCloseTo(1, 5);
    expect(relativeLuminance("#000000")).toBe(0);
    expect(contrastRatio("#FFFFFF", "#000000")).toBeCloseTo(21, 5);
    expect(textColourOn("#253494")).toBe("#FFFFFF");
    expect(textColourOn("#FFFFCC")).toBe("#000000");
    expect(() => relativeLuminance("navy")).toThrow(/expected a colour/);
  });

  it("has a label and readable text (contrast ≥ 4.5) for every status and score", () => {
    expect([...STATUS_ORDER].sort()).toEqual([...ControlStatus.options].sort());
    const swatches = [...ControlStatus.options.map(statusSwatch), ...SCORE_SWATCHES];
    for (const swatch of swatches) {
      expect(swatch.label).not.toBe("");
      expect(contrastRatio(swatch.fill, swatch.text), swatch.label).toBeGreaterThanOrEqual(4.5);
    }
    expect(SCORE_SWATCHES.map((swatch) => swatch.score)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("score colours form a sequential scale: each darker than the one before", () => {
    const luminance = SCORE_SWATCHES.map((swatch) => relativeLuminance(swatch.fill));
    for (let i = 1; i < luminance.length; i += 1) expect(luminance[i]!).toBeLessThan(luminance[i - 1]!);
  });

  it("registers one format per PDF, each for its own report kind", () => {
    expect(
      REPORT_FORMATS.filter((format) => format.id.startsWith("pdf-")).map((format) => [format.id, format.kinds]),
    ).toEqual([
      ["pdf-evidence", ["evidence"]],
      ["pdf-gap", ["gap"]],
      ["pdf-attack", ["attack"]],
    ]);
  });
});
