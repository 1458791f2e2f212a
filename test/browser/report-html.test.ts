/**
 * The demo organisation's report.html in a real browser (Debian's Chromium,
 * headless), opened from file:// as a reviewer opens it from the pack
 * folder: the matrix and a technique's detail by mouse and keyboard, the
 * gap filter, the control search with its links into the pack, tabs,
 * print, and no request to anything outside the file.
 *
 * Screenshots go to DDPROOF_SCREENSHOT_DIR when it is set (to look at
 * them), otherwise to the suite's temp folder, removed afterwards.
 */
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TechniqueResult } from "../../src/assess/schema.js";
import { populationOf } from "../../src/assess/security-rules.js";
import { loadAttackCatalog } from "../../src/catalogs/attack/load.js";
import { ATTACK_SCORE_SCALE } from "../../src/report/attack-score-scale.js";
import { controlVerdict } from "../../src/report/control-reason.js";
import { HTML_REPORT_FILE } from "../../src/report/formats/html-report.js";
import { GAP_REASON_LABELS } from "../../src/report/gaps.js";
import { type HeadlessChromium, type OpenedReport, openReport, startChromium } from "./fixtures/chromium.js";
import { type DemoPacks, writeDemoPacks } from "./fixtures/demo-packs.js";

let root: string;
let screenshots: string;
let packs: DemoPacks;
let browser: HeadlessChromium;
const opened: OpenedReport[] = [];
/** Platforms of each technique, from the shipped ATT&CK catalog the demo is assessed with. */
let platforms: Map<string, string[]>;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "ddproof-browser-"));
  screenshots = process.env.DDPROOF_SCREENSHOT_DIR ?? join(root, "screenshots");
  await mkdir(screenshots, { recursive: true });
  [packs, browser] = await Promise.all([writeDemoPacks(root, ["evidence", "attack", "gap"]), startChromium()]);
  const catalog = await loadAttackCatalog();
  platforms = new Map(catalog.techniques.map((technique) => [technique.id, technique.platforms]));
});

afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
});

async function open(kind: "evidence" | "attack" | "gap", viewport?: { width: number; height: number }): Promise<Page> {
  const report = await openReport(browser, join(packs.dir(kind), HTML_REPORT_FILE), viewport);
  opened.push(report);
  return report.page;
}

const visibleCells = (page: Page) => page.locator("#matrix .cell-item:not(.filtered-out)");
const cell = (page: Page, id: string) => page.locator(`#matrix .cell[data-technique="${id}"]`).first();

/** Techniques × their tactics: one matrix cell each. */
const cellCount = (techniques: readonly TechniqueResult[]) =>
  techniques.reduce((sum, technique) => sum + technique.tactics.length, 0);

function attackOf(kind: "evidence" | "attack") {
  const attack = packs.pack(kind).assessment.attack;
  if (attack === null) throw new Error("the demo pack has no ATT&CK assessment");
  return attack;
}

/** A gap of the demo org with enabled rules behind it: the interesting kind to explain. */
function gapWithRules(): TechniqueResult {
  const attack = attackOf("attack");
  const found = attack.techniques.find(
    (technique) =>
      technique.parent === null && technique.score < attack.gap_below && technique.rules.enabled.length > 0,
  );
  if (found === undefined) throw new Error("the demo org has no gap with enabled rules");
  return found;
}

async function expectDetailOf(page: Page, technique: TechniqueResult): Promise<Locator> {
  const dialog = page.locator("#technique-detail");
  await expect.poll(() => dialog.evaluate((element) => (element as HTMLDialogElement).open)).toBe(true);
  expect(await page.locator("#detail-title").textContent()).toBe(`${technique.id} ${technique.name}`);
  return dialog;
}

