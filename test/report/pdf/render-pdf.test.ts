/**
 * pdfmake gets no file or network access: definitions that reference a local
 * file, a URL or a font path are refused, both by ddproof's guard and by
 * pdfmake's own policies underneath it, and nothing is fetched.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pdfmake from "pdfmake";
import type { TDocumentDefinitions } from "pdfmake/interfaces.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderPdf } from "../../../src/report/pdf/render-pdf.js";
import { PdfResourceError } from "../../../src/report/pdf/resource-guard.js";

const WHEN = new Date("2026-10-01T06:00:00Z");
const doc = (fields: object): TDocumentDefinitions =>
  ({ info: { creationDate: WHEN }, content: ["x"], ...fields }) as TDocumentDefinitions;

describe("renderPdf", () => {
  let server: Server;
  let url = "";
  let hits = 0;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      hits += 1;
      response.end("not an image");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x.png`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("renders text, tables and canvas vectors to PDF bytes, identically twice", async () => {
    const make = () =>
      doc({
        content: [
          "Hello & goodbye",
          { table: { body: [["a", "b"]] } },
          { canvas: [{ type: "rect", x: 0, y: 0, w: 20, h: 5, color: "#009E73" }] },
        ],
      });
    const first = await renderPdf(make());
    const second = await renderPdf(make());
    expect(Buffer.from(first.subarray(0, 5)).toString("latin1")).toBe("%PDF-");
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it("refuses a definition without a fixed creation date (pdfkit would stamp the clock)", async () => {
    await expect(renderPdf({ content: ["x"] })).rejects.toThrow(/info\.creationDate/);
  });

  it.each([
    ["a local image", { content: [{ image: "/etc/passwd" }] }, /content\[0\]\.image/],
    [
      "an image URL",
      { content: [{ text: "x" }, { stack: [{ image: "http://127.0.0.1:1/x.png" }] }] },
      /content\[1\]\.stack\[0\]\.image/,
    ],
    ["an images dictionary", { images: { logo: "http://127.0.0.1:1/x.png" } }, /images/],
    [
      "an SVG with an image link",
      { content: [{ svg: '<svg width="9" height="9"><image href="/etc/hostname"/></svg>' }] },
      /content\[0\]\.svg/,
    ],
    ["a font path", { defaultStyle: { font: "/usr/share/fonts/truetype/x.ttf" } }, /defaultStyle\.font/],
    ["an attachment", { content: [{ attachment: "/etc/passwd" }] }, /attachment/],
    ["embedded files", { files: { a: { src: "/etc/passwd" } } }, /files/],
  ])("refuses %s", async (_name, fields, where) => {
    const error = await renderPdf(doc(fields)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PdfResourceError);
    expect((error as Error).message).toMatch(where);
  });

  it("checks what a footer function returns, too", async () => {
    const footer = () => ({ image: "/etc/passwd" });
    await expect(renderPdf(doc({ footer }))).rejects.toThrow(/reports may not embed images/);
  });

  it("leaves pdfmake itself refusing every file and URL, and fetches nothing", async () => {
    await renderPdf(doc({})); // configures pdfmake
    const direct = (definition: TDocumentDefinitions) => pdfmake.createPdf(definition).getBuffer();
    await expect(direct(doc({ content: [{ image: "/etc/passwd" }] }))).rejects.toThrow(/Access to local file denied/);
    await expect(direct(doc({ images: { logo: url }, content: [{ image: "logo" }] }))).rejects.toThrow(
      /Access to URL denied/,
    );
    expect(hits).toBe(0);
  });
});
