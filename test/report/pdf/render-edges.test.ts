/**
 * What renderPdf writes into the file besides the content: the document
 * information dated from the definition (never the clock) and the XMP
 * metadata mended (escaped title, modify and metadata dates).
 */
import { describe, expect, it } from "vitest";
import { pdfDocument } from "../../../src/report/pdf/document.js";
import { renderPdf } from "../../../src/report/pdf/render-pdf.js";

describe("a rendered PDF's metadata", () => {
  it("dates the information dictionary and the XMP from the definition, and escapes the XMP title", async () => {
    const doc = pdfDocument(
      { who: "Smith & Jones <Ltd>", periodLabel: "2026-Q3", collectedAt: "2026-10-01T06:00:00Z" },
      { title: "Gap report", subject: "Gaps", pageSize: "A4", orientation: "portrait" },
      ["x"],
    );
    const text = Buffer.from(await renderPdf(doc)).toString("latin1");
    const info = /\/CreationDate (\d+) 0 R[\s\S]*?\/ModDate (\d+) 0 R/.exec(text);
    const objectText = (id: string | undefined) => new RegExp(`\n${id} 0 obj\n(.*)\nendobj`).exec(text)?.[1];
    expect([objectText(info?.[1]), objectText(info?.[2])]).toEqual(["(D:20261001060000Z)", "(D:20261001060000Z)"]);
    const xmp = text.slice(text.indexOf("<x:xmpmeta"), text.indexOf("</x:xmpmeta>"));
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Gap report: Smith &amp; Jones &lt;Ltd&gt;, 2026-Q3</rdf:li>');
    expect(xmp).toContain("<xmp:CreateDate>2026-10-01T06:00:00Z</xmp:CreateDate>");
    expect(xmp).toContain("<xmp:ModifyDate>2026-10-01T06:00:00Z</xmp:ModifyDate>");
    expect(xmp).toContain("<xmp:MetadataDate>2026-10-01T06:00:00Z</xmp:MetadataDate>");
  });
});
