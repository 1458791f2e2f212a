/**
 * Sets the modification time of every entry of a zip archive. The zip
 * writer under exceljs stamps each entry with the wall clock, so the same
 * workbook written twice would differ in those bytes; the pack rewrites them
 * from the snapshot's collection time instead.
 *
 * The archive is walked from its end-of-central-directory record, and the
 * DOS time and date of each central entry and of the local header it points
 * to are overwritten in place. Nothing else moves: sizes, offsets and CRCs
 * cover the data, not the times.
 */

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** The EOCD record is 22 bytes plus a comment of at most 65,535. */
const EOCD_MIN = 22;
const EOCD_MAX = EOCD_MIN + 0xffff;

/** DOS time and date fields (2-second resolution, years from 1980), in UTC. */
export function dosTimeOf(instant: Date): { time: number; date: number } {
  const year = Math.min(Math.max(instant.getUTCFullYear(), 1980), 2107);
  return {
    time: (instant.getUTCHours() << 11) | (instant.getUTCMinutes() << 5) | Math.floor(instant.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((instant.getUTCMonth() + 1) << 5) | instant.getUTCDate(),
  };
}

function endOfCentralDirectory(view: DataView): number {
  const last = Math.max(0, view.byteLength - EOCD_MAX);
  for (let at = view.byteLength - EOCD_MIN; at >= last; at -= 1) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) return at;
  }
  throw new Error("the workbook's zip archive has no end-of-central-directory record");
}

function expect(view: DataView, at: number, signature: number, what: string): void {
  if (at + 4 > view.byteLength || view.getUint32(at, true) !== signature)
    throw new Error(`the workbook's zip archive has no ${what} at byte ${at}`);
}

/** Rewrites, in place, the time of every entry; returns the same bytes. */
export function setZipEntryTimes(bytes: Uint8Array, instant: Date): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { time, date } = dosTimeOf(instant);
  const eocd = endOfCentralDirectory(view);
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  for (let entry = 0; entry < entries; entry += 1) {
    expect(view, at, CENTRAL_SIGNATURE, "central directory entry");
    view.setUint16(at + 12, time, true);
    view.setUint16(at + 14, date, true);
    const local = view.getUint32(at + 42, true);
    expect(view, local, LOCAL_SIGNATURE, "local file header");
    view.setUint16(local + 10, time, true);
    view.setUint16(local + 12, date, true);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return bytes;
}
