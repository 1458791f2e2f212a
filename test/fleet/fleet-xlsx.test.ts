/**
 * fleet.xlsx rendered directly from a fleet fixture and read back with
 * SheetJS: the sheets, every cell of the framework and ATT&CK sheets against
 * the fixture (fleet status, then one column per org, empty where an org
 * does not assess), typed cells that are never formulas, frozen headers and
 * filters, and bytes that depend only on the fleet.
 */
import { describe, expect, it } from "vitest";
import XLSX from "xlsx";
import type { FleetReportInput } from "../../src/fleet/contract.js";
import { FLEET_XLSX, format as fleetXlsx } from "../../src/fleet/formats/fleet-xlsx.js";
import { FLEET_SHEETS } from "../../src/fleet/xlsx/fleet-workbook.js";
import { dosTimeOf } from "../../src/report/xlsx/zip-dates.js";
import { fleetFixture, HIPAA, PCI, SOC2 } from "../helpers/fleet-fixture.js";
import { readWorkbook, sheetRows, zipEntries } from "../report/xlsx/read-workbook.js";

async function render(input: FleetReportInput): Promise<Uint8Array> {
  const files = await fleetXlsx.render(input);
  expect(files.map((file) => file.path)).toEqual([FLEET_XLSX]);
  const [file] = files;
  if (file === undefined || !("bytes" in file)) throw new Error("fleet-xlsx did not return bytes");
  return file.bytes;
}

const text = (value: string | number | boolean | null | undefined) =>
  value === null || value === undefined ? "" : String(value);

