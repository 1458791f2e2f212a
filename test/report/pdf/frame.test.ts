/**
 * The frame every PDF shares and the data behind it, pinned value for value:
 * page setup, metadata and styles, the footer, times as printed, the
 * narrative context and paragraphs, contrast, the XMP repair, the resource
 * guard's messages, framework names, the format wrapper, and the order of
 * each report's sections.
 */
import type { Content, ContentText, TDocumentDefinitions } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { ReportInput } from "../../../src/report/contract.js";
import { buildAttackHeatmap, MATRIX_HEADING, RULES_HEADING } from "../../../src/report/pdf/attack-heatmap.js";
import { contrastRatio, relativeLuminance, textColourOn } from "../../../src/report/pdf/contrast.js";
import {
  contentWidth,
  DOCUMENT_LANGUAGE,
  equalWidths,
  PAGE_MARGIN,
  pdfDocument,
  reportDocument,
  STYLES,
} from "../../../src/report/pdf/document.js";
import { buildEvidencePack, HEATMAP_HEADING } from "../../../src/report/pdf/evidence-pack.js";
import { frameworkNames } from "../../../src/report/pdf/framework-names.js";
import { ALL_GAPS_HEADING, buildGapReport, gapSectionId, SUMMARY_HEADING } from "../../../src/report/pdf/gap-report.js";
import { narrative, narrativeContext, REPORT_TITLES, textBlocks } from "../../../src/report/pdf/narrative.js";
import { pdfFormat } from "../../../src/report/pdf/pdf-format.js";
import { mendXmpMetadata, xmlEscape } from "../../../src/report/pdf/pdfa-metadata.js";
import { SCORE_SWATCHES, STATUS_ORDER, scoreSwatch, statusSwatch } from "../../../src/report/pdf/presentation.js";
import { formatInstant, periodDays, periodText } from "../../../src/report/pdf/report-time.js";
import { assertVectorOnly, PdfResourceError } from "../../../src/report/pdf/resource-guard.js";
import { incompleteSnapshot, previousSnapshot, reportInput } from "./fixtures/report-input.js";

const WHEN = "2026-10-01T06:00:00Z";

/** A text node that is also a bookmark and destination. */
type Outlined = ContentText & { id?: string };

describe("the document frame", () => {
  it("has these styles", () => {
    expect(STYLES).toEqual({
      title: { fontSize: 22, bold: true, margin: [0, 0, 0, 6] },
      subtitle: { fontSize: 12, color: "#444444", margin: [0, 0, 0, 18] },
      h1: { fontSize: 15, bold: true, margin: [0, 4, 0, 8] },
      h2: { fontSize: 11.5, bold: true, margin: [0, 10, 0, 5] },
      h3: { fontSize: 9.5, bold: true, margin: [0, 8, 0, 4] },
      narrative: { fontSize: 9.5, lineHeight: 1.25, margin: [0, 0, 0, 7] },
      note: { fontSize: 8, italics: true, color: "#444444", margin: [0, 2, 0, 6] },
      tableHeader: { bold: true, fontSize: 7.5, fillColor: "#E6E6E6" },
      cell: { fontSize: 7.5 },
      banner: { fontSize: 12, bold: true },
    });
  });

  it("divides a width into equal percentage columns and knows each page's printable width", () => {
    expect(equalWidths(3)).toEqual(["33.3333%", "33.3333%", "33.3333%"]);
    expect(equalWidths(4)).toEqual(["25.0000%", "25.0000%", "25.0000%", "25.0000%"]);
    expect(equalWidths(0)).toEqual([]);
    expect(PAGE_MARGIN).toBe(36);
    expect(contentWidth("A4", "portrait")).toBeCloseTo(523.28, 6);
    expect(contentWidth("A4", "landscape")).toBeCloseTo(769.89, 6);
    expect(contentWidth("A3", "portrait")).toBeCloseTo(769.89, 6);
    expect(contentWidth("A3", "landscape")).toBeCloseTo(1118.55, 6);
  });

  it("declares PDF/A-2b and English, dates the metadata from the collection, and prints who and when in the footer", () => {
    const content: Content[] = ["body"];
    const doc = pdfDocument(
      { who: "Acme", periodLabel: "2026-Q3", collectedAt: WHEN },
      { title: "Gap report", subject: "Gaps", pageSize: "A4", orientation: "portrait" },
      content,
    );
    const { footer, ...rest } = doc;
    expect(DOCUMENT_LANGUAGE).toBe("en");
    expect(rest).toEqual({
      version: "1.7",
      subset: "PDF/A-2b",
      language: "en",
      pageSize: "A4",
      pageOrientation: "portrait",
      pageMargins: [36, 36, 36, 44],
      info: {
        title: "Gap report: Acme, 2026-Q3",
        author: "ddproof",
        subject: "Gaps",
        creator: "ddproof",
        producer: "ddproof (pdfmake)",
        creationDate: new Date(WHEN),
        modDate: new Date(WHEN),
      },
      defaultStyle: { font: "Roboto", fontSize: 9 },
      styles: STYLES,
      content,
    });
    const page = (footer as unknown as (page: number, count: number) => { columns: ContentText[]; margin: number[] })(
      1,
      4,
    );
    expect(page.columns.map((column) => column.text)).toEqual(["Acme · 2026-Q3 · Gap report", "page 1 of 4"]);
    expect(page.margin).toEqual([36, 14, 36, 0]);
  });

  it("names the org, or its site when it has no name", async () => {
    const input = await reportInput({ kind: "gap" });
    const setup = { title: "T", subject: "S", pageSize: "A3", orientation: "landscape" } as const;
    expect(reportDocument(input, setup, []).info?.title).toBe("T: Smith & Jones <Ltd>, 2026-Q3");
    const unnamed = { ...input, snapshot: { ...input.snapshot, org: { ...input.snapshot.org, name: null } } };
    expect(reportDocument(unnamed, setup, []).info?.title).toBe("T: datadoghq.com, 2026-Q3");
    expect(reportDocument(input, setup, []).info?.creationDate).toEqual(new Date(WHEN));
  });
});

