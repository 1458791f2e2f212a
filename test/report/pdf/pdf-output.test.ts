/**
 * The three PDFs end to end: real PDF bytes, identical on a second render,
 * and text (read back with PDF.js) holding what an auditor and a
 * detection team look for.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { ReportFormat, ReportInput } from "../../../src/report/contract.js";
import { ATTACK_HEATMAP_PDF, format as pdfAttackFormat } from "../../../src/report/formats/pdf-attack.js";
import { EVIDENCE_PACK_PDF, format as pdfEvidenceFormat } from "../../../src/report/formats/pdf-evidence.js";
import { GAP_REPORT_PDF, format as pdfGapFormat } from "../../../src/report/formats/pdf-gap.js";
import { gapsOf } from "../../../src/report/gaps.js";
import { MATRIX_HEADING, RULES_HEADING } from "../../../src/report/pdf/attack-heatmap.js";
import { DOCUMENT_LANGUAGE } from "../../../src/report/pdf/document.js";
import { ATTESTATIONS_HEADING } from "../../../src/report/pdf/evidence/attestations.js";
import { APPENDIX_HEADING } from "../../../src/report/pdf/evidence/collection-appendix.js";
import { matrixHeading } from "../../../src/report/pdf/evidence/control-matrix.js";
import { SUMMARY_HEADING } from "../../../src/report/pdf/evidence/executive-summary.js";
import { HEATMAP_HEADING } from "../../../src/report/pdf/evidence-pack.js";
import { frameworkNames } from "../../../src/report/pdf/framework-names.js";
import { changesHeading } from "../../../src/report/pdf/gap/changes-section.js";
import { ALL_GAPS_HEADING, SUMMARY_HEADING as GAP_SUMMARY_HEADING } from "../../../src/report/pdf/gap-report.js";
import { collectorDescription } from "../../../src/snapshot/collector-descriptions.js";
import {
  flattenOutline,
  getOutline,
  internalLinks,
  type OutlineEntry,
  pdfInfo,
  pdfMetadata,
  pdfText,
  textSizes,
} from "../../helpers/pdf.js";
import {
  COMPANY,
  incompleteSnapshot,
  ODD_RULE_NAME,
  PREVIOUS_LABEL,
  previousSnapshot,
  reportInput,
} from "./fixtures/report-input.js";

async function renderOne(format: ReportFormat, input: ReportInput): Promise<{ path: string; bytes: Uint8Array }> {
  const files = await format.render(input);
  expect(files).toHaveLength(1);
  const [file] = files;
  if (file === undefined || !("bytes" in file)) throw new Error(`${format.id} did not return bytes`);
  return file;
}

/** Every entry of an outline with its page, depth first. */
const flattenOutlineEntries = (entries: readonly OutlineEntry[]): OutlineEntry[] =>
  entries.flatMap((entry) => [entry, ...flattenOutlineEntries(entry.items)]);

const header = (bytes: Uint8Array) => Buffer.from(bytes.subarray(0, 5)).toString("latin1");

