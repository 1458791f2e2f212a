/**
 * One colour scale for ATT&CK scores 0–5 in every output: the PDFs, report.html
 * and the Navigator layer read the same colours, each readable with its text,
 * and still in order for the common colour-vision deficiencies.
 */
import { describe, expect, it } from "vitest";
import { ATTACK_SCORE_SCALE } from "../../src/report/attack-score-scale.js";
import { buildAttackLayer } from "../../src/report/formats/attack-layer.js";
import { SCORE_SWATCHES as HTML_SWATCHES } from "../../src/report/html/swatches.js";
import { contrastRatio } from "../../src/report/pdf/contrast.js";
import { SCORE_SWATCHES as PDF_SWATCHES } from "../../src/report/pdf/presentation.js";
import { reportInput } from "./data/fixtures/report-input.js";

const SCALE = ATTACK_SCORE_SCALE.map((step) => step.color.toLowerCase());

/** sRGB hex → linear RGB, each 0..1. */
function linear(hex: string): [number, number, number] {
  const channel = (offset: number) => {
    const value = Number.parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return [channel(1), channel(3), channel(5)];
}

/** Machado, Oliveira and Fernandes (2009), severity 1, applied to linear RGB. */
const DEFICIENCIES: Record<string, number[][]> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
  none: [
    [1, 0, 0],
    [0, 1, 0],
    [0, 0, 1],
  ],
};

/** Relative luminance (WCAG) of a colour as a reader with the deficiency sees it. */
function seenLuminance(hex: string, matrix: number[][]): number {
  const rgb = linear(hex);
  const [r, g, b] = matrix.map((row) =>
    Math.min(1, Math.max(0, row[0]! * rgb[0] + row[1]! * rgb[1] + row[2]! * rgb[2])),
  );
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

describe("the ATT&CK score scale", () => {
  it("is the one scale of the PDFs, report.html and the Navigator layer", () => {
    expect(SCALE).toHaveLength(6);
    expect(PDF_SWATCHES.map((swatch) => swatch.fill.toLowerCase())).toEqual(SCALE);
    expect(HTML_SWATCHES.map((swatch) => swatch.fill.toLowerCase())).toEqual(SCALE);
    const layer = buildAttackLayer(reportInput());
    expect(layer).not.toBeNull();
    expect(layer!.gradient.colors.map((colour) => colour.toLowerCase())).toEqual(SCALE);
    expect(layer!.legendItems.map((item) => item.color.toLowerCase())).toEqual(SCALE);
    expect(layer!.legendItems.map((item) => item.label)).toEqual(
      ATTACK_SCORE_SCALE.map((step) => `${step.score}: ${step.label}`),
    );
  });

  it("labels every cell with its number, in text that reaches 4.5:1 on its colour", () => {
    for (const swatches of [PDF_SWATCHES, HTML_SWATCHES]) {
      for (const swatch of swatches) {
        expect(contrastRatio(swatch.text, swatch.fill), `score ${swatch.score}`).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  for (const [deficiency, matrix] of Object.entries(DEFICIENCIES)) {
    it(`gets darker at every step as seen with ${deficiency === "none" ? "typical colour vision" : deficiency}`, () => {
      const seen = SCALE.map((hex) => seenLuminance(hex, matrix));
      for (let score = 1; score < seen.length; score += 1) {
        // (L1 + 0.05) / (L2 + 0.05) between neighbours: a visible step, not just a different number.
        const ratio = (seen[score - 1]! + 0.05) / (seen[score]! + 0.05);
        expect(ratio, `${deficiency}: score ${score - 1} to ${score}`).toBeGreaterThanOrEqual(1.2);
      }
    });
  }
});
