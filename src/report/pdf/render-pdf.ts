/**
 * Turns a pdfmake document definition into PDF bytes, with no access to the
 * file system or the network and with bytes that depend only on the
 * definition.
 *
 * - Fonts: only Roboto, loaded from pdfmake's bundled vfs_fonts.js into its
 *   virtual file system (never from a path).
 * - pdfmake's URL and local-file policies refuse everything, and
 *   resource-guard.ts refuses images, SVG and attachments before pdfmake
 *   sees the definition (also in headers, footers and backgrounds, which are
 *   functions evaluated during layout).
 * - Determinism: pdfkit derives the file ID from the document info (an MD5
 *   of its fields, CreationDate included) and otherwise stamps `new Date()`,
 *   so every definition must carry `info.creationDate`; builders set it to
 *   the snapshot's collected_at. Font subset tags come from font ids, not
 *   randomness. A test renders twice and compares bytes.
 * - Archival: documents declare PDF/A-2b (document.ts); PDFKit then embeds
 *   its own sRGB profile, read from its package folder, as the output
 *   intent, and writes the identification into the XMP metadata, which
 *   pdfa-metadata.ts mends. The PDFs are not tagged: pdfmake's `tagged`
 *   option only sets a flag over an empty structure tree, so it stays off.
 */
import pdfmake from "pdfmake";
import vfsFonts from "pdfmake/build/vfs_fonts.js";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { mendXmpMetadata, type PdfKitMetadataTarget } from "./pdfa-metadata.js";
import { assertVectorOnly, PdfResourceError } from "./resource-guard.js";

export const PDF_FONT = "Roboto";

/** The bundled Roboto files by style, as named in vfs_fonts.js. */
const ROBOTO = {
  normal: "Roboto-Regular.ttf",
  bold: "Roboto-Medium.ttf",
  italics: "Roboto-Italic.ttf",
  bolditalics: "Roboto-MediumItalic.ttf",
};

const FONTS = new Set([PDF_FONT]);

/** The parts of pdfmake's server object that its type definitions leave out. */
interface PdfmakeServer {
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
}

let configured = false;

function configure(): void {
  if (configured) return;
  const server = pdfmake as unknown as PdfmakeServer;
  for (const name of Object.values(ROBOTO)) {
    const base64 = vfsFonts[name];
    if (base64 === undefined) throw new Error(`pdfmake's vfs_fonts.js has no ${name}`);
    server.virtualfs.writeFileSync(name, Buffer.from(base64, "base64"));
  }
  pdfmake.setFonts({ [PDF_FONT]: ROBOTO });
  pdfmake.setUrlAccessPolicy(() => false);
  server.setLocalAccessPolicy(() => false);
  configured = true;
}

type Dynamic = (...args: never[]) => unknown;

/**
 * pdfmake annotates the definition it lays out, so it gets a copy: a builder's
 * output stays as built. Functions (footers) are wrapped so that what they
 * return passes the same guard.
 */
function guardedCopy(value: unknown): unknown {
  if (typeof value === "function") {
    const dynamic = value as Dynamic;
    return (...args: never[]) => {
      const produced = guardedCopy(dynamic(...args));
      assertVectorOnly({ content: produced }, FONTS);
      return produced;
    };
  }
  if (Array.isArray(value)) return value.map(guardedCopy);
  if (value instanceof Date) return new Date(value.getTime());
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, guardedCopy(child)]));
  }
  return value;
}

export async function renderPdf(doc: TDocumentDefinitions): Promise<Uint8Array> {
  if (!(doc.info?.creationDate instanceof Date)) {
    // Without it pdfkit stamps the wall clock and the bytes change on every run.
    throw new PdfResourceError(
      "pdf: info.creationDate: expected a Date (the snapshot's collected_at) so the bytes are reproducible",
    );
  }
  assertVectorOnly(doc, FONTS);
  configure();
  const output = pdfmake.createPdf(guardedCopy(doc) as TDocumentDefinitions);
  // getStream() hands over the laid-out PDFKit document before getBuffer() ends it: the last moment to mend its XMP.
  mendXmpMetadata((await output.getStream()) as unknown as PdfKitMetadataTarget);
  const buffer = await output.getBuffer();
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
