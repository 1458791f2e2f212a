/**
 * PDF/A-2b asks that the XMP metadata say what the document information
 * dictionary says. PDFKit (under pdfmake) writes the XMP itself, with two
 * shortfalls this module mends on the PDFKit document before it is ended:
 *
 * - it pastes Title, Author and Subject into the XML as they are, so a
 *   company called "Smith & Jones <Ltd>" would make the XMP ill-formed;
 * - it writes no xmp:ModifyDate, although the dictionary has a ModDate.
 *
 * Both dates are the snapshot's collection time (document.ts), never the
 * clock, so the bytes stay reproducible.
 */

/** The part of a PDFKit document this module touches. */
export interface PdfKitMetadataTarget {
  info: Record<string, unknown>;
  appendXML(xml: string, newline?: boolean): void;
  _addInfo(): void;
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export function xmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (character) => XML_ENTITIES[character] ?? character);
}

/** `2026-10-01T06:00:00Z`, as PDFKit writes xmp:CreateDate. */
const xmpDate = (date: Date) => `${date.toISOString().split(".")[0]}Z`;

export function mendXmpMetadata(document: PdfKitMetadataTarget): void {
  const writeInfo = document._addInfo.bind(document);
  document._addInfo = () => {
    const info = document.info;
    document.info = Object.fromEntries(
      Object.entries(info).map(([key, value]) => [key, typeof value === "string" ? xmlEscape(value) : value]),
    );
    try {
      writeInfo();
    } finally {
      document.info = info;
    }
    const modified = info.ModDate;
    if (modified instanceof Date) {
      document.appendXML(
        `<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/"><xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate></rdf:Description>`,
      );
    }
  };
}
