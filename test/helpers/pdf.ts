/**
 * Reads rendered PDFs back with Mozilla's PDF.js (the `pdfjs-dist` dev
 * dependency, its legacy build for Node), so the tests need no poppler.
 *
 * `pdfText` gives each page's text followed by a form feed, as pdftotext
 * does. By default the text comes in the order it was drawn, one line per
 * baseline, so a table cell's lines stay together (pdfmake draws cell after
 * cell). With `layout`, the page is read as lines top to bottom, each word at
 * its horizontal position, so a table row is one line whose cells can be
 * checked in column order.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { PDFDocumentProxy } from "pdfjs-dist/types/src/display/api.js";

export interface PdfTextOptions {
  /** Keep each word at its horizontal position (padding with spaces), like `pdftotext -layout`. */
  layout?: boolean;
}

/** One run of text on a page, in PDF units (y grows upwards). */
interface Run {
  text: string;
  x: number;
  y: number;
  width: number;
  size: number;
}

/** Points per character column in layout mode: small enough that neighbouring words never share a column. */
const COLUMN_WIDTH = 3;

async function withDocument<T>(bytes: Uint8Array, read: (document: PDFDocumentProxy) => Promise<T>): Promise<T> {
  // PDF.js may take over the buffer it is given, so it gets a copy.
  const task = getDocument({
    data: new Uint8Array(bytes),
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
  });
  const document = await task.promise;
  try {
    return await read(document);
  } finally {
    await task.destroy();
  }
}

/** Runs whose baselines are within a third of the font size of each other share a line. */
const sameLine = (a: Run, b: Run) => Math.abs(a.y - b.y) <= Math.max(a.size, b.size) / 3;

/** Lines in drawing order: a new line where the baseline changes or the text goes back left. */
function drawnLines(runs: Run[]): Run[][] {
  const result: Run[][] = [];
  for (const run of runs) {
    const line = result.at(-1);
    const last = line?.at(-1);
    if (line && last && sameLine(last, run) && run.x >= last.x) line.push(run);
    else result.push([run]);
  }
  return result;
}

/** Lines top to bottom, each left to right. */
function pageLines(runs: Run[]): Run[][] {
  const sorted = [...runs].sort((a, b) => b.y - a.y || a.x - b.x);
  const result: Run[][] = [];
  for (const run of sorted) {
    const line = result.at(-1);
    const first = line?.[0];
    if (line && first && sameLine(first, run)) line.push(run);
    else result.push([run]);
  }
  return result.map((line) => line.sort((a, b) => a.x - b.x));
}

function lineText(line: Run[], layout: boolean): string {
  let text = "";
  let end = Number.NEGATIVE_INFINITY;
  for (const run of line) {
    if (run.text.trim() === "") continue;
    // Under a fifth of the font size apart is the same word (e.g. "2026-" "Q3"); up to 0.8 of it, the next word;
    // further, in layout mode, the next column.
    const gap = run.x - end;
    if (gap > run.size / 5 && text !== "") {
      const column = layout && gap > run.size * 0.8 ? Math.round(run.x / COLUMN_WIDTH) : 0;
      text = text.padEnd(Math.max(column, text.length + 1), " ");
    } else if (layout && text === "") {
      text = " ".repeat(Math.round(run.x / COLUMN_WIDTH));
    }
    text += run.text;
    end = run.x + run.width;
  }
  return layout ? text.trimEnd() : text.trim();
}

export async function pdfText(bytes: Uint8Array, options: PdfTextOptions = {}): Promise<string> {
  return withDocument(bytes, async (document) => {
    const pages: string[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const runs: Run[] = [];
      for (const item of content.items) {
        if (!("str" in item) || item.str === "") continue;
        const [a, b, , , x, y] = item.transform as number[];
        runs.push({ text: item.str, x: x ?? 0, y: y ?? 0, width: item.width, size: Math.hypot(a ?? 0, b ?? 0) || 1 });
      }
      const layout = options.layout ?? false;
      const lines = layout ? pageLines(runs) : drawnLines(runs);
      pages.push(`${lines.map((line) => lineText(line, layout)).join("\n")}\n\f`);
      page.cleanup();
    }
    return pages.join("");
  });
}

export interface PdfInfo {
  pages: number;
  /** The document information dictionary: Title, Author, Creator, Producer, CreationDate, ModDate… */
  info: Record<string, unknown>;
}

