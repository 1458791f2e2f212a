/**
 * Injection probes in a real browser: a rule named `<img src=x
 * onerror=alert(1)>` and a control reason that tries to close the data
 * block show as text and run nothing, and the Content-Security-Policy stops
 * a script or style someone adds to the file afterwards.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HTML_REPORT_FILE } from "../../src/report/formats/html-report.js";
import { renderHtmlReport } from "../../src/report/html/page.js";
import { PROBED_CONTROL, probeInput, REASON_PROBE, RULE_PROBE } from "../report/html/fixtures/html-input.js";
import { type HeadlessChromium, openReport, startChromium } from "./fixtures/chromium.js";

let root: string;
let browser: HeadlessChromium;
let html: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ddproof-probe-"));
  html = await renderHtmlReport(probeInput("evidence"));
  await writeFile(join(root, HTML_REPORT_FILE), html);
  browser = await startChromium();
});

afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

describe("the injection probes", () => {
  it("show as text everywhere and run nothing", async () => {
    const { page, errors, alerts } = await openReport(browser, join(root, HTML_REPORT_FILE));
    // The control reason, as text in its row.
    const row = page.locator("tr[data-control]", {
      has: page.locator("th", { hasText: new RegExp(`^${PROBED_CONTROL}$`) }),
    });
    expect(await row.locator("td").nth(2).textContent()).toContain(REASON_PROBE);

    // The rule name, as text in the technique's detail and in the technique table.
    await page.locator("#tab-attack").click();
    await page.locator('#matrix .cell[data-technique="T1110"]').click();
    expect(await page.locator("#technique-detail tbody td").first().textContent()).toBe(RULE_PROBE);
    expect(await page.locator(".technique-table").textContent()).toContain(`${RULE_PROBE} (fired)`);

    await page.waitForTimeout(250);
    expect(await page.evaluate(() => document.querySelectorAll("img").length)).toBe(0);
    expect(await page.evaluate(() => document.querySelectorAll("script").length)).toBe(2);
    expect(alerts).toEqual([]);
    expect(errors).toEqual([]);
    expect(browser.outsideRequests).toEqual([]);
  });

  it("a script or style added to the file later is refused by the policy", async () => {
    const tampered = html.replace(
      "</body>",
      '<script>alert("added")</script><p id="added" class="x">x</p><style>#added { color: rgb(255, 0, 0); }</style></body>',
    );
    await writeFile(join(root, "tampered.html"), tampered);
    const { page, errors, alerts } = await openReport(browser, join(root, "tampered.html"));
    await page.waitForTimeout(250);
    expect(alerts).toEqual([]);
    expect(await page.locator("#added").evaluate((element) => getComputedStyle(element).color)).not.toBe(
      "rgb(255, 0, 0)",
    );
    expect(errors.filter((error) => /Content Security Policy/.test(error))).toHaveLength(2);
    // The page's own blocks still run.
    expect(await page.evaluate(() => document.documentElement.classList.contains("js"))).toBe(true);
  });
});

describe("without Chromium", () => {
  it("the browser tests fail, saying where the browser was expected and how to get one", async () => {
    await expect(startChromium(join(root, "no-chromium-here"))).rejects.toThrow(
      /Chromium is not installed at .*no-chromium-here; the browser tests need it: set CHROMIUM_PATH to a Chromium or Chrome executable, or unset it to use the one npm installs \(@sparticuz\/chromium, Linux x64\)/,
    );
  });
});
