/**
 * The workbook file itself, read back from its zip parts: who the document
 * properties name as its author, text written into each sheet rather than
 * into a shared-strings table, and an output stream that fails.
 */
import type { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { newWorkbook, type WorkbookFile } from "../../../src/report/xlsx/workbook-file.js";
import { readWorkbook, zipEntries } from "./read-workbook.js";

const COLLECTED_AT = new Date("2026-10-01T06:00:07Z");

/** A workbook of one sheet holding one row: a text and a number. */
function oneRowWorkbook(): WorkbookFile {
  const file = newWorkbook(COLLECTED_AT);
  file.workbook.addWorksheet("Sheet").addRow(["hello", 3]).commit();
  return file;
}

describe("a workbook file", () => {
  it("names ddproof as its author and last editor", async () => {
    const entries = zipEntries(await oneRowWorkbook().bytes());
    const core = entries.find((entry) => entry.name === "docProps/core.xml")!.text();
    expect(core).toContain("<dc:creator>ddproof</dc:creator>");
    expect(core).toContain("<cp:lastModifiedBy>ddproof</cp:lastModifiedBy>");
  });

  it("writes text into each sheet's rows, keeping no shared-strings table in memory until the end", async () => {
    const bytes = await oneRowWorkbook().bytes();
    const entries = zipEntries(bytes);
    expect(entries.map((entry) => entry.name)).not.toContainEqual(expect.stringMatching(/sharedStrings/));
    const sheet = entries.find((entry) => entry.name === "xl/worksheets/sheet1.xml")!.text();
    expect(sheet).toContain('<c r="A1" t="str"><v>hello</v></c>');
    expect(readWorkbook(bytes).Sheets.Sheet!.A1).toMatchObject({ t: "s", v: "hello" });
  });

  it("fails with its output stream's error instead of waiting for an end that never comes", async () => {
    const file = oneRowWorkbook();
    // exceljs keeps the stream it writes into (newWorkbook's) as an untyped `stream` field.
    const stream = (file.workbook as unknown as { stream: PassThrough }).stream;
    // Unread, the finished zip (a few kB, within the stream's buffers) stays in the stream: it has
    // finished but not ended when it fails.
    stream.pause();
    let outcome: unknown = "pending";
    const bytes = file.bytes().then(
      () => {
        outcome = "bytes";
      },
      (error: unknown) => {
        outcome = error;
      },
    );
    await new Promise((resolve) => stream.once("finish", resolve));
    const failure = new Error("out of memory");
    stream.destroy(failure);
    await new Promise((resolve) => stream.once("close", resolve));
    // One turn of the event loop: every reaction to the failure has run by then.
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).toBe(failure);
    await bytes;
  });

  it("reports a stream that failed before its bytes were asked for when they are, never as an unhandled rejection", async () => {
    const file = oneRowWorkbook();
    const stream = (file.workbook as unknown as { stream: PassThrough }).stream;
    const failure = new Error("disk gone");
    stream.destroy(failure);
    await new Promise((resolve) => stream.once("close", resolve));
    // Turns of the event loop in which an unhandled rejection would be reported (and fail this run).
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(file.bytes()).rejects.toBe(failure);
  });
});