export async function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  return withDocument(bytes, async (document) => {
    const { info } = await document.getMetadata();
    return { pages: document.numPages, info: { ...(info as Record<string, unknown>) } };
  });
}

export interface PdfMetadata {
  /** The catalog's /Lang, as PDF.js reports it with the document information. */
  language: string | null;
  /** XMP properties by qualified name (`pdfaid:part`, `dc:title`…); empty without XMP. */
  xmp: Map<string, unknown>;
}

export async function pdfMetadata(bytes: Uint8Array): Promise<PdfMetadata> {
  return withDocument(bytes, async (document) => {
    const { info, metadata } = await document.getMetadata();
    const language = (info as { Language?: unknown }).Language;
    return {
      language: typeof language === "string" ? language : null,
      xmp: new Map(metadata === null ? [] : [...metadata]),
    };
  });
}

/** One bookmark: its title, the page it opens (1-based, null when it names no page) and its children. */
export interface OutlineEntry {
  title: string;
  page: number | null;
  items: OutlineEntry[];
}

type Destination = string | unknown[] | null | undefined;

/** The 1-based page a named or explicit destination opens, null when it names none. */
async function destinationPage(document: PDFDocumentProxy, dest: Destination): Promise<number | null> {
  const explicit = typeof dest === "string" ? await document.getDestination(dest) : dest;
  const target = explicit?.[0];
  if (target === undefined || target === null || typeof target !== "object") return null;
  return (await document.getPageIndex(target as Parameters<PDFDocumentProxy["getPageIndex"]>[0])) + 1;
}

export async function getOutline(bytes: Uint8Array): Promise<OutlineEntry[]> {
  return withDocument(bytes, async (document) => {
    type Node = { title: string; dest: Destination; items: Node[] };
    const pageOf = (dest: Destination) => destinationPage(document, dest);
    const convert = async (nodes: readonly Node[] | null): Promise<OutlineEntry[]> =>
      Promise.all(
        (nodes ?? []).map(async (node) => ({
          title: node.title,
          page: await pageOf(node.dest),
          items: await convert(node.items),
        })),
      );
    return convert((await document.getOutline()) as Node[] | null);
  });
}

/** Every entry of an outline, depth first, with its depth (0 for the top level). */
export function flattenOutline(entries: readonly OutlineEntry[], depth = 0): { title: string; depth: number }[] {
  return entries.flatMap((entry) => [{ title: entry.title, depth }, ...flattenOutline(entry.items, depth + 1)]);
}

/** A link annotation inside the document: the page it sits on and the page it opens (1-based). */
export interface InternalLink {
  page: number;
  target: number | null;
}

export async function internalLinks(bytes: Uint8Array): Promise<InternalLink[]> {
  return withDocument(bytes, async (document) => {
    const links: InternalLink[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      for (const annotation of await page.getAnnotations()) {
        if (annotation.subtype !== "Link" || annotation.dest === undefined || annotation.dest === null) continue;
        links.push({ page: number, target: await destinationPage(document, annotation.dest as Destination) });
      }
      page.cleanup();
    }
    return links;
  });
}

/** Every non-blank text run with its page and font size (the scale of its text matrix, in points). */
export async function textSizes(bytes: Uint8Array): Promise<{ page: number; text: string; size: number }[]> {
  return withDocument(bytes, async (document) => {
    const sizes: { page: number; text: string; size: number }[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      for (const item of (await page.getTextContent()).items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const [a, b] = item.transform as number[];
        sizes.push({ page: number, text: item.str, size: Math.hypot(a ?? 0, b ?? 0) });
      }
      page.cleanup();
    }
    return sizes;
  });
}

/** A run of text where it is drawn: its page, left edge and width in points, and the page's width. */
export interface TextBox {
  page: number;
  text: string;
  x: number;
  width: number;
  pageWidth: number;
}

/** Every non-blank text run with its horizontal extent, to check that tables stay inside the page. */
export async function textBoxes(bytes: Uint8Array): Promise<TextBox[]> {
  return withDocument(bytes, async (document) => {
    const boxes: TextBox[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const [, , pageWidth] = page.view as number[];
      for (const item of (await page.getTextContent()).items) {
        if (!("str" in item) || item.str.trim() === "") continue;
        const x = (item.transform as number[])[4] ?? 0;
        boxes.push({ page: number, text: item.str, x, width: item.width, pageWidth: pageWidth ?? 0 });
      }
      page.cleanup();
    }
    return boxes;
  });
}
