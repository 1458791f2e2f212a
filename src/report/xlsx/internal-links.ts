/**
 * Links inside the workbook written as Excel writes them: a `<hyperlink>`
 * with a `location` and no relationship. exceljs 4.4.0 gives every link,
 * internal ones too, an external relationship whose target is the location
 * text (exceljs issues #749, #3027): Excel for Windows then looks for a file
 * named `'Evidence'!A2`. This drops those relationships and their ids once,
 * at load, for links exceljs itself classes as internal (`Sheet!A1`).
 */
import { createRequire } from "node:module";

interface HyperlinkModel {
  target?: string;
  rId?: string;
}
interface SheetModel {
  hyperlinks?: HyperlinkModel[];
  rels?: Array<{ Id: string }>;
}
interface XformClass<M> {
  prototype: {
    prepare(model: M, options: unknown): void;
    isInternalLink?(model: HyperlinkModel): boolean;
  };
}

const require = createRequire(import.meta.url);
const WorksheetXform: XformClass<SheetModel> = require("exceljs/lib/xlsx/xform/sheet/worksheet-xform.js");
const HyperlinkXform: XformClass<HyperlinkModel> = require("exceljs/lib/xlsx/xform/sheet/hyperlink-xform.js");

const PATCHED = Symbol.for("ddproof.xlsx.internal-links");
const isInternal = (link: HyperlinkModel) => HyperlinkXform.prototype.isInternalLink!.call(null, link) === true;

export function useInternalLinks(): void {
  const proto = WorksheetXform.prototype as typeof WorksheetXform.prototype & { [PATCHED]?: true };
  if (proto[PATCHED]) return;
  const prepare = proto.prepare;
  proto.prepare = function prepareInternalLinks(this: unknown, model: SheetModel, options: unknown) {
    prepare.call(this, model, options);
    const dropped = new Set<string>();
    for (const link of model.hyperlinks ?? []) {
      if (link.rId === undefined || !isInternal(link)) continue;
      dropped.add(link.rId);
      link.rId = undefined;
    }
    if (model.rels !== undefined) model.rels = model.rels.filter((rel) => !dropped.has(rel.Id));
  };
  proto[PATCHED] = true;
}
