/**
 * The formats that wrap a renderer of pdf/, html/ or xlsx/, and the registry
 * itself: each wrapper's id, packs, file name and description, and that its
 * render gives back the renderer's output as that one file. No PDF is
 * rendered here: a PDF format's render is pdf/pdf-format.ts's, tested with
 * the PDF output.
 */
import { describe, expect, it } from "vitest";
import { REPORT_KINDS } from "../../src/report/contract.js";
import { EVIDENCE_XLSX, format as evidenceXlsx } from "../../src/report/formats/evidence-xlsx.js";
import { GAPS_XLSX, format as gapsXlsx } from "../../src/report/formats/gaps-xlsx.js";
import { HTML_REPORT_FILE, format as htmlReport } from "../../src/report/formats/html-report.js";
import { REPORT_FORMATS } from "../../src/report/formats/index.js";
import { ATTACK_HEATMAP_PDF, format as pdfAttack } from "../../src/report/formats/pdf-attack.js";
import { EVIDENCE_PACK_PDF, format as pdfEvidence } from "../../src/report/formats/pdf-evidence.js";
import { GAP_REPORT_PDF, format as pdfGap } from "../../src/report/formats/pdf-gap.js";
import { renderHtmlReport } from "../../src/report/html/page.js";
import { evidenceWorkbook } from "../../src/report/xlsx/evidence-workbook.js";
import { gapsWorkbook } from "../../src/report/xlsx/gaps-workbook.js";
import { reportInput } from "./data/fixtures/report-input.js";

describe("report kinds", () => {
  it("are gap, evidence and attack, in that order", () => {
    expect(REPORT_KINDS).toEqual(["gap", "evidence", "attack"]);
  });
});

describe("the format registry", () => {
  it("lists the formats in the order their files take in a pack: inputs first, then what people read", () => {
    expect(REPORT_FORMATS.map((format) => format.id)).toEqual([
      "snapshot-json",
      "assessment-json",
      "changes-json",
      "pdf-evidence",
      "pdf-gap",
      "pdf-attack",
      "html-report",
      "controls-csv",
      "gaps-csv",
      "actions-csv",
      "actions-json",
      "attack-coverage-csv",
      "evidence-xlsx",
      "gaps-xlsx",
      "attack-layer",
      "oscal-assessment-results",
      "populations-csv",
    ]);
  });

  it("cannot be changed at run time", () => {
    expect(Object.isFrozen(REPORT_FORMATS)).toBe(true);
  });
});

describe("wrapper formats", () => {
  it.each([
    [
      pdfEvidence,
      "pdf-evidence",
      ["evidence"],
      EVIDENCE_PACK_PDF,
      "evidence-pack.pdf",
      "Audit evidence summary for auditors: cover, status per framework, control matrices, ATT&CK heatmap, attestations, how evidence was collected",
    ],
    [
      pdfGap,
      "pdf-gap",
      ["gap"],
      GAP_REPORT_PDF,
      "gap-report.pdf",
      "Nightly gap report for the security team: every gap with its typed reason, and changes since the previous run",
    ],
    [
      pdfAttack,
      "pdf-attack",
      ["attack"],
      ATTACK_HEATMAP_PDF,
      "attack-heatmap.pdf",
      "MITRE ATT&CK heatmap for detection engineers: the Enterprise matrix scored 0 to 5, and the rules behind each score",
    ],
    [
      htmlReport,
      "html-report",
      ["gap", "evidence", "attack"],
      HTML_REPORT_FILE,
      "report.html",
      "report.html: the ATT&CK matrix, framework controls, gaps and changes in one offline file for a review around a screen",
    ],
    [
      evidenceXlsx,
      "evidence-xlsx",
      ["evidence"],
      EVIDENCE_XLSX,
      "evidence.xlsx",
      "evidence.xlsx: the evidence pack in one Excel workbook with typed cells, filters and links from controls to their evidence, for auditors",
    ],
    [
      gapsXlsx,
      "gaps-xlsx",
      ["gap"],
      GAPS_XLSX,
      "gaps.xlsx",
      "gaps.xlsx: the gap list as an Excel workbook with typed cells and filters, for triage",
    ],
  ] as const)("%#: %s", (format, id, kinds, constant, file, description) => {
    expect(format.id).toBe(id);
    expect(format.kinds).toEqual(kinds);
    expect(constant).toBe(file);
    expect(format.description).toBe(description);
  });

  it("html-report renders report.html as the page's text", async () => {
    const input = { ...reportInput(), kind: "gap" as const };
    expect(await htmlReport.render(input)).toEqual([{ path: "report.html", text: await renderHtmlReport(input) }]);
  });

  it("evidence-xlsx renders evidence.xlsx as the evidence workbook's bytes", async () => {
    const input = reportInput();
    expect(await evidenceXlsx.render(input)).toEqual([{ path: "evidence.xlsx", bytes: await evidenceWorkbook(input) }]);
  });

  it("gaps-xlsx renders gaps.xlsx as the gap workbook's bytes", async () => {
    const input = { ...reportInput(), kind: "gap" as const };
    expect(await gapsXlsx.render(input)).toEqual([{ path: "gaps.xlsx", bytes: await gapsWorkbook(input) }]);
  });
});
