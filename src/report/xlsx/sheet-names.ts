/**
 * Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, and
 * unique without regard to case. A name may not start or end with an
 * apostrophe. Framework ids become sheet names only through here.
 */
const MAX_CHARS = 31;
const FORBIDDEN = /[[\]:*?/\\]/g;

export class SheetNames {
  readonly #taken = new Set<string>();

  constructor(reserved: readonly string[]) {
    for (const name of reserved) this.#taken.add(name.toLowerCase());
  }

  /** `wanted` made valid, with ` (2)`, ` (3)`… when it is already taken. */
  claim(wanted: string): string {
    const base =
      wanted
        .replace(FORBIDDEN, "-")
        .replace(/^'+|'+$/g, "")
        .slice(0, MAX_CHARS) || "sheet";
    let name = base;
    for (let n = 2; this.#taken.has(name.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      name = base.slice(0, MAX_CHARS - suffix.length) + suffix;
    }
    this.#taken.add(name.toLowerCase());
    return name;
  }
}