/** Each string must occur, in this order. */
function expectInOrder(text: string, names: readonly string[]): void {
  let from = 0;
  for (const name of names) {
    const at = text.indexOf(name, from);
    expect(at, `"${name}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + name.length;
  }
}

describe("PDF reports", () => {
  let evidenceInput: ReportInput;
  let evidence: Uint8Array;
  let gap: Uint8Array;
  let attack: Uint8Array;
  let attackInput: ReportInput;

  beforeAll(async () => {
    evidenceInput = await reportInput({ kind: "evidence" });
    attackInput = await reportInput({ kind: "attack" });
    const gapInput = await reportInput({ kind: "gap", previous: previousSnapshot() });
    const files = await Promise.all([
      renderOne(pdfEvidenceFormat, evidenceInput),
      renderOne(pdfGapFormat, gapInput),
      renderOne(pdfAttackFormat, attackInput),
    ]);
    expect(files.map((file) => file.path)).toEqual([EVIDENCE_PACK_PDF, GAP_REPORT_PDF, ATTACK_HEATMAP_PDF]);
    [evidence, gap, attack] = files.map((file) => file.bytes) as [Uint8Array, Uint8Array, Uint8Array];
  });

  it("are PDF files whose bytes depend only on the inputs (a second render is identical)", async () => {
    for (const bytes of [evidence, gap, attack]) expect(header(bytes)).toBe("%PDF-");
    const again = await Promise.all([
      renderOne(pdfEvidenceFormat, await reportInput({ kind: "evidence" })),
      renderOne(pdfGapFormat, await reportInput({ kind: "gap", previous: previousSnapshot() })),
      renderOne(pdfAttackFormat, await reportInput({ kind: "attack" })),
    ]);
    expect(Buffer.from(again[0].bytes).equals(Buffer.from(evidence))).toBe(true);
    expect(Buffer.from(again[1].bytes).equals(Buffer.from(gap))).toBe(true);
    expect(Buffer.from(again[2].bytes).equals(Buffer.from(attack))).toBe(true);
  });

  it("stamp the snapshot's collection time, not the clock, as the PDF dates", async () => {
    const raw = Buffer.from(evidence).toString("latin1");
    // collected_at 2026-10-01T06:00:00Z as a PDF date, for CreationDate and ModDate.
    expect(raw.match(/\(D:20261001060000Z\)/g)).toHaveLength(2);
    expect(raw).not.toMatch(/\(D:(?!20261001060000Z)\d{14}Z\)/);
    expect(raw).toContain("(ddproof)");
    // The same, as a PDF reader sees the document information.
    for (const bytes of [evidence, gap, attack]) {
      const { info } = await pdfInfo(bytes);
      expect(info).toMatchObject({
        CreationDate: "D:20261001060000Z",
        ModDate: "D:20261001060000Z",
        Creator: "ddproof",
        Author: "ddproof",
      });
    }
  });

  it("evidence pack: headings, every framework, control ids, the heatmap, attestations and the appendix", async () => {
    const text = await pdfText(evidence);
    const frameworks = evidenceInput.assessment.frameworks;
    expect(frameworks.map((framework) => framework.id)).toEqual([
      "pci-dss-4.0.1",
      "soc2-2017",
      "hipaa-security-rule",
      "datadog-baseline",
    ]);
    expectInOrder(text, [
      "Audit evidence pack",
      "COMPLETE: all 11 collectors succeeded",
      SUMMARY_HEADING,
      ...frameworks.map(matrixHeading),
      HEATMAP_HEADING,
      ATTESTATIONS_HEADING,
      APPENDIX_HEADING,
    ]);
    for (const id of ["10.2.1", "CC7.2", "164.312(b)", "DDB-01", "T1110"]) expect(text).toContain(id);
    expect(text).not.toContain("INCOMPLETE");
    // Printed as written: no HTML escaping in the narrative or the facts.
    expect(text).toContain(COMPANY);
    expect(text).not.toContain("&amp;");
    // The expired risk acceptance is flagged, the active evidence attestation is not.
    expect(text).toMatch(/5\.4\.1[\s\S]*ciso@example\.com[\s\S]*EXPIRED/);
    expect(text).toContain("Detection rules");
    // Long API names wrap inside their cell; compare without the line breaks.
    expect(text.replace(/\s+/g, "")).toContain("v2SecurityMonitoringApi.listSecurityMonitoringRules");
    // Each call's filters, as the collector's description states them.
    for (const call of collectorDescription("agents").calls)
      expect(text.replace(/\s+/g, "")).toContain(call.asks.replace(/\s+/g, ""));
  });

  it("evidence pack: INCOMPLETE banner naming the failed collector", async () => {
    const input = await reportInput({ kind: "evidence", snapshot: incompleteSnapshot() });
    const text = await pdfText((await renderOne(pdfEvidenceFormat, input)).bytes);
    expect(text).toContain("INCOMPLETE — evidence missing from: signals");
    expect(text).toContain("FAILED");
    expect(text).toContain("signals: collector failed: signals request failed with HTTP 500");
  });

  it("gap report: summary by reason, changes since the previous run, and every gap", async () => {
    const text = await pdfText(gap, { layout: true });
    expectInOrder(text, ["Gap report", GAP_SUMMARY_HEADING, changesHeading(PREVIOUS_LABEL), ALL_GAPS_HEADING]);
    expectInOrder(text, [
      "Rules removed (1)",
      "Legacy VPN brute force",
      "Rules disabled (1)",
      "Console login without MFA",
      "Log sources gone silent (1)",
      "github",
    ]);
    for (const label of ["No rule", "Attestation missing"]) expect(text).toContain(label);
    for (const name of [
      "PCI DSS",
      "SOC 2",
      "HIPAA Security Rule",
      "Datadog security monitoring baseline",
      "MITRE ATT&CK",
    ])
      expect(text).toContain(name);
  });

  it("gap report without a previous run has no changes section", async () => {
    const text = await pdfText((await renderOne(pdfGapFormat, await reportInput({ kind: "gap" }))).bytes);
    expect(text).toContain(ALL_GAPS_HEADING);
    expect(text).not.toContain("Changes since");
  });

  it("ATT&CK heatmap: tactics from the catalog in matrix order, technique ids and the rules behind scores", async () => {
    const text = await pdfText(attack, { layout: true });
    const tactics = attackInput.attack?.tactics ?? [];
    expect(tactics).toHaveLength(14);
    const matrix = text.slice(text.indexOf(MATRIX_HEADING), text.indexOf(RULES_HEADING));
    // A grid per tactic, headed by the tactic's name from the catalog, in matrix order.
    expectInOrder(
      matrix,
      tactics.map((tactic) => `${tactic.name} (${tactic.id})`),
    );
    for (const id of ["T1110", "T1059", "T1562", "T1566"]) expect(matrix).toContain(id);
    const rules = text.slice(text.indexOf(RULES_HEADING));
    expect(rules).toContain("T1110.001");
    expect(rules).toContain(`${ODD_RULE_NAME} (fired)`);
  });

  it("have bookmarks: framework, requirement group and control; framework and gap; tactic", async () => {
    const evidenceOutline = await getOutline(evidence);
    const frameworks = evidenceInput.assessment.frameworks;
    for (const framework of frameworks) {
      const entry = evidenceOutline.find((item) => item.title === matrixHeading(framework));
      expect(entry, framework.id).toBeDefined();
      const groups = framework.controls.filter((control) => control.parent === null);
      // One bookmark per top-level group, in the framework's order, each titled with its label.
      expect(entry!.items.map((item) => item.title.split(":")[0]?.split(" ").at(-1))).toEqual(
        groups.map((group) => group.label ?? group.id),
      );
      const controls = entry!.items.flatMap((group) => group.items);
      expect(controls.length, framework.id).toBeGreaterThan(0);
      for (const item of [entry!, ...entry!.items, ...controls]) expect(item.page, item.title).not.toBeNull();
    }
    const allControls = evidenceOutline.flatMap((item) => item.items.flatMap((group) => group.items));
    for (const id of ["10.2.1", "CC7.2", "164.312(b)"])
      expect(
        allControls.some((item) => item.title.startsWith(`${id} `)),
        id,
      ).toBe(true);
    expect(evidenceOutline.map((item) => item.title)).toEqual(
      expect.arrayContaining([SUMMARY_HEADING, HEATMAP_HEADING, ATTESTATIONS_HEADING, APPENDIX_HEADING]),
    );

    const gapOutline = await getOutline(gap);
    const everyGap = gapOutline.find((item) => item.title === ALL_GAPS_HEADING);
    const gaps = gapsOf(evidenceInput.assessment);
    expect(everyGap?.items.map((item) => item.title)).toEqual(
      [...frameworkNames(evidenceInput.assessment)].map(
        ([id, name]) => `${name} (${gaps.filter((one) => one.framework === id).length})`,
      ),
    );
    expect(everyGap!.items.flatMap((item) => item.items)).toHaveLength(gaps.length);

    const attackOutline = flattenOutline(await getOutline(attack));
    const tactics = attackInput.attack?.tactics ?? [];
    for (const tactic of tactics)
      expect(attackOutline).toContainEqual({ title: `${tactic.name} (${tactic.id})`, depth: 1 });
  });

  it("link the summary tables to their sections", async () => {
    const frameworkPages = (await getOutline(evidence))
      .filter((item) =>
        evidenceInput.assessment.frameworks.some((framework) => matrixHeading(framework) === item.title),
      )
      .map((item) => item.page);
    // A link is drawn word by word: targets repeat for the words of one name.
    const targets = (links: readonly { target: number | null }[]) =>
      links.map((link) => link.target).filter((target, i, all) => i === 0 || target !== all[i - 1]);
    const summaryLinks = (await internalLinks(evidence)).filter((link) => link.page === 2);
    expect(targets(summaryLinks)).toEqual(frameworkPages);

    const gapSections = (await getOutline(gap)).find((item) => item.title === ALL_GAPS_HEADING)!.items;
    const gapLinks = await internalLinks(gap);
    expect(targets(gapLinks)).toEqual(gapSections.map((item) => item.page));

    const tacticPages = flattenOutlineEntries(await getOutline(attack))
      .filter((item) => /\(TA\d{4}\)$/.test(item.title))
      .map((item) => item.page);
    expect(targets(await internalLinks(attack))).toEqual(
      tacticPages.filter((page, i, all) => i === 0 || page !== all[i - 1]),
    );
  });

  it("declare their language and PDF/A-2b, and print no text under 7 pt", async () => {
    for (const bytes of [evidence, gap, attack]) {
      const { language, xmp } = await pdfMetadata(bytes);
      expect(language).toBe(DOCUMENT_LANGUAGE);
      expect(xmp.get("pdfaid:part")).toBe("2");
      expect(xmp.get("pdfaid:conformance")).toBe("B");
      // The XMP title is the information dictionary's, characters a company name may hold included.
      expect(xmp.get("dc:title")).toContain(COMPANY);
      const sizes = await textSizes(bytes);
      expect(sizes.length).toBeGreaterThan(1000);
      const small = sizes.filter((run) => run.size < 7 - 1e-6);
      expect(small.slice(0, 5)).toEqual([]);
    }
  });

  it("repeat the framework and requirement at the top of continuation pages", async () => {
    const pages = (await pdfText(evidence)).split("\f");
    const [pci, soc2] = evidenceInput.assessment.frameworks;
    const first = pages.findIndex((page) => page.startsWith(matrixHeading(pci!)));
    const next = pages.findIndex((page) => page.startsWith(matrixHeading(soc2!)));
    expect(next - first).toBeGreaterThan(3);
    // Every page of the PCI DSS matrix after its first opens with the framework and the requirement group.
    for (const page of pages.slice(first + 1, next))
      expect(page.split("\n")[0]).toMatch(new RegExp(`^${pci!.name} ${pci!.version} › [A-Z]+ Requirement \\S+: `));
    const gapPages = (await pdfText(gap)).split("\f").filter((page) => page.trimStart().startsWith("Gaps: "));
    expect(gapPages.length).toBeGreaterThan(1);
  });
});