describe("times as printed", () => {
  it("prints minutes in the period's zone with the zone's name, and an unreadable time as given", () => {
    expect(formatInstant(WHEN, "UTC")).toBe("2026-10-01 06:00 UTC");
    expect(formatInstant(WHEN, "Europe/Paris")).toBe("2026-10-01 08:00 Europe/Paris");
    expect(formatInstant("not a time", "UTC")).toBe("not a time");
  });

  it("counts whole days, never below zero, and prints the period", () => {
    const period = {
      label: "2026-Q3",
      from: "2026-07-01T00:00:00Z",
      to: "2026-10-01T00:00:00Z",
      timezone: "UTC",
    } as Parameters<typeof periodDays>[0];
    expect(periodDays(period)).toBe(92);
    expect(periodDays({ ...period, to: "2026-07-02T13:00:00Z" })).toBe(2);
    expect(periodDays({ ...period, to: "2026-07-02T11:00:00Z" })).toBe(1);
    expect(periodDays({ ...period, to: "2026-06-01T00:00:00Z" })).toBe(0);
    expect(periodText(period)).toBe("2026-Q3 (2026-07-01 00:00 to 2026-10-01 00:00 UTC)");
    expect(periodText({ ...period, timezone: "Europe/Paris" })).toBe(
      "2026-Q3 (2026-07-01 02:00 to 2026-10-01 02:00 Europe/Paris)",
    );
  });
});