describe("the ATT&CK matrix of the attack pack", () => {
  it("opens first, styled and scripted: the policy let the inline blocks run", async () => {
    const page = await open("attack");
    expect(await page.locator("#tab-attack").getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#view-attack").isVisible()).toBe(true);
    expect(await page.locator("#view-frameworks").isVisible()).toBe(false);
    const attack = attackOf("attack");
    expect(await visibleCells(page).count()).toBe(
      cellCount(attack.techniques.filter((technique) => technique.parent === null)),
    );
    // The stylesheet applied: a score-0 cell has the scale's first colour behind its label.
    const zero = page.locator("#matrix .cell.score-0").first();
    const first = ATTACK_SCORE_SCALE[0]!.color;
    const channels = [1, 3, 5].map((offset) => Number.parseInt(first.slice(offset, offset + 2), 16));
    expect(await zero.evaluate((element) => getComputedStyle(element).backgroundColor)).toBe(
      `rgb(${channels.join(", ")})`,
    );
    expect(await zero.locator(".cell-score").textContent()).toBe("0 No coverage");
  });

  it("explains a gap on click: its rules with enabled, effective and fired, and the typed reason", async () => {
    const page = await open("attack");
    const technique = gapWithRules();
    await cell(page, technique.id).click();
    const dialog = await expectDetailOf(page, technique);
    const text = (await dialog.textContent()) ?? "";
    expect(text).toContain(`${GAP_REASON_LABELS[technique.reason]}.`);
    expect(text).toContain(`This technique is a gap: it scores below ${attackOf("attack").gap_below}.`);
    const names = new Map(populationOf(packs.pack("attack").snapshot).map((rule) => [rule.id, rule.name]));
    const rows = await dialog
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (td) => td.textContent)));
    for (const id of technique.rules.enabled) {
      const effective = technique.rules.effective.includes(id) ? "yes" : "no";
      const fired = technique.rules.fired.includes(id) ? "yes" : "no";
      expect(rows).toContainEqual([names.get(id), id, "yes", effective, fired]);
    }
    await page.screenshot({ path: join(screenshots, "attack-detail.png") });
  });

  it("opens a technique with Enter and Space on the focused cell, and Escape returns focus to it", async () => {
    const page = await open("attack");
    const attack = attackOf("attack");
    const [first, second] = attack.techniques.filter(
      (technique) => technique.parent === null && technique.rules.fired.length > 0,
    );
    for (const [technique, key] of [
      [first!, "Enter"],
      [second!, " "],
    ] as const) {
      await cell(page, technique.id).focus();
      // The focus is visible: a solid ring around the cell.
      expect(
        await cell(page, technique.id).evaluate((element) => [
          getComputedStyle(element).outlineStyle,
          getComputedStyle(element).outlineWidth,
        ]),
      ).toEqual(["solid", "3px"]);
      await page.keyboard.press(key);
      await expectDetailOf(page, technique);
      await page.keyboard.press("Escape");
      await expect
        .poll(() => page.locator("#technique-detail").evaluate((element) => (element as HTMLDialogElement).open))
        .toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-technique"))).toBe(technique.id);
    }
  });

  it("filters to the gaps, by score and by search, and counts what it shows", async () => {
    const page = await open("attack");
    const attack = attackOf("attack");
    const topLevel = attack.techniques.filter((technique) => technique.parent === null);
    const gaps = topLevel.filter((technique) => technique.score < attack.gap_below && technique.disposition === null);
    await page.locator("#matrix-gaps").check();
    expect(await visibleCells(page).count()).toBe(cellCount(gaps));
    expect(await page.locator("#matrix-count").textContent()).toBe(
      `Showing ${cellCount(gaps)} of ${cellCount(topLevel)} cells (${gaps.length} techniques)`,
    );
    await page.screenshot({ path: join(screenshots, "attack-gaps-only.png") });

    await page.locator("#matrix-gaps").uncheck();
    await page.locator("#matrix-score").selectOption("5");
    expect(await visibleCells(page).count()).toBe(cellCount(topLevel.filter((technique) => technique.score === 5)));

    await page.locator("#matrix-score").selectOption("");
    await page.locator("#matrix-tactic").selectOption("credential-access");
    expect(
      await page
        .locator("#matrix .tactic:not(.filtered-out)")
        .evaluateAll((columns) => columns.map((column) => column.getAttribute("data-tactic"))),
    ).toEqual(["credential-access"]);
    expect(await visibleCells(page).count()).toBe(
      topLevel.filter((technique) => technique.tactics.includes("credential-access")).length,
    );

    await page.locator("#matrix-tactic").selectOption("");
    await page.locator("#matrix-platform").selectOption("Containers");
    const containers = topLevel.filter((technique) => platforms.get(technique.id)?.includes("Containers"));
    expect(containers.length).toBeGreaterThan(0);
    expect(await visibleCells(page).count()).toBe(cellCount(containers));

    // A sub-technique id finds its parent's cells.
    await page.locator("#matrix-reset").click();
    await page.locator("#matrix-search").fill("T1110.001");
    const ids = await visibleCells(page).evaluateAll((items) =>
      items.map((item) => item.getAttribute("data-technique")),
    );
    expect(new Set(ids)).toEqual(new Set(["T1110"]));
  });

  it("moves between views with the arrow keys on the tabs", async () => {
    const page = await open("attack");
    await page.locator("#tab-attack").focus();
    await page.keyboard.press("ArrowRight");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("tab-frameworks");
    expect(await page.locator("#view-frameworks").isVisible()).toBe(true);
    expect(await page.locator("#view-attack").isVisible()).toBe(false);
    await page.keyboard.press("End");
    expect(await page.locator("#view-gaps").isVisible()).toBe(true);
  });

  it("prints every view without tabs, filters or buttons", async () => {
    const page = await open("attack");
    await page.emulateMedia({ media: "print" });
    for (const view of ["#view-attack", "#view-frameworks", "#view-gaps"])
      expect(await page.locator(view).isVisible(), view).toBe(true);
    expect(await page.locator(".tabs").isVisible()).toBe(false);
    expect(await page.locator("#view-attack .filters").isVisible()).toBe(false);
    // Collapsed sections are printed open.
    expect(await page.locator(".technique-table table").isVisible()).toBe(true);
    await page.screenshot({ path: join(screenshots, "attack-print.png") });
  });
});