describe("fleet.xlsx", () => {
  it("holds a cover, the orgs, one sheet per framework and ATT&CK, and the next actions in a gap pack", async () => {
    const evidence = readWorkbook(await render(await fleetFixture()));
    expect(evidence.SheetNames).toEqual(["Cover", FLEET_SHEETS.orgs, PCI, SOC2, HIPAA, FLEET_SHEETS.attack]);
    const gap = readWorkbook(await render(await fleetFixture({ kind: "gap" })));
    expect(gap.SheetNames.at(-1)).toBe(FLEET_SHEETS.actions);
    const actions = sheetRows(gap.Sheets[FLEET_SHEETS.actions]!);
    expect(actions[0]).toEqual(["org", "rank", "edit", "summary", "gain", "techniques_moved", "controls_moved"]);
    // ap-south has no action; eu-west and us-east two each.
    expect(actions.slice(1).map((row) => [row[0], row[1], row[2]])).toEqual([
      ["eu-west", "1", "--enable-rule eu-west-rule-1"],
      ["eu-west", "2", "--enable-rule eu-west-rule-2"],
      ["us-east", "1", "--enable-rule us-east-rule-1"],
      ["us-east", "2", "--enable-rule us-east-rule-2"],
    ]);
  });

  it("gives each framework's controls the fleet status and one column per org, cell for cell", async () => {
    const input = await fleetFixture();
    const book = readWorkbook(await render(input));
    const orgs = input.fleet.orgs.map((org) => org.name);
    for (const framework of input.fleet.frameworks) {
      const rows = sheetRows(book.Sheets[framework.id]!);
      expect(rows[0]).toEqual([
        "framework",
        "control_id",
        "label",
        "parent",
        "title",
        "monitoring_relevant",
        "fleet_status",
        "worst_orgs",
        ...orgs,
      ]);
      expect(rows.slice(1)).toEqual(
        framework.controls.map((control) => [
          framework.id,
          control.id,
          text(control.label),
          text(control.parent),
          control.title,
          String(control.monitoring_relevant),
          control.status,
          control.worst_orgs.join(";"),
          ...orgs.map((org) => text(control.orgs[org])),
        ]),
      );
    }
    // The samples, as a reader sees them: PCI 10.2.1 fails for the fleet because it fails in eu-west; ap-south has no HIPAA column value.
    const pci = sheetRows(book.Sheets[PCI]!).find((row) => row[1] === "10.2.1")!;
    expect(pci.slice(6)).toEqual(["fail", "eu-west", "pass", "fail", "partial"]);
    const hipaa = sheetRows(book.Sheets[HIPAA]!).find((row) => row[1] === "164.312(b)")!;
    expect(hipaa.slice(6)).toEqual(["manual", "eu-west", "", "manual", "pass"]);
  });

  it("gives every technique and sub-technique its weakest score and each org's score", async () => {
    const input = await fleetFixture();
    const rows = sheetRows(readWorkbook(await render(input)).Sheets[FLEET_SHEETS.attack]!);
    const orgs = input.fleet.orgs.map((org) => org.name);
    expect(rows[0]).toEqual([
      "technique_id",
      "name",
      "parent",
      "tactics",
      "weakest_score",
      "weakest_score_label",
      "weakest_orgs",
      "reason",
      ...orgs,
    ]);
    const techniques = input.fleet.attack!.techniques;
    expect(rows).toHaveLength(techniques.length + 1);
    expect(techniques.some((technique) => technique.parent !== null)).toBe(true);
    expect(rows.slice(1).map((row) => [row[0], row[4], ...row.slice(8)])).toEqual(
      techniques.map((technique) => [
        technique.id,
        String(technique.score),
        ...orgs.map((org) => text(technique.orgs[org])),
      ]),
    );
    expect(rows.find((row) => row[0] === "T1110")!.slice(4)).toEqual([
      "1",
      "Visibility only",
      "eu-west",
      "No rule",
      "4",
      "1",
      "3",
    ]);
  });

  it("lists the orgs with typed cells, and writes formula-like text as text", async () => {
    const input = await fleetFixture();
    const formula = '=HYPERLINK("http://example.com","x")';
    const odd = {
      ...input,
      fleet: {
        ...input.fleet,
        orgs: input.fleet.orgs.map((org, i) => (i === 0 ? { ...org, display_name: formula } : org)),
      },
    };
    const book = readWorkbook(await render(odd));
    const sheet = book.Sheets[FLEET_SHEETS.orgs]!;
    const rows = sheetRows(sheet);
    expect(rows[0]).toEqual([
      "org",
      "display_name",
      "site",
      "collected_at",
      "complete",
      "missing_evidence",
      "frameworks",
      "top_actions",
      "manifest_sha256",
    ]);
    expect(rows.slice(1).map((row) => [row[0], row[2], row[3], row[4], row[5]])).toEqual(
      input.fleet.orgs.map((org) => [
        org.name,
        org.site,
        { instant: Date.parse(org.collected_at) },
        String(org.complete),
        org.missing_evidence.join(";"),
      ]),
    );
    const cell = sheet[XLSX.utils.encode_cell({ r: 1, c: 1 })]!;
    expect(cell.t).toBe("s");
    expect(cell.v).toBe(formula);
    expect(cell.f).toBeUndefined();
  });

  it("freezes each table's header and filters it; its bytes and zip times come from the fleet's collection", async () => {
    const input = await fleetFixture();
    const bytes = await render(input);
    const entries = zipEntries(bytes);
    const sheets = entries.filter((entry) => /^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name));
    expect(sheets).toHaveLength(6);
    for (const sheet of sheets.slice(1)) {
      expect(sheet.text()).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
      expect(sheet.text()).toMatch(/<autoFilter ref="A1:[A-Z]+\d+"/);
      expect(sheet.text()).toMatch(/<col [^>]*width="/);
    }
    const { time, date } = dosTimeOf(new Date(input.fleet.collected_at));
    for (const entry of entries)
      expect([entry.dosTime, entry.dosDate, entry.localDosTime, entry.localDosDate]).toEqual([time, date, time, date]);
    const again = await render(await fleetFixture());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    const cover = sheetRows(readWorkbook(bytes).Sheets.Cover!);
    expect(cover).toContainEqual(["collected_at", { instant: Date.parse("2026-10-01T06:00:00Z") }]);
    expect(cover).toContainEqual(["orgs_incomplete", "eu-west"]);
  });
});