describe("the narrative", () => {
  it("titles each kind of report", () => {
    expect(REPORT_TITLES).toEqual({
      evidence: "Audit evidence pack",
      gap: "Gap report",
      attack: "MITRE ATT&CK coverage heatmap",
    });
  });

  it("makes the template variables from the input", async () => {
    const input = await reportInput({ kind: "gap", previous: previousSnapshot() });
    const context = narrativeContext(input);
    expect(context).toEqual({
      report: { kind: "gap", title: "Gap report" },
      company: "Smith & Jones <Ltd>",
      org: { name: "Smith & Jones <Ltd>", site: "datadoghq.com" },
      period: {
        label: "2026-Q3",
        from: "2026-07-01 00:00 UTC",
        to: "2026-10-01 00:00 UTC",
        timezone: "UTC",
        days: 92,
      },
      collected_at: "2026-10-01 06:00 UTC",
      tool_version: "0.0.0-test",
      complete: true,
      missing_collectors: [],
      collectors: { total: 11, ok: 11, failed: 0, requests: 11, retries: 0 },
      frameworks: [
        {
          id: "pci-dss-4.0.1",
          name: "PCI DSS",
          version: "4.0.1",
          controls: 131,
          counts: { pass: 5, partial: 28, fail: 24, unknown: 11, manual: 63, accepted: 0, not_applicable: 0 },
          gaps: 92,
        },
        {
          id: "soc2-2017",
          name: "SOC 2 (Trust Services Criteria)",
          version: "2017 (points of focus 2022)",
          controls: 81,
          counts: { pass: 1, partial: 7, fail: 7, unknown: 6, manual: 60, accepted: 0, not_applicable: 0 },
          gaps: 60,
        },
        {
          id: "hipaa-security-rule",
          name: "HIPAA Security Rule",
          version: "45 CFR 164.308–164.316",
          controls: 70,
          counts: { pass: 2, partial: 9, fail: 3, unknown: 4, manual: 52, accepted: 0, not_applicable: 0 },
          gaps: 48,
        },
        {
          id: "datadog-baseline",
          name: "Datadog security monitoring baseline",
          version: "1",
          controls: 10,
          counts: { pass: 4, partial: 2, fail: 3, unknown: 1, manual: 0, accepted: 0, not_applicable: 0 },
          gaps: 6,
        },
      ],
      attack: {
        version: "18.1",
        techniques: 216,
        sub_techniques: 475,
        gaps: 684,
        gap_below: 3,
        by_score: [
          { score: 0, label: "No coverage", count: 35 },
          { score: 1, label: "Visibility only", count: 177 },
          { score: 2, label: "Paper coverage", count: 1 },
          { score: 3, label: "Effective", count: 1 },
          { score: 4, label: "Validated", count: 1 },
          { score: 5, label: "Operated", count: 1 },
        ],
      },
      thresholds: { attack_gap_below: 3, triage_sla_minutes: { critical: 60, high: 240 } },
      gaps: { total: 890, controls: 206, techniques: 684 },
      previous: { label: "nightly-2026-09-30", collected_at: "2026-09-30 06:00 UTC" },
    });
  });

  it("names failed collectors, sums requests and retries, and has no ATT&CK figures or previous run when absent", async () => {
    const snapshot = incompleteSnapshot();
    snapshot.collectors.rules.requests = 5;
    snapshot.collectors.rules.retries = 2;
    snapshot.collectors.agents.retries = 1;
    const input = await reportInput({ kind: "evidence", snapshot });
    const context = narrativeContext({ ...input, assessment: { ...input.assessment, attack: null } });
    expect(context.complete).toBe(false);
    expect(context.missing_collectors).toEqual(["signals"]);
    expect(context.collectors).toEqual({ total: 11, ok: 10, failed: 1, requests: 15, retries: 3 });
    expect(context.attack).toBeNull();
    expect(context.previous).toBeNull();
    expect(context.report).toEqual({ kind: "evidence", title: "Audit evidence pack" });
    const unnamed = narrativeContext({
      ...input,
      snapshot: { ...input.snapshot, org: { ...input.snapshot.org, name: null } },
    });
    expect(unnamed.company).toBe("datadoghq.com");
    expect(unnamed.org).toEqual({ name: null, site: "datadoghq.com" });
  });

  it("makes paragraphs of blank-line separated blocks and a list of a block of '- ' lines", () => {
    expect(textBlocks("")).toEqual([]);
    expect(textBlocks("  one\n two  \n\n\n- a\n-  b\n   \n\nthree\n- not a list")).toEqual([
      { text: "one two", style: "narrative" },
      { ul: ["a", "b"], style: "narrative" },
      { text: "three - not a list", style: "narrative" },
    ]);
    expect(textBlocks("a\n \t \nb")).toEqual([
      { text: "a", style: "narrative" },
      { text: "b", style: "narrative" },
    ]);
    expect(textBlocks("-x\n- y")).toEqual([{ text: "-x - y", style: "narrative" }]);
    expect(textBlocks("x - y")).toEqual([{ text: "x - y", style: "narrative" }]);
  });

  it("renders a template as plain text, with no HTML escaping", async () => {
    const input = await reportInput({ kind: "gap" });
    const templates = { ...input.templates, "gap-intro": "For {{company}}.\n\n- {{period.label}}\n- two" };
    expect(narrative({ ...input, templates }, narrativeContext(input), "gap-intro")).toEqual([
      { text: "For Smith & Jones <Ltd>.", style: "narrative" },
      { ul: ["2026-Q3", "two"], style: "narrative" },
    ]);
  });
});