describe("the matrix at a laptop's and a phone's width", () => {
  /** Right edges of the tactic columns, and what the page and each cell overflow by. */
  async function layoutOf(page: Page) {
    return page.evaluate(() => ({
      viewport: document.documentElement.clientWidth,
      pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      columnRights: Array.from(document.querySelectorAll("#matrix .tactic")).map(
        (column) => column.getBoundingClientRect().right,
      ),
      cellsOverflowing: Array.from(document.querySelectorAll("#matrix .cell")).filter(
        (cell) => cell.scrollWidth > cell.clientWidth + 1,
      ).length,
    }));
  }

  it("shows every tactic at 1440×900 without scrolling sideways, and no hint", async () => {
    const page = await open("attack", { width: 1440, height: 900 });
    const layout = await layoutOf(page);
    // One column per tactic some technique belongs to.
    const tactics = new Set(attackOf("attack").techniques.flatMap((technique) => technique.tactics));
    expect(layout.columnRights).toHaveLength(tactics.size);
    expect(Math.max(...layout.columnRights)).toBeLessThanOrEqual(layout.viewport);
    expect(layout.pageOverflow).toBe(0);
    expect(layout.cellsOverflowing).toBe(0);
    expect(await page.locator("#matrix-hint").isVisible()).toBe(false);
    await page.screenshot({ path: join(screenshots, "attack-1440.png") });
  });

  it("at 390×844 scrolls the matrix alone, says so, and scrolls by keyboard to the last tactic", async () => {
    const page = await open("attack", { width: 390, height: 844 });
    await page.screenshot({ path: join(screenshots, "attack-390.png") });
    const layout = await layoutOf(page);
    expect(layout.pageOverflow).toBe(0);
    expect(Math.max(...layout.columnRights)).toBeGreaterThan(layout.viewport);
    expect(await page.locator("#matrix-hint").isVisible()).toBe(true);
    const scroller = page.locator("#matrix-scroll");
    expect(await scroller.getAttribute("aria-label")).toMatch(/scrolls sideways/);
    await scroller.focus();
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => scroller.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await page.keyboard.press("End");
    const last = page.locator("#matrix .tactic").last();
    await expect
      .poll(async () => {
        const [box, frame] = await Promise.all([last.boundingBox(), scroller.boundingBox()]);
        return box !== null && frame !== null && box.x + box.width <= frame.x + frame.width + 1;
      })
      .toBe(true);
  });
});

