/**
 * The frame every PDF report shares, an org's or a fleet's: page setup,
 * metadata, styles and the page footer. The metadata dates are the
 * evidence's collection time, so the bytes depend only on the inputs
 * (render-pdf.ts).
 */
import type { Content, PageOrientation, PageSize, StyleDictionary, TDocumentDefinitions } from "pdfmake/interfaces.js";
import type { ReportInput } from "../contract.js";
import { pageFooter } from "./blocks/footer.js";
import { PDF_FONT } from "./render-pdf.js";

export interface DocumentSetup {
  title: string;
  /** One line for the PDF's subject field. */
  subject: string;
  pageSize: PageSize;
  orientation: PageOrientation;
}

export const PAGE_MARGIN = 36;
/** The catalog's /Lang, as the HTML report's lang attribute. */
export const DOCUMENT_LANGUAGE = "en";
/** Room for the footer under the content. */
const BOTTOM_MARGIN = 44;

export const STYLES: StyleDictionary = {
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
};

/**
 * Thin grey rules and snug padding for data tables.
 *
 * Data tables give their columns percentage widths: pdfmake treats those as
 * fixed and breaks a long unbreakable word (a URL, an API method name) inside
 * the cell, whereas a "*" column grows to its longest word and pushes the
 * table past the page edge.
 */
export function gridLayout(
  line: { width: number; colour: string },
  padding: { x: number; top: number; bottom: number },
) {
  return {
    hLineWidth: () => line.width,
    vLineWidth: () => line.width,
    hLineColor: () => line.colour,
    vLineColor: () => line.colour,
    paddingLeft: () => padding.x,
    paddingRight: () => padding.x,
    paddingTop: () => padding.top,
    paddingBottom: () => padding.bottom,
  };
}

export const GRID_LAYOUT = gridLayout({ width: 0.4, colour: "#B0B0B0" }, { x: 3, top: 2, bottom: 2 });

/** `n` equal percentage columns (see the note on GRID_LAYOUT). */
export function equalWidths(n: number): string[] {
  return Array.from({ length: n }, () => `${(100 / n).toFixed(4)}%`);
}

/** Printable width of a page of this setup, for canvas drawings. */
export function contentWidth(pageSize: "A4" | "A3", orientation: PageOrientation): number {
  const [short, long] = pageSize === "A4" ? [595.28, 841.89] : [841.89, 1190.55];
  return (orientation === "portrait" ? short : long) - 2 * PAGE_MARGIN;
}

/** Who and what a document is about, for its metadata and running footer. */
export interface DocumentSubject {
  /** The organisation, or the fleet (`3 orgs`). */
  who: string;
  periodLabel: string;
  /** The evidence's collection time (ISO): the PDF's dates, never the clock. */
  collectedAt: string;
}

/** The frame of every ddproof PDF, org or fleet: PDF/A-2b, language, metadata from the inputs, styles, footer. */
export function pdfDocument(subject: DocumentSubject, setup: DocumentSetup, content: Content[]): TDocumentDefinitions {
  const collected = new Date(subject.collectedAt);
  return {
    // PDF/A-2b needs PDF 1.7; PDFKit writes the identification and the output intent.
    version: "1.7",
    subset: "PDF/A-2b",
    language: DOCUMENT_LANGUAGE,
    pageSize: setup.pageSize,
    pageOrientation: setup.orientation,
    pageMargins: [PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, BOTTOM_MARGIN],
    info: {
      title: `${setup.title}: ${subject.who}, ${subject.periodLabel}`,
      author: "ddproof",
      subject: setup.subject,
      creator: "ddproof",
      producer: "ddproof (pdfmake)",
      creationDate: collected,
      modDate: collected,
    },
    defaultStyle: { font: PDF_FONT, fontSize: 9 },
    styles: STYLES,
    footer: pageFooter(`${subject.who} · ${subject.periodLabel} · ${setup.title}`, PAGE_MARGIN),
    content,
  };
}

export function reportDocument(input: ReportInput, setup: DocumentSetup, content: Content[]): TDocumentDefinitions {
  const { snapshot } = input;
  const who = snapshot.org.name ?? snapshot.org.site;
  return pdfDocument({ who, periodLabel: snapshot.period.label, collectedAt: snapshot.collected_at }, setup, content);
}
