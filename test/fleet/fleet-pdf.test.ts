/**
 * fleet.pdf rendered directly from a fleet fixture and read back with
 * PDF.js: the cover's scope, a bookmark per framework and per tactic, each
 * sample control's fleet status and every org's status in its row, each
 * sample technique's weakest and per-org scores, no text under 7 pt, PDF/A
 * identification, reproducible bytes, and a 20-org fleet whose per-org
 * columns split into two tables that stay on the page.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { FleetReportInput } from "../../src/fleet/contract.js";
import { FLEET_PDF, format as fleetPdf } from "../../src/fleet/formats/fleet-pdf.js";
import { ATTACK_HEADING, NO_CATALOG_TEXT, tacticTitle } from "../../src/fleet/pdf/attack-tactics.js";
import { fleetMatrixHeading } from "../../src/fleet/pdf/control-matrices.js";
import { ORGS_HEADING } from "../../src/fleet/pdf/fleet-cover.js";
import { FLEET_TITLES } from "../../src/fleet/pdf/fleet-facts.js";
import { MAX_ORGS_PER_TABLE, orgColumnGroups } from "../../src/fleet/pdf/org-columns.js";
import { NOT_ASSESSED } from "../../src/fleet/pdf/org-grid.js";
import { SUMMARY_HEADING } from "../../src/fleet/pdf/status-summary.js";
import { TOP_ACTIONS_HEADING } from "../../src/fleet/pdf/top-actions.js";
import type { FleetAssessment } from "../../src/fleet/schema.js";
import { DOCUMENT_LANGUAGE } from "../../src/report/pdf/document.js";
import { statusSwatch } from "../../src/report/pdf/presentation.js";
import { fleetFixture, HIPAA, ODD_DISPLAY_NAME, PCI, SOC2, THREE_ORGS, TWENTY_ORGS } from "../helpers/fleet-fixture.js";
import { getOutline, type OutlineEntry, pdfInfo, pdfMetadata, pdfText, textBoxes, textSizes } from "../helpers/pdf.js";

async function render(input: FleetReportInput): Promise<Uint8Array> {
  const files = await fleetPdf.render(input);
  expect(files.map((file) => file.path)).toEqual([FLEET_PDF]);
  const [file] = files;
  if (file === undefined || !("bytes" in file)) throw new Error("fleet-pdf did not return bytes");
  return file.bytes;
}

const STATUS_LABELS = new Set(["PASS", "PARTIAL", "FAIL", "UNKNOWN", "MANUAL", "ACCEPTED", "N/A", NOT_ASSESSED]);

/** The status labels (and `—`) of each table row of a control, in column order, one list per column group. */
function statusRows(layoutText: string, controlId: string, title: string): string[][] {
  const start = new RegExp(`^\\s*${controlId.replace(/[.()]/g, "\\$&")}\\s+${title.split(" ")[0]}\\b`);
  return layoutText
    .split("\n")
    .filter((line) => start.test(line))
    .map((line) =>
      line
        .trim()
        .split(/\s+/)
        .filter((token) => STATUS_LABELS.has(token)),
    );
}

/** What a control's rows must show: the fleet's status, then each org of the group's (or `—`). */
function expectedStatusRows(fleet: FleetAssessment, framework: string, controlId: string): string[][] {
  const control = fleet.frameworks.find((one) => one.id === framework)!.controls.find((one) => one.id === controlId)!;
  return orgColumnGroups(fleet.orgs.map((org) => org.name)).map((group) => [
    statusSwatch(control.status).label,
    ...group.orgs.map((org) => {
      const status = control.orgs[org];
      return status === undefined ? NOT_ASSESSED : statusSwatch(status).label;
    }),
  ]);
}

const flatten = (entries: readonly OutlineEntry[], depth = 0): Array<OutlineEntry & { depth: number }> =>
  entries.flatMap((entry) => [{ ...entry, depth }, ...flatten(entry.items, depth + 1)]);