describe("presentation", () => {
  it("orders statuses as presentation.json does and refuses an unknown status or score", () => {
    expect(STATUS_ORDER).toEqual(["pass", "partial", "fail", "unknown", "manual", "accepted", "not_applicable"]);
    expect(statusSwatch("not_applicable")).toEqual({ label: "N/A", fill: "#E0E0E0", text: "#000000" });
    expect(() => statusSwatch("bogus" as never)).toThrow("no presentation for status bogus");
    expect(scoreSwatch(2)).toEqual(SCORE_SWATCHES[2]);
    expect(SCORE_SWATCHES[2]).toEqual({
      score: 2,
      label: "Paper coverage",
      meaning: "An enabled rule exists, but none is effective.",
      fill: "#7fcdbb",
      text: "#000000",
    });
    expect(() => scoreSwatch(6)).toThrow("no presentation for ATT&CK score 6");
    expect(() => scoreSwatch(-1)).toThrow("no presentation for ATT&CK score -1");
  });
});

describe("contrast", () => {
  it("computes relative luminance on both sides of the sRGB knee, in either case", () => {
    expect(relativeLuminance("#0A0A0A")).toBeCloseTo(10 / 255 / 12.92, 12);
    expect(relativeLuminance("#0B0B0B")).toBeCloseTo(((11 / 255 + 0.055) / 1.055) ** 2.4, 12);
    expect(relativeLuminance("#ff0000")).toBeCloseTo(0.2126, 12);
    expect(relativeLuminance("#00FF00")).toBeCloseTo(0.7152, 12);
    expect(relativeLuminance("#0000ff")).toBeCloseTo(0.0722, 12);
    expect(() => relativeLuminance("#12345")).toThrow('expected a colour such as #1A2B3C, got "#12345"');
    expect(() => relativeLuminance("x#123456")).toThrow(/got "x#123456"/);
    expect(() => relativeLuminance("#1234567")).toThrow(/got "#1234567"/);
  });

  it("gives the same ratio either way round, and picks white only where it reads better", () => {
    expect(contrastRatio("#000000", "#FFFFFF")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777777", "#FFFFFF")).toBeCloseTo(contrastRatio("#FFFFFF", "#777777"), 12);
    expect(contrastRatio("#777777", "#FFFFFF")).toBeCloseTo(4.478, 3);
    expect(textColourOn("#777777")).toBe("#000000");
    expect(textColourOn("#767676")).toBe("#000000");
    expect(textColourOn("#555555")).toBe("#FFFFFF");
  });
});

describe("the XMP repair", () => {
  it("escapes the five XML characters", () => {
    expect(xmlEscape(`Smith & Jones <Ltd> "a" 'b'`)).toBe("Smith &amp; Jones &lt;Ltd&gt; &quot;a&quot; &apos;b&apos;");
    expect(xmlEscape("plain")).toBe("plain");
  });

  it("writes the info escaped, puts the original back, and adds the modify and metadata dates", () => {
    const written: Record<string, unknown>[] = [];
    const xml: string[] = [];
    const info = { Title: "A & B", Author: "<x>", ModDate: new Date("2026-10-01T06:00:00.123Z"), Count: 3 };
    const target = {
      info: info as Record<string, unknown>,
      appendXML(text: string) {
        xml.push(text);
      },
      _addInfo() {
        written.push({ ...this.info });
      },
    };
    mendXmpMetadata(target);
    target._addInfo();
    expect(written).toEqual([{ Title: "A &amp; B", Author: "&lt;x&gt;", ModDate: info.ModDate, Count: 3 }]);
    expect(target.info).toBe(info);
    expect(xml).toEqual([
      '<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>2026-10-01T06:00:00Z</xmp:ModifyDate><xmp:MetadataDate>2026-10-01T06:00:00Z</xmp:MetadataDate></rdf:Description>',
    ]);
  });

  it("adds no dates without a modification date, and restores the info even when writing fails", () => {
    const xml: string[] = [];
    const info = { Title: "x", ModDate: "2026" };
    const target = {
      info: info as Record<string, unknown>,
      appendXML(text: string) {
        xml.push(text);
      },
      _addInfo() {
        throw new Error("disk full");
      },
    };
    mendXmpMetadata(target);
    expect(() => target._addInfo()).toThrow("disk full");
    expect(target.info).toBe(info);
    expect(xml).toEqual([]);
    const quiet = {
      info: { Title: "y" } as Record<string, unknown>,
      appendXML: (text: string) => xml.push(text),
      _addInfo() {},
    };
    mendXmpMetadata(quiet);
    quiet._addInfo();
    expect(xml).toEqual([]);
  });
});

describe("the resource guard", () => {
  const fonts = new Set(["Roboto", "Other"]);
  const refusal = (doc: object) => {
    try {
      assertVectorOnly(doc, fonts);
    } catch (error) {
      expect(error).toBeInstanceOf(PdfResourceError);
      expect((error as Error).name).toBe("PdfResourceError");
      return (error as Error).message;
    }
    return null;
  };

  it("names the path of what it refuses", () => {
    expect(refusal({ content: [{ text: "a" }, { stack: [{ columns: [{ image: "x" }] }] }] })).toBe(
      "pdf: content[1].stack[0].columns[0].image: reports may not embed images, SVG or attachments (draw vectors with canvas instead)",
    );
    expect(refusal({ content: { svg: "<svg/>" } })).toBe(
      "pdf: content.svg: reports may not embed images, SVG or attachments (draw vectors with canvas instead)",
    );
    expect(refusal({ content: [{ text: "x", link: "https://example.com" }] })).toBe(
      "pdf: content[0].link: reports may not link outside the document (print the URL as text instead)",
    );
    expect(refusal({ content: [{ text: "x", font: "Comic" }] })).toBe(
      'pdf: content[0].font: font "Comic" is not one of the built-in fonts (Roboto, Other)',
    );
    expect(refusal({ attachments: {} })).toBe(
      "pdf: attachments: reports may not reference image, attachment or file dictionaries",
    );
    expect(refusal({ images: {} })).toBe(
      "pdf: images: reports may not reference image, attachment or file dictionaries",
    );
    expect(refusal([{ attachment: "x" }])).toBe(
      "pdf: [0].attachment: reports may not embed images, SVG or attachments (draw vectors with canvas instead)",
    );
  });

  it("lets text, tables, canvas, internal links and the known fonts through", () => {
    expect(
      refusal({
        content: [
          { text: "x", font: "Other", linkToDestination: "a", linkToPage: 2 },
          { table: { body: [[{ text: "y", image: undefined }]] } },
          { canvas: [{ type: "rect", x: 0, y: 0, w: 1, h: 1 }] },
          null,
          3,
          "z",
        ],
        defaultStyle: { font: "Roboto" },
      }),
    ).toBeNull();
  });
});

describe("framework names", () => {
  it("names each assessed framework, and ATT&CK with its version when assessed", async () => {
    const input = await reportInput({ kind: "gap" });
    expect([...frameworkNames(input.assessment)]).toEqual([
      ["pci-dss-4.0.1", "PCI DSS"],
      ["soc2-2017", "SOC 2 (Trust Services Criteria)"],
      ["hipaa-security-rule", "HIPAA Security Rule"],
      ["datadog-baseline", "Datadog security monitoring baseline"],
      ["mitre-attack", "MITRE ATT&CK 18.1"],
    ]);
    expect([...frameworkNames({ ...input.assessment, attack: null }).keys()]).not.toContain("mitre-attack");
  });
});

describe("a PDF format", () => {
  it("declares its id, kind and description, and renders the built definition to one file", async () => {
    const built: ReportInput[] = [];
    const format = pdfFormat("pdf-x", "gap", "x.pdf", "An x", (input) => {
      built.push(input);
      return { info: { creationDate: new Date(WHEN) }, content: ["x"] } as TDocumentDefinitions;
    });
    expect(format.id).toBe("pdf-x");
    expect(format.kinds).toEqual(["gap"]);
    expect(format.description).toBe("An x");
    const input = { kind: "gap" } as ReportInput;
    const files = await format.render(input);
    expect(built).toEqual([input]);
    expect(files).toHaveLength(1);
    const [file] = files as [{ path: string; bytes: Uint8Array }];
    expect(file.path).toBe("x.pdf");
    expect(Buffer.from(file.bytes.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
  });
});

/** A definition's content in short: text nodes as their text (and page break), others by their first key. */
function shape(content: readonly Content[]): unknown[] {
  return content.map((node) => {
    if (typeof node === "string") return node;
    const text = node as ContentText & { pageOrientation?: string };
    if (typeof text.text === "string")
      return [text.text, text.style, text.pageBreak ?? null, text.pageOrientation ?? null].filter((x) => x != null);
    if (Array.isArray(text.text)) return ["text[]", text.style, text.pageBreak ?? null].filter((x) => x != null);
    return Object.keys(node as object)[0];
  });
}

describe("the reports' sections", () => {
  it("attack heatmap: A3 landscape, the ladder, counts per tactic, the matrix and the rules table", async () => {
    const input = await reportInput({ kind: "attack" });
    const doc = buildAttackHeatmap(input);
    expect([doc.pageSize, doc.pageOrientation]).toEqual(["A3", "landscape"]);
    expect(doc.info?.title).toBe("MITRE ATT&CK coverage heatmap: Smith & Jones <Ltd>, 2026-Q3");
    expect(doc.info?.subject).toBe("MITRE ATT&CK detection coverage, scored 0 to 5 per technique");
    const content = doc.content as Content[];
    const ladderAt = content.findIndex((node) => (node as ContentText).text === "Score ladder");
    expect(shape(content.slice(4, ladderAt)).every((node) => (node as string[])[1] === "narrative")).toBe(true);
    const tail = shape(content.slice(ladderAt));
    expect(tail.slice(0, 6)).toEqual([
      ["Score ladder", "h2"],
      "table",
      ["Techniques per tactic and score", "h2"],
      "table",
      ["text[]", "h1", "before"],
      "stack",
    ]);
    expect(tail.slice(-3)).toEqual([
      [RULES_HEADING, "h1", "before"],
      [
        "Rules are listed by name with what they achieved in the period: fired, effective (their source is ingesting or their hosts run Workload Protection) or not effective.",
        "note",
      ],
      "table",
    ]);
    expect(RULES_HEADING).toBe("Techniques, sub-techniques and the rules behind each score");
    const matrix = content[ladderAt + 4] as Outlined;
    expect(matrix.text).toEqual([
      MATRIX_HEADING,
      {
        text: "   Tactics in ATT&CK 18.1 matrix order; each cell shows the score (0 to 5), the technique id and its name.",
        style: "note",
        bold: false,
      },
    ]);
    expect(matrix.id).toBe("matrix");
    const rules = content.at(-3) as Outlined;
    expect(rules.id).toBe("rules");
    const firstGrid = content[ladderAt + 5] as {
      stack: [ContentText, { table: { widths: string[]; body: ContentText[][] } }];
    };
    expect(firstGrid.stack[0].outlineParentId).toBe("matrix");
    expect(firstGrid.stack[1].table.widths).toHaveLength(6);
    expect(firstGrid.stack[1].table.body[0]![0]!.fontSize).toBe(7.5);
    expect((firstGrid.stack[1].table.body[0]![0]!.text as unknown[]).length).toBe(3);
  });

  it("attack heatmap without ATT&CK says why", async () => {
    const input = await reportInput({ kind: "attack" });
    const none = buildAttackHeatmap({ ...input, attack: null });
    expect((none.content as Content[]).at(-1)).toEqual({
      text: "MITRE ATT&CK was not assessed in this run, so there is no heatmap.",
      style: "narrative",
    });
    const unassessed = buildAttackHeatmap({ ...input, assessment: { ...input.assessment, attack: null } });
    expect((unassessed.content as Content[]).at(-1)).toEqual({
      text: "MITRE ATT&CK was not assessed in this run, so there is no heatmap.",
      style: "narrative",
    });
  });

  it("evidence pack: A4 portrait, a page break after the cover, and a landscape heatmap page with compact cells", async () => {
    const input = await reportInput({ kind: "evidence" });
    const doc = buildEvidencePack(input);
    expect([doc.pageSize, doc.pageOrientation]).toEqual(["A4", "portrait"]);
    expect(doc.info?.subject).toBe(
      "Audit evidence: security monitoring controls, coverage and how the evidence was collected",
    );
    const content = doc.content as Content[];
    expect(content[6]).toEqual({ text: "", pageBreak: "after" });
    const heatmapAt = content.findIndex((node) => (node as Outlined).id === "attack");
    expect(HEATMAP_HEADING).toBe("MITRE ATT&CK coverage");
    expect(content[heatmapAt]).toEqual({
      text: [
        "MITRE ATT&CK coverage",
        {
          text: "   Each cell: score (0 to 5) and technique id. Names, sub-techniques and the rules behind each score: attack-heatmap.pdf, attack-coverage.csv.",
          style: "note",
          bold: false,
        },
      ],
      style: "h1",
      id: "attack",
      outline: true,
      outlineText: "MITRE ATT&CK coverage",
      pageBreak: "before",
      pageOrientation: "landscape",
    });
    // The narrative, the compact legend, then the grids.
    const legend = content[heatmapAt + 2] as { table: { body: unknown[][] } };
    expect(legend.table.body[0]).toHaveLength(6);
    const grid = content[heatmapAt + 3] as {
      stack: [ContentText, { table: { widths: string[]; body: ContentText[][] } }];
    };
    expect(grid.stack[0].outlineParentId).toBe("attack");
    expect(grid.stack[1].table.widths).toHaveLength(10);
    expect(grid.stack[1].table.body[0]![0]!.fontSize).toBe(7);
    expect((grid.stack[1].table.body[0]![0]!.text as unknown[]).length).toBe(2);
    const attestations = content.findIndex((node) => (node as Outlined).id === "attestations");
    expect(attestations).toBeGreaterThan(heatmapAt);
    expect((content.at(-1) as ContentText).text).toBe("None.");
    // Each framework's matrix uses its own catalog's word for groups.
    const soc2 = content.find((node) => (node as Outlined).id === "group/soc2-2017/CC1") as ContentText;
    expect(soc2.outlineText).toMatch(/^Category CC1: /);
  });

  it("gap report: summaries, the changes, then every gap framework by framework", async () => {
    const input = await reportInput({ kind: "gap", previous: previousSnapshot() });
    const doc = buildGapReport(input);
    expect([doc.pageSize, doc.pageOrientation]).toEqual(["A4", "portrait"]);
    expect(doc.info?.subject).toBe("Security monitoring gaps with typed reasons, and changes since the previous run");
    expect(SUMMARY_HEADING).toBe("Gaps by reason");
    expect(ALL_GAPS_HEADING).toBe("Every gap");
    expect(gapSectionId("pci")).toBe("gaps/pci");
    const content = doc.content as Content[];
    const summaryAt = content.findIndex((node) => (node as Outlined).id === "summary");
    expect(content[summaryAt]).toEqual({
      text: "Gaps by reason",
      style: "h1",
      id: "summary",
      outline: true,
      outlineText: "Gaps by reason",
      pageBreak: "before",
    });
    expect(shape(content.slice(summaryAt + 1, summaryAt + 4))).toEqual(["table", ["Gaps by framework", "h2"], "table"]);
    const byFramework = content[summaryAt + 3] as { table: { body: ContentText[][] } };
    expect(byFramework.table.body[1]![0]!.linkToDestination).toBe("gaps/pci-dss-4.0.1");
    expect((content[summaryAt + 4] as Outlined).id).toBe("changes");
    const allAt = content.findIndex((node) => (node as Outlined).id === "all-gaps");
    expect(content[allAt]).toEqual({
      text: "Every gap",
      style: "h1",
      id: "all-gaps",
      outline: true,
      outlineText: "Every gap",
      pageBreak: "before",
    });
    expect(content[allAt + 1]).toEqual({
      text: "PCI DSS (92)",
      style: "h2",
      id: "gaps/pci-dss-4.0.1",
      outline: true,
      outlineText: "PCI DSS (92)",
      outlineParentId: "all-gaps",
    });
    const pciGaps = content[allAt + 2] as { table: { headerRows: number; body: ContentText[][] } };
    expect(pciGaps.table.headerRows).toBe(2);
    expect(pciGaps.table.body[0]![0]!.text).toBe("Gaps: PCI DSS");
    expect(pciGaps.table.body[2]![0]!.outlineParentId).toBe("gaps/pci-dss-4.0.1");
    expect(pciGaps.table.body).toHaveLength(94);
    expect(content.length).toBe(allAt + 11);
  });

  it("gap report: a framework without gaps says so", async () => {
    const input = await reportInput({ kind: "gap" });
    const assessment = {
      ...input.assessment,
      attack: null,
      frameworks: [{ ...input.assessment.frameworks[3]!, id: "empty", name: "Empty", controls: [] }],
    };
    const content = buildGapReport({ ...input, assessment }).content as Content[];
    expect(content.slice(-2)).toEqual([
      {
        text: "Empty (0)",
        style: "h2",
        id: "gaps/empty",
        outline: true,
        outlineText: "Empty (0)",
        outlineParentId: "all-gaps",
      },
      { text: "No gaps.", style: "narrative" },
    ]);
  });
});