describe("the next actions of the gap pack", () => {
  it("highlights exactly the gaps and techniques an action moves, and clears them when selected again", async () => {
    const page = await open("gap");
    await page.locator("#tab-gaps").click();
    const action = page.locator("button.action[data-moves]").first();
    await action.waitFor();
    const keys = new Set(((await action.getAttribute("data-moves")) ?? "").split("\n"));
    expect(keys.size).toBeGreaterThan(0);
    await action.click();
    expect(await action.getAttribute("aria-pressed")).toBe("true");
    const moved = await page
      .locator(".moved")
      .evaluateAll((elements) =>
        elements.map((element) =>
          element.hasAttribute("data-key")
            ? element.getAttribute("data-key")
            : `mitre-attack:${element.getAttribute("data-technique")}`,
        ),
      );
    expect(moved.length).toBeGreaterThan(0);
    for (const key of moved) expect(keys.has(key ?? ""), key ?? "").toBe(true);
    // Every moved gap that has a row on the page is highlighted.
    const rows = await page
      .locator("[data-key]")
      .evaluateAll((elements) => elements.map((element) => element.getAttribute("data-key")));
    for (const key of rows.filter((row) => row !== null && keys.has(row))) expect(moved).toContain(key);
    await page.screenshot({ path: join(screenshots, "gap-action.png") });
    await action.click();
    expect(await page.locator(".moved").count()).toBe(0);
    expect(await action.getAttribute("aria-pressed")).toBe("false");
  });
});

describe("the framework view of the evidence pack", () => {
  it("opens first, and finds a control by its id with links into the pack's population files", async () => {
    const page = await open("evidence");
    expect(await page.locator("#tab-frameworks").getAttribute("aria-selected")).toBe("true");
    const { assessment } = packs.pack("evidence");
    const framework = assessment.frameworks.find((candidate) => candidate.id === "pci-dss-4.0.1")!;
    const control = framework.controls.find((candidate) => candidate.id === "10.2.1")!;
    await page.locator("#controls-search").fill(control.id);

    const expected = assessment.frameworks.flatMap((each) =>
      each.controls.filter((candidate) =>
        [candidate.id, candidate.title, controlVerdict(candidate, each).reason].some((text) =>
          text.toLowerCase().includes("10.2.1"),
        ),
      ),
    );
    const rows = page.locator("tr[data-control]:not(.filtered-out)");
    expect(await rows.count()).toBe(expected.length);
    expect(await page.locator("#controls-count").textContent()).toBe(
      `Showing ${expected.length} of ${assessment.frameworks.reduce((sum, each) => sum + each.controls.length, 0)} controls`,
    );

    const row = rows.filter({ has: page.locator("th", { hasText: /^10\.2\.1$/ }) }).first();
    expect(await row.locator("td:nth-child(3) .swatch").textContent()).toBe(
      control.status === "not_applicable" ? "N/A" : control.status.toUpperCase(),
    );
    const verdict = controlVerdict(control, framework);
    expect(await row.textContent()).toContain(verdict.reason);
    const links = await row
      .locator("a.population")
      .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href")));
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).toMatch(/^populations\/[a-z-]+\.csv$/);
      expect(existsSync(join(dirname(join(packs.dir("evidence"), HTML_REPORT_FILE)), link!)), link!).toBe(true);
    }
    await page.screenshot({ path: join(screenshots, "evidence-search.png") });
  });

  it("filters controls by status", async () => {
    const page = await open("evidence");
    const { assessment } = packs.pack("evidence");
    await page.locator("#controls-status").selectOption("fail");
    const failing = assessment.frameworks.flatMap((framework) =>
      framework.controls.filter((control) => control.status === "fail"),
    );
    expect(await page.locator("tr[data-control]:not(.filtered-out)").count()).toBe(failing.length);
    expect(failing.length).toBeGreaterThan(0);
  });
});

describe("the whole session", () => {
  it("made no request to anything but the files, and logged no error", async () => {
    expect(opened.length).toBeGreaterThan(0);
    expect(browser.outsideRequests).toEqual([]);
    expect(opened.flatMap((report) => report.errors)).toEqual([]);
    expect(opened.flatMap((report) => report.alerts)).toEqual([]);
  });

  it("saved screenshots as PNG images of the page", async () => {
    const png = await readFile(join(screenshots, "attack-detail.png"));
    expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 1000]);
  });
});
