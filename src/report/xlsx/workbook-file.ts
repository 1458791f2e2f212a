/**
 * A workbook written with exceljs's streaming writer (rows are serialised as
 * they are committed, so memory holds one sheet's pending rows, not the
 * workbook) into bytes in memory.
 *
 * Everything time-dependent comes from the snapshot: exceljs would stamp the
 * wall clock into the document properties (`created`, `modified`) and its
 * zip writer into every entry, so both are set from the collection time and
 * the same snapshot always gives the same bytes.
 */
import { PassThrough } from "node:stream";
import exceljs from "exceljs";
import { useInternalLinks } from "./internal-links.js";
import { setZipEntryTimes } from "./zip-dates.js";

useInternalLinks();

const AUTHOR = "ddproof";

export interface WorkbookFile {
  workbook: exceljs.stream.xlsx.WorkbookWriter;
  /** Commits every sheet not yet committed and returns the file's bytes. */
  bytes(): Promise<Uint8Array>;
}

export function newWorkbook(collectedAt: Date): WorkbookFile {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  // A stream that fails before bytes() is called must not be an unhandled rejection (which ends
  // the process); bytes() still rejects with the failure.
  ended.catch(() => undefined);
  const workbook = new exceljs.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = AUTHOR;
  workbook.lastModifiedBy = AUTHOR;
  workbook.created = collectedAt;
  workbook.modified = collectedAt;
  return {
    workbook,
    async bytes() {
      // Raced with the stream: exceljs's commit never settles once its stream has failed.
      await Promise.all([workbook.commit(), ended]);
      return setZipEntryTimes(new Uint8Array(Buffer.concat(chunks)), collectedAt);
    },
  };
}
