/**
 * Bookmarks and internal links. A node marked as an outline entry becomes a
 * bookmark opening its page, nested under the entry named by `parent`; its
 * id is also a named destination that summary tables link to.
 *
 * pdfmake copies repeated table header rows line by line, bookmark and
 * destination included, so an entry must never sit in a row that repeats
 * on continuation pages (those carry running-header.ts's text instead).
 */
import type { ContentText } from "pdfmake/interfaces.js";

/** An id for a section: its kind and the ids it belongs to, joined; stable across runs. */
export function sectionId(kind: string, ...ids: readonly string[]): string {
  return [kind, ...ids].join("/");
}

/** Bookmark titles stay on one line of a viewer's side panel. */
const MAX_BOOKMARK_TITLE = 90;
export const bookmarkTitle = (text: string) =>
  text.length <= MAX_BOOKMARK_TITLE ? text : `${text.slice(0, MAX_BOOKMARK_TITLE - 1).trimEnd()}…`;

export interface OutlineEntry {
  id: string;
  /** The bookmark's title; the node's own text when that is a plain string. */
  title: string;
  parent?: string;
}

/** The properties that make a text node an outline entry and a destination. */
export function outlineEntry(
  entry: OutlineEntry,
): Pick<ContentText, "outline" | "outlineText" | "outlineParentId"> & { id: string } {
  return {
    id: entry.id,
    outline: true,
    outlineText: entry.title,
    ...(entry.parent === undefined ? {} : { outlineParentId: entry.parent }),
  };
}

/** A heading that is also an outline entry. */
export function outlinedHeading(text: string, style: string, entry: Omit<OutlineEntry, "title">): ContentText {
  return { text, style, ...outlineEntry({ ...entry, title: text }) };
}

/**
 * An invisible one-point line holding a bookmark and destination, just above
 * content whose first row repeats on continuation pages. It has no text, so
 * readers and text extraction see nothing.
 */
export function outlineAnchor(entry: OutlineEntry): ContentText {
  return { text: " ", fontSize: 1, lineHeight: 1, margin: [0, 0, 0, 0], ...outlineEntry(entry) };
}

/** Text that opens the section `id` when clicked, marked as a link by colour and underline. */
export function linkTo(id: string, text: string): ContentText {
  return { text, linkToDestination: id, color: "#1A4F8B", decoration: "underline" };
}