describe("fleet.pdf of three orgs", () => {
  let input: FleetReportInput;
  let bytes: Uint8Array;
  let layout: string;

  beforeAll(async () => {
    input = await fleetFixture();
    bytes = await render(input);
    layout = await pdfText(bytes, { layout: true });
  });

  it("is a PDF whose bytes depend only on the fleet: a second render is identical, dated by its collection", async () => {
    expect(Buffer.from(bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    const again = await render(await fleetFixture());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const { info } = await pdfInfo(bytes);
    // The latest org's collection, 2026-10-01T06:00:00Z.
    expect(info).toMatchObject({ CreationDate: "D:20261001060000Z", ModDate: "D:20261001060000Z", Creator: "ddproof" });
    expect(String(info.Title)).toBe(`${FLEET_TITLES.evidence}: 3 orgs, 2026-Q3`);
  });

  it("declares its language and PDF/A-2b, and prints no text under 7 pt", async () => {
    const { language, xmp } = await pdfMetadata(bytes);
    expect(language).toBe(DOCUMENT_LANGUAGE);
    expect(xmp.get("pdfaid:part")).toBe("2");
    expect(xmp.get("pdfaid:conformance")).toBe("B");
    const sizes = await textSizes(bytes);
    expect(sizes.length).toBeGreaterThan(1000);
    expect(sizes.filter((run) => run.size < 7 - 1e-6).slice(0, 5)).toEqual([]);
  });

  it("opens with the scope: every org with its site, completeness and missing evidence, the period and versions", async () => {
    const cover = (await pdfText(bytes)).split("\f")[0]!;
    expect(cover).toContain(FLEET_TITLES.evidence);
    expect(cover).toContain("INCOMPLETE — evidence missing in 1 of 3 orgs: eu-west (signals)");
    expect(cover).toContain(ORGS_HEADING);
    for (const org of input.fleet.orgs) {
      expect(cover).toContain(org.name);
      expect(cover).toContain(org.site);
    }
    // Printed as written, no HTML escaping.
    expect(cover).toContain(ODD_DISPLAY_NAME);
    expect(cover).toContain("2026-Q3 (2026-07-01 00:00 to 2026-10-01 00:00 UTC)");
    expect(cover).toContain("ddproof 0.1.0");
    expect(cover.match(/INCOMPLETE/g)).toHaveLength(2); // the banner and eu-west's row
  });

  it("has a bookmark per framework (summary and matrix), per requirement and per tactic", async () => {
    const outline = flatten(await getOutline(bytes));
    const top = outline.filter((entry) => entry.depth === 0).map((entry) => entry.title);
    expect(top).toEqual([
      ORGS_HEADING,
      SUMMARY_HEADING,
      ...input.fleet.frameworks.map((framework) => fleetMatrixHeading(framework)),
      ATTACK_HEADING,
    ]);
    for (const entry of outline) expect(entry.page, entry.title).not.toBeNull();
    const summary = outline.find((entry) => entry.title === SUMMARY_HEADING)!;
    expect(summary.items.map((item) => item.title)).toEqual(
      input.fleet.frameworks.map((framework) => `${framework.name} ${framework.version}`),
    );
    for (const framework of input.fleet.frameworks) {
      const matrix = outline.find((entry) => entry.title === fleetMatrixHeading(framework))!;
      const groups = framework.controls.filter((control) => control.parent === null);
      expect(matrix.items.map((item) => item.title.split(" ")[0])).toEqual(
        groups.map((group) => group.label ?? group.id),
      );
    }
    const attack = outline.find((entry) => entry.title === ATTACK_HEADING)!;
    expect(attack.items.map((item) => item.title)).toEqual(input.attack!.tactics.map(tacticTitle));
    expect(attack.items).toHaveLength(14);
  });

  it("shows each sample control's fleet status and every org's status in its row, `—` where an org does not assess it", () => {
    const samples: Array<[string, string, string]> = [
      [PCI, "10.2.1", "Every"],
      [SOC2, "CC7.2", "Components"],
      [HIPAA, "164.312(b)", "Audit"],
    ];
    expect(statusRows(layout, "10.2.1", "Every")).toEqual([["FAIL", "PASS", "FAIL", "PARTIAL"]]);
    expect(statusRows(layout, "164.312(b)", "Audit")).toEqual([["MANUAL", NOT_ASSESSED, "MANUAL", "PASS"]]);
    for (const [framework, id, word] of samples)
      expect(statusRows(layout, id, word), id).toEqual(expectedStatusRows(input.fleet, framework, id));
  });

  it("repeats the framework at the top of every page its matrix runs onto", () => {
    const pages = layout.split("\f").map((page) => page.trim());
    const pci = input.fleet.frameworks[0]!;
    const first = pages.findIndex((page) => page.startsWith(fleetMatrixHeading(pci)));
    const next = pages.findIndex((page) => page.startsWith(fleetMatrixHeading(input.fleet.frameworks[1]!)));
    expect(next - first).toBeGreaterThan(1);
    for (const page of pages.slice(first + 1, next)) expect(page.split("\n")[0]).toMatch(/^PCI DSS 4\.0\.1/);
  });

  it("shows each technique's weakest score and each org's score, tactic by tactic", () => {
    const attack = layout.slice(layout.lastIndexOf(ATTACK_HEADING));
    const scores = (id: string, name: string) =>
      attack
        .split("\n")
        .filter((line) => line.trimStart().startsWith(`${id} ${name}`))
        .map((line) =>
          line
            .slice(line.indexOf(name) + name.length)
            .trim()
            .split(/\s+/),
        );
    // Brute Force sits under Credential Access only; Command and Scripting Interpreter under Execution only.
    expect(scores("T1110", "Brute Force")).toEqual([["1", "4", "1", "3"]]);
    expect(scores("T1059", "Command and Scripting Interpreter")).toEqual([["3", "3", "3", "3"]]);
    expect(attack.indexOf("Credential Access (TA0006)")).toBeLessThan(attack.indexOf("T1110 Brute Force"));
  });

  it("lists each org's next actions in a gap pack, and none in an evidence pack", async () => {
    expect(layout).not.toContain(TOP_ACTIONS_HEADING);
    const gap = await pdfText(await render(await fleetFixture({ kind: "gap" })));
    const section = gap.slice(gap.indexOf(TOP_ACTIONS_HEADING));
    expect(section).toContain("ap-south (0 actions)");
    expect(section).toContain("No change read from this org's evidence would raise its coverage.");
    expect(section).toContain("eu-west (2 actions)");
    expect(section).toContain("--enable-rule us-east-rule-2");
  });
});

describe("fleet.pdf of twenty orgs", () => {
  let input: FleetReportInput;
  let bytes: Uint8Array;

  beforeAll(async () => {
    input = await fleetFixture({ orgs: TWENTY_ORGS });
    bytes = await render(input);
  });

  it("splits the per-org columns into two tables of ten, each bookmarked under its framework", async () => {
    expect(MAX_ORGS_PER_TABLE).toBe(10);
    const names = input.fleet.orgs.map((org) => org.name);
    expect(orgColumnGroups(names).map((group) => group.orgs.length)).toEqual([10, 10]);
    expect(orgColumnGroups(names.slice(0, 11)).map((group) => group.orgs.length)).toEqual([6, 5]);
    const outline = await getOutline(bytes);
    for (const framework of input.fleet.frameworks) {
      const matrix = outline.find((entry) => entry.title === fleetMatrixHeading(framework))!;
      expect(matrix.items.map((item) => item.title.split(":")[0])).toEqual(["Orgs 1–10 of 20", "Orgs 11–20 of 20"]);
      for (const group of matrix.items) expect(group.items.length).toBeGreaterThan(0);
    }
    const attack = outline.find((entry) => entry.title === ATTACK_HEADING)!;
    for (const group of attack.items)
      expect(group.items.map((item) => item.title)).toEqual(input.attack!.tactics.map(tacticTitle));
  });

  it("shows every org's status for a sample control across the two tables", async () => {
    const layout = await pdfText(bytes, { layout: true });
    for (const [framework, id, word] of [
      [PCI, "10.2.1", "Every"],
      [HIPAA, "164.312(b)", "Audit"],
    ] as const)
      expect(statusRows(layout, id, word), id).toEqual(expectedStatusRows(input.fleet, framework, id));
  });

  it("keeps every word inside the page's margins and at 7 pt or more", async () => {
    const boxes = await textBoxes(bytes);
    const outside = boxes.filter((box) => box.x < 36 - 0.5 || box.x + box.width > box.pageWidth - 36 + 0.5);
    expect(outside.slice(0, 5)).toEqual([]);
    const sizes = await textSizes(bytes);
    expect(sizes.filter((run) => run.size < 7 - 1e-6).slice(0, 5)).toEqual([]);
  });
});

describe("fleet.pdf of one org", () => {
  it("has one status column beside the fleet's, and says why there is no tactic view without the ATT&CK catalog", async () => {
    const input = await fleetFixture({ orgs: THREE_ORGS.slice(2) });
    const bytes = await render({ ...input, attack: null });
    const layout = await pdfText(bytes, { layout: true });
    const status = input.fleet.frameworks[0]!.controls.find((control) => control.id === "10.2.1")!.orgs["us-east"]!;
    expect(statusRows(layout, "10.2.1", "Every")).toEqual([[statusSwatch(status).label, statusSwatch(status).label]]);
    expect(layout.replace(/\s+/g, " ")).toContain(NO_CATALOG_TEXT);
    expect((await getOutline(bytes)).find((entry) => entry.title === ATTACK_HEADING)?.items).toEqual([]);
  });
});
