/** The same inputs give the same bytes: nothing depends on the clock, the machine or object identity. */
import { afterEach, describe, expect, it, vi } from "vitest";
import { format as htmlReportFormat } from "../../../src/report/formats/html-report.js";
import { renderHtmlReport } from "../../../src/report/html/page.js";
import { htmlInput } from "./fixtures/html-input.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("report.html bytes", () => {
  it("are the same for inputs built twice, at different times of day", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2027-01-01T00:00:00Z"));
    const first = await renderHtmlReport(htmlInput("evidence"));
    vi.setSystemTime(new Date("2031-06-15T13:45:00Z"));
    const second = await renderHtmlReport(htmlInput("evidence"));
    expect(second).toBe(first);
    expect(first).not.toContain("2027-01-01");
    expect(first).not.toContain("2031-06-15");
  });

  it("change when the input does", async () => {
    const gap = await renderHtmlReport(htmlInput("gap"));
    const attack = await renderHtmlReport(htmlInput("attack"));
    expect(gap).not.toBe(attack);
  });

  it("come out as one file, report.html, in every kind of pack", async () => {
    expect(htmlReportFormat.kinds).toEqual(["gap", "evidence", "attack"]);
    const files = await htmlReportFormat.render(htmlInput("attack"));
    expect(files.map((file) => file.path)).toEqual(["report.html"]);
    expect("text" in files[0]! && files[0].text).toBe(await renderHtmlReport(htmlInput("attack")));
  });
});
