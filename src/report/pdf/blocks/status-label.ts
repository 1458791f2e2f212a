/** A status as a table cell: its label in words on its colour, never colour alone. */
import type { ContentText } from "pdfmake/interfaces.js";
import type { ControlStatus } from "../../../assess/schema.js";
import { type Swatch, statusSwatch } from "../presentation.js";

/** A label on a coloured background; `Swatch.text` keeps it readable. */
export function swatchText(swatch: Swatch, text: string, fontSize = 7): ContentText {
  return { text, fillColor: swatch.fill, color: swatch.text, bold: true, alignment: "center", fontSize };
}

export function statusCell(status: ControlStatus, fontSize = 7): ContentText {
  const swatch = statusSwatch(status);
  return swatchText(swatch, swatch.label, fontSize);
}

/** The status label inline in a line of text, on its colour. */
export function statusBadge(status: ControlStatus, fontSize = 8): ContentText {
  const swatch = statusSwatch(status);
  return { text: ` ${swatch.label} `, background: swatch.fill, color: swatch.text, bold: true, fontSize };
}
