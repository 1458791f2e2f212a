/**
 * Refuses document definitions that would make pdfmake read anything, or
 * make the PDF open anything: report PDFs hold only text, tables and canvas
 * vectors drawn by code.
 *
 * pdfmake's own URL and local-file policies (set in render-pdf.ts) refuse
 * images, fonts and attachments by path or URL, but an `svg` node's
 * `<image href>` goes straight to pdfkit's `openImage`, which reads local
 * files without asking any policy. So this walk is the first wall, not a
 * duplicate of the second.
 */

/** Keys of a content node that load a resource. */
const RESOURCE_NODE_KEYS = ["image", "svg", "attachment"] as const;
/**
 * Keys that make pdfmake write a URI action: a click in the PDF would open a
 * URL outside it. URLs (attestation links) are printed as text instead.
 * Links inside the document (`linkToPage`, `linkToDestination`) stay allowed.
 */
const EXTERNAL_LINK_KEYS = ["link"] as const;
/** Document-level dictionaries that name files or URLs. */
const RESOURCE_DOC_KEYS = ["images", "attachments", "files"] as const;

export class PdfResourceError extends Error {
  override readonly name = "PdfResourceError";
}

function pathText(path: readonly (string | number)[]): string {
  return path.map((key, i) => (typeof key === "number" ? `[${key}]` : i === 0 ? key : `.${key}`)).join("");
}

function walk(value: unknown, path: (string | number)[], fonts: ReadonlySet<string>): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => walk(item, [...path, i], fonts));
    return;
  }
  if (value === null || typeof value !== "object") return;
  const node = value as Record<string, unknown>;
  for (const key of RESOURCE_NODE_KEYS) {
    if (node[key] !== undefined) {
      throw new PdfResourceError(
        `pdf: ${pathText([...path, key])}: reports may not embed images, SVG or attachments (draw vectors with canvas instead)`,
      );
    }
  }
  for (const key of EXTERNAL_LINK_KEYS) {
    if (node[key] !== undefined) {
      throw new PdfResourceError(
        `pdf: ${pathText([...path, key])}: reports may not link outside the document (print the URL as text instead)`,
      );
    }
  }
  if (typeof node.font === "string" && !fonts.has(node.font)) {
    throw new PdfResourceError(
      `pdf: ${pathText([...path, "font"])}: font "${node.font}" is not one of the built-in fonts (${[...fonts].join(", ")})`,
    );
  }
  for (const [key, child] of Object.entries(node)) walk(child, [...path, key], fonts);
}

/** Throws a PdfResourceError naming the first place in `doc` that would load a file, a URL or an unknown font. */
export function assertVectorOnly(doc: object, fonts: ReadonlySet<string>): void {
  const root = doc as Record<string, unknown>;
  for (const key of RESOURCE_DOC_KEYS) {
    if (root[key] !== undefined)
      throw new PdfResourceError(`pdf: ${key}: reports may not reference image, attachment or file dictionaries`);
  }
  walk(root, [], fonts);
}
