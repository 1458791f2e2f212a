/**
 * What makes the inline blocks of report.html safe to embed: the JSON data
 * block cannot end its script element, the stylesheet and script cannot end
 * theirs, and the Content-Security-Policy allows exactly these blocks (by
 * their SHA-256) and nothing else: no network, no other script, no inline
 * style attributes.
 */
import { createHash } from "node:crypto";
import { InputError } from "../../errors.js";

/**
 * JSON that can sit inside `<script type="application/json">`: `<`, `>` and
 * `&` become \u escapes (so `</script>` or `<!--` in a value cannot end or
 * bend the element) and so do U+2028/U+2029 (line terminators to older JS
 * parsers). These characters only occur inside strings, so the result is
 * still JSON and parses to the same value.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&\u2028\u2029]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * The HTML parser turns CR LF and lone CR into LF before a browser hashes an
 * inline block, so the text is normalised the same way first: otherwise a
 * stylesheet saved with Windows line endings would no longer match its hash.
 */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/** Text that would end a raw-text element early, or switch the script parser into its escaped states. */
const BREAKOUTS: Record<"style" | "script", RegExp> = {
  style: /<\/style/i,
  script: /<\/script|<!--/i,
};

/** Refuses an asset that would break out of its element; `file` names the template it came from. */
export function checkInlineAsset(text: string, element: "style" | "script", file: string): void {
  const match = BREAKOUTS[element].exec(text);
  if (match !== null) {
    const line = text.slice(0, match.index).split("\n").length;
    throw new InputError(
      `${file}: line ${line}: "${match[0]}" would end the inline <${element}> element early; remove it`,
    );
  }
}

/** The CSP source expression of an inline block: `'sha256-<base64>'`. */
export function cspHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * A policy for a file opened from disk: nothing may load (`default-src
 * 'none'`), only the hashed style and script blocks run (no script at all
 * when `script` is null), images only as
 * data: URIs, and no form or base URL can send anything anywhere.
 */
export function contentSecurityPolicy(blocks: { style: string; script: string | null }): string {
  return [
    "default-src 'none'",
    `style-src ${cspHash(blocks.style)}`,
    // A page without a script (the fleet page) allows none.
    `script-src ${blocks.script === null ? "'none'" : cspHash(blocks.script)}`,
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}
