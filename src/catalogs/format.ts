/**
 * Serialises a framework catalog as the shipped files are written: the
 * header pretty-printed, then one control per line, so a change to one
 * control is a one-line diff.
 */
import type { FrameworkCatalog } from "./schema.js";

/** One JSON object on one line, spaced like the rest of the file (strings never hold raw newlines). */
function oneLine(value: unknown): string {
  return JSON.stringify(value, null, 1).replace(/\n */g, " ");
}

export function formatFrameworkCatalog({ controls, ...header }: FrameworkCatalog): string {
  const head = JSON.stringify(header, null, 2).slice(0, -2);
  const rows = controls.map((control) => `    ${oneLine(control)}`).join(",\n");
  return `${head},\n  "controls": [\n${rows}\n  ]\n}\n`;
}
