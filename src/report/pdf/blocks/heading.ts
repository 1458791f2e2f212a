/** A section heading with a short note on the same line, where a page has no room for both on their own lines. */
import type { ContentText } from "pdfmake/interfaces.js";
import { outlineEntry } from "./outline.js";

/** The separator tests and readers can split on. */
export const NOTE_SEPARATOR = "   ";

/** `id` makes the heading a top-level bookmark titled with the heading alone. */
export function headingWithNote(heading: string, note: string, id: string): ContentText {
  return {
    text: [heading, { text: `${NOTE_SEPARATOR}${note}`, style: "note", bold: false }],
    style: "h1",
    ...outlineEntry({ id, title: heading }),
  };
}
