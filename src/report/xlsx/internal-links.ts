/**
 * Links inside the workbook written as Excel writes them: a `<hyperlink>`
 * with a `location` and no relationship. exceljs 4.4.0's streaming writer
 * gives every link, internal ones too, an external relationship whose target
 * is the location text and drops the location (exceljs issues #749, #3027):
 * Excel for Windows then looks for a file named `'Evidence'!A2`. This keeps
 * links that exceljs itself classes as internal (`Sheet!A1`) as locations,
 * once, at load; external links are left to exceljs.
 */
import { createRequire } from "node:module";

interface Hyperlink {
  target: string;
  address: string;
}
interface SheetRelsWriter {
  _hyperlinks: Array<{ rId?: string; address: string; target?: string }>;
  addHyperlink(hyperlink: Hyperlink): void;
}
interface HyperlinkXform {
  isInternalLink(model: { target?: string }): unknown;
}

const require = createRequire(import.meta.url);
const SheetRels: { prototype: SheetRelsWriter } = require("exceljs/lib/stream/xlsx/sheet-rels-writer.js");
const HyperlinkXform: { prototype: HyperlinkXform } = require("exceljs/lib/xlsx/xform/sheet/hyperlink-xform.js");

const PATCHED = Symbol.for("ddproof.xlsx.internal-links");

export function useInternalLinks(): void {
  const proto = SheetRels.prototype as SheetRelsWriter & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const addHyperlink = proto.addHyperlink;
  proto.addHyperlink = function addInternalOrExternal(this: SheetRelsWriter, hyperlink: Hyperlink) {
    if (!HyperlinkXform.prototype.isInternalLink({ target: hyperlink.target })) {
      addHyperlink.call(this, hyperlink);
      return;
    }
    this._hyperlinks.push({ address: hyperlink.address, target: hyperlink.target });
  };
  proto[PATCHED] = true;
}
