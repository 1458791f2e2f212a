/**
 * A workbook and its bytes. Everything time-dependent comes from the
 * snapshot: exceljs would stamp the wall clock into the document properties
 * (`created`, `modified`) and its zip writer into every entry, so both are
 * set from the collection time and the same snapshot always gives the same
 * bytes.
 */
import exceljs from "exceljs";
import { useInternalLinks } from "./internal-links.js";
import { setZipEntryTimes } from "./zip-dates.js";

useInternalLinks();

const AUTHOR = "ddproof";

export function newWorkbook(collectedAt: Date): exceljs.Workbook {
  const workbook = new exceljs.Workbook();
  workbook.creator = AUTHOR;
  workbook.lastModifiedBy = AUTHOR;
  workbook.created = collectedAt;
  workbook.modified = collectedAt;
  return workbook;
}

export async function workbookBytes(workbook: exceljs.Workbook, collectedAt: Date): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  return setZipEntryTimes(new Uint8Array(buffer), collectedAt);
}
