/**
 * Every colour pair report.html puts text on reaches WCAG AA (4.5:1): score
 * and status swatches, and the page's own text and background colours as
 * the rendered stylesheet declares them. The chart's lines are held to the
 * same ratio against the page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderHtmlReport } from "../../../src/report/html/page.js";
import { SCORE_SWATCHES, STATUS_SWATCHES } from "../../../src/report/html/swatches.js";
import { contrastRatio } from "../../../src/report/pdf/contrast.js";
import { htmlInput } from "./fixtures/html-input.js";
import { styleBlocks } from "./fixtures/html-parts.js";

const AA = 4.5;

/** Text colour variable → the background variables it is drawn on. */
const TEXT_ON: Record<string, string[]> = {
  "--text": ["--bg", "--panel", "--tab-bg", "--tab-active-bg"],
  "--muted": ["--bg", "--panel"],
  "--link": ["--bg", "--panel"],
  "--header-text": ["--header-bg"],
  "--warning-text": ["--warning-bg"],
  "--focus": ["--bg", "--panel"],
};

/** Colours no text is drawn in or on. */
const NOT_TEXT = ["--border", "--focus-ring"];

describe("the contrast function", () => {
  it("gives WCAG's figures", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
    expect(contrastRatio("#767676", "#FFFFFF")).toBeCloseTo(4.54, 2);
  });
});

describe("colours of report.html", () => {
  let css: string;
  beforeAll(async () => {
    css = styleBlocks(await renderHtmlReport(htmlInput("attack")))[0]!;
  });

  const rule = (selector: string) => {
    const match = new RegExp(
      `${selector.replace(/[.]/g, "\\.")} \\{ background-color: (#[0-9a-fA-F]{6}); color: (#[0-9a-fA-F]{6}); \\}`,
    ).exec(css);
    if (match === null) throw new Error(`no colour rule for ${selector}`);
    return { fill: match[1]!, text: match[2]! };
  };

  it.each(SCORE_SWATCHES.map((swatch) => [swatch.score, swatch] as const))(
    "score %i: its label is readable on its colour, as the stylesheet draws it",
    (score, swatch) => {
      expect(rule(`.score-${score}`)).toEqual({ fill: swatch.fill, text: swatch.text });
      expect(contrastRatio(swatch.fill, swatch.text)).toBeGreaterThanOrEqual(AA);
    },
  );

  it.each(STATUS_SWATCHES.map((swatch) => [swatch.status, swatch] as const))(
    "status %s: its label is readable on its colour, as the stylesheet draws it",
    (status, swatch) => {
      expect(rule(`.status-${status}`)).toEqual({ fill: swatch.fill, text: swatch.text });
      expect(contrastRatio(swatch.fill, swatch.text)).toBeGreaterThanOrEqual(AA);
    },
  );

  it("declares every text and background colour it pairs, and each pair is readable", () => {
    const variables = new Map(
      [...css.matchAll(/(--[a-z-]+): (#[0-9a-fA-F]{6});/g)].map((match) => [match[1]!, match[2]!]),
    );
    const pairs = Object.entries(TEXT_ON).flatMap(([text, backgrounds]) =>
      backgrounds.map((background) => [text, background] as const),
    );
    // A colour added to the stylesheet must be placed in a pair here (or named as no text colour).
    const paired = new Set([...pairs.flat(), ...NOT_TEXT]);
    expect([...variables.keys()].filter((name) => !paired.has(name))).toEqual([]);
    for (const [text, background] of pairs) {
      const ratio = contrastRatio(variables.get(text)!, variables.get(background)!);
      expect(ratio, `${text} on ${background}`).toBeGreaterThanOrEqual(AA);
    }
  });

  it("draws every trend line in a colour that stands out from the page", () => {
    const strokes = [...css.matchAll(/\.series-\d polyline \{ stroke: (#[0-9a-fA-F]{6})/g)].map((match) => match[1]!);
    expect(strokes).toHaveLength(6);
    for (const stroke of strokes) expect(contrastRatio(stroke, "#ffffff"), stroke).toBeGreaterThanOrEqual(AA);
  });
});
