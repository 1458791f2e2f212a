/**
 * Times as the PDFs print them, whatever the machine's locale and zone:
 * digits stay Latin under a default locale that writes others, and days are
 * counted on the period's own calendar across a daylight-saving change. And
 * the heatmap report's matrix heading as printed.
 */
import { Settings } from "luxon";
import type { Content, ContentText } from "pdfmake/interfaces.js";
import { afterEach, describe, expect, it } from "vitest";
import { buildAttackHeatmap, MATRIX_HEADING } from "../../../src/report/pdf/attack-heatmap.js";
import { formatInstant, periodDays, periodText } from "../../../src/report/pdf/report-time.js";
import type { Period } from "../../../src/snapshot/schema.js";
import { reportInput } from "./fixtures/report-input.js";

const defaults = { locale: Settings.defaultLocale, zone: Settings.defaultZone };

afterEach(() => {
  Settings.defaultLocale = defaults.locale;
  Settings.defaultZone = defaults.zone;
});

describe("times as printed", () => {
  it("prints Latin digits whatever the default locale", () => {
    Settings.defaultLocale = "ar-EG";
    expect(formatInstant("2026-10-01T06:00:00Z", "UTC")).toBe("2026-10-01 06:00 UTC");
    const period = { label: "2026-Q3", from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z", timezone: "UTC" };
    expect(periodText(period as Period)).toBe("2026-Q3 (2026-07-01 00:00 to 2026-10-01 00:00 UTC)");
  });

  it("counts days on the period's calendar, so a day that loses an hour still counts whole", () => {
    Settings.defaultZone = "UTC";
    // Noon on 28 March to midnight on 30 March in Paris: a day and a half on the calendar, 35 hours elapsed.
    const period = {
      label: "spring",
      from: "2026-03-28T11:00:00Z",
      to: "2026-03-29T22:00:00Z",
      timezone: "Europe/Paris",
    };
    expect(periodDays(period as Period)).toBe(2);
  });
});

describe("the heatmap report", () => {
  it("heads the matrix 'Enterprise matrix'", async () => {
    expect(MATRIX_HEADING).toBe("Enterprise matrix");
    const content = buildAttackHeatmap(await reportInput({ kind: "attack" })).content as Content[];
    const matrix = content.find((node) => (node as ContentText & { id?: string }).id === "matrix") as ContentText;
    expect((matrix.text as unknown[])[0]).toBe("Enterprise matrix");
  });
});
