/**
 * The fonts renderPdf takes from pdfmake's bundled vfs_fonts.js: a pdfmake
 * build without one of the four Roboto files is refused by name before
 * anything is laid out. This file runs in a worker of its own, so taking a
 * font out of the module it imports touches no other test.
 */
import vfsFonts from "pdfmake/build/vfs_fonts.js";
import { afterAll, describe, expect, it } from "vitest";
import { renderPdf } from "../../../src/report/pdf/render-pdf.js";

const fonts = vfsFonts as Record<string, string | undefined>;
const ITALIC = "Roboto-Italic.ttf";
const italic = fonts[ITALIC];
afterAll(() => {
  fonts[ITALIC] = italic;
});

describe("pdfmake's bundled fonts", () => {
  it("are required: a build without Roboto's italic is refused, naming the file", async () => {
    expect(italic).toEqual(expect.any(String));
    delete fonts[ITALIC];
    await expect(
      renderPdf({ content: ["x"], info: { creationDate: new Date("2026-10-01T06:00:00Z") } }),
    ).rejects.toThrow(`pdfmake's vfs_fonts.js has no ${ITALIC}`);
  });
});
