/**
 * The fleet's report.html in a real browser (headless Chromium, as the org
 * page's browser tests run it), opened from file:// inside a fleet layout
 * (`DIR/fleet/` beside each org's folder): styled by its own stylesheet
 * under its policy, a matrix cell opening its technique's per-org scores by
 * mouse and by keyboard, an org's name opening that org's page, and nothing
 * requested from outside the files.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderFleetPage } from "../../src/fleet/html/fleet-page.js";
import { FLEET_DIR } from "../../src/fleet/org-name.js";
import { type HeadlessChromium, type OpenedReport, openReport, startChromium } from "../browser/fixtures/chromium.js";
import { fleetFixture } from "../helpers/fleet-fixture.js";
import { scratchDir } from "../helpers/scratch-dir.js";

let browser: HeadlessChromium;
let report: OpenedReport;

beforeAll(async () => {
  const input = await fleetFixture({ kind: "gap" });
  const files = Object.fromEntries(
    input.fleet.orgs.map((org) => [
      join(org.name, "report.html"),
      `<!DOCTYPE html><html lang="en"><title>${org.name}</title><h1 id="org">${org.name}</h1></html>`,
    ]),
  );
  files[join(FLEET_DIR, "report.html")] = await renderFleetPage(input);
  const root = scratchDir("fleet-browser", files);
  browser = await startChromium();
  report = await openReport(browser, join(root, FLEET_DIR, "report.html"));
});

afterAll(async () => {
  await browser?.close();
});

describe("the fleet page in a browser", () => {
  it("is styled by its own stylesheet under its policy, with no error", async () => {
    const { page, errors } = report;
    const fill = await page
      .locator(".fleet-status .swatch")
      .first()
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(fill).not.toBe("rgba(0, 0, 0, 0)");
    expect(errors).toEqual([]);
  });

  it("opens a technique's per-org scores from its matrix cell, by mouse and by keyboard", async () => {
    const { page } = report;
    const target = () => page.evaluate(() => document.querySelector(":target")?.id ?? null);
    await page.locator('#matrix a.cell[href="#technique-T1110"]').first().click();
    expect(await target()).toBe("technique-T1110");
    expect(await page.locator("#technique-T1110").isVisible()).toBe(true);
    await page.locator('#matrix a.cell[href="#technique-T1059"]').first().focus();
    await page.keyboard.press("Enter");
    expect(await target()).toBe("technique-T1059");
    expect(await page.locator("#technique-T1059 td.org-score").count()).toBe(3);
  });

  it("opens an org's own page from its name, and requested nothing outside the files", async () => {
    const { page } = report;
    await page.locator('#orgs a[href="../eu-west/report.html"]').click();
    await page.waitForURL(/\/eu-west\/report\.html$/);
    expect(await page.locator("#org").textContent()).toBe("eu-west");
    expect(browser.outsideRequests).toEqual([]);
    expect(report.errors).toEqual([]);
  });
});
