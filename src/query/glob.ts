/**
 * Wildcard patterns: the one compiler and matcher for both dialects ddproof
 * reads.
 *
 * - Datadog search values (`globMatches`, the overlap and cover checks):
 *   `*` matches any run of characters, `?` exactly one, and `\*`, `\?`,
 *   `\\` the literal characters. Case-sensitive: callers lower-case first.
 *   Besides matching a text, `sources.ts` needs to intersect two patterns
 *   (`source:aws* AND source:awslogs`), hence the overlap and cover checks.
 * - Selectors as users write them in mappings and check parameters
 *   (`technique:T1110*`, `*security*`), and the simulator's search values
 *   (`wildcardMatches`): `*` is the only special character (no `?`, no
 *   escapes, so dots and backslashes in source names match themselves), and
 *   matching ignores case.
 */

type GlobPart = { kind: "star" } | { kind: "one" } | { kind: "char"; char: string };

/** Which characters are special: Datadog's `*`, `?` and backslash escapes, or a selector's `*` alone. */
type Dialect = "datadog" | "selector";

function compile(pattern: string, dialect: Dialect): GlobPart[] {
  const parts: GlobPart[] = [];
  const chars = Array.from(pattern);
  const datadog = dialect === "datadog";
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index]!;
    if (datadog && char === "\\" && index + 1 < chars.length) {
      index += 1;
      parts.push({ kind: "char", char: chars[index]! });
    } else if (char === "*") {
      // Consecutive stars match the same texts as one; keeping one bounds the searches below.
      if (parts.at(-1)?.kind !== "star") parts.push({ kind: "star" });
    } else if (datadog && char === "?") {
      parts.push({ kind: "one" });
    } else {
      parts.push({ kind: "char", char });
    }
  }
  return parts;
}

const compiled: Record<Dialect, Map<string, GlobPart[]>> = { datadog: new Map(), selector: new Map() };

/** `compile`, cached: the same few patterns are matched against many texts. */
function compileCached(pattern: string, dialect: Dialect): GlobPart[] {
  let parts = compiled[dialect].get(pattern);
  if (parts === undefined) {
    // Selectors ignore case: their parts are lower-cased once, here, and texts at each match.
    parts = compile(dialect === "selector" ? pattern.toLowerCase() : pattern, dialect);
    compiled[dialect].set(pattern, parts);
  }
  return parts;
}

/** Writes `literal` as a pattern that matches exactly it. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[\\*?]/g, "\\$&");
}

/** True when the pattern matches every text (it is only stars). */
export function matchesEverything(pattern: string): boolean {
  const parts = compile(pattern, "datadog");
  return parts.length > 0 && parts.every((part) => part.kind === "star");
}

/**
 * Compiled parts against a text, by the usual wildcard walk: on a mismatch,
 * go back to the last star and let it take one more character. Only the last
 * star is ever revisited (an earlier one can take nothing a later one could
 * not), so the walk is at most text × pattern steps and never backtracks
 * exponentially, whatever the pattern.
 */
function matchesText(parts: readonly GlobPart[], text: string): boolean {
  // Positions in UTF-16 units; `?` and a star's extra character take one code point.
  const step = (at: number) => ((text.codePointAt(at) ?? 0) > 0xffff ? 2 : 1);
  let p = 0;
  let t = 0;
  let lastStar = -1;
  let starTook = 0;
  while (t < text.length) {
    const part = parts[p];
    if (part?.kind === "one") {
      p += 1;
      t += step(t);
    } else if (part?.kind === "char" && text.startsWith(part.char, t)) {
      p += 1;
      t += part.char.length;
    } else if (part?.kind === "star") {
      lastStar = p;
      starTook = t;
      p += 1;
    } else if (lastStar >= 0) {
      starTook += step(starTook);
      p = lastStar + 1;
      t = starTook;
    } else {
      return false;
    }
  }
  while (parts[p]?.kind === "star") p += 1;
  return p === parts.length;
}

/** A Datadog search value against a text: `*`, `?` and escapes; case-sensitive. */
export function globMatches(pattern: string, text: string): boolean {
  return matchesText(compileCached(pattern, "datadog"), text);
}

/** A selector against a text: `*` only, case-insensitive (see the dialects above). */
export function wildcardMatches(pattern: string, text: string): boolean {
  return matchesText(compileCached(pattern, "selector"), text.toLowerCase());
}

/** True when any selector matches the text. */
export function matchesAnyWildcard(patterns: readonly string[], text: string): boolean {
  return patterns.some((pattern) => wildcardMatches(pattern, text));
}

/**
 * True when some text matches both patterns. Walks both patterns in step (a
 * product of the two automata); a star may stay put while the other side
 * advances, so the walk visits each pair of positions at most once.
 */
export function globsOverlap(first: string, second: string): boolean {
  const a = compile(first, "datadog");
  const b = compile(second, "datadog");
  const seen = new Set<number>();
  const pending: Array<[number, number]> = [[0, 0]];
  const visit = (i: number, j: number): void => {
    const key = i * (b.length + 1) + j;
    if (!seen.has(key)) {
      seen.add(key);
      pending.push([i, j]);
    }
  };
  for (let state = pending.pop(); state !== undefined; state = pending.pop()) {
    const [i, j] = state;
    if (i === a.length && j === b.length) return true;
    const partA = a[i];
    const partB = b[j];
    if (partA?.kind === "star") visit(i + 1, j);
    if (partB?.kind === "star") visit(i, j + 1);
    if (partA === undefined || partB === undefined) continue;
    if (partA.kind === "char" && partB.kind === "char" && partA.char !== partB.char) continue;
    // Both sides consume one common character; a star stays to consume more.
    visit(partA.kind === "star" ? i : i + 1, partB.kind === "star" ? j : j + 1);
  }
  return false;
}

/**
 * True when every text `specific` matches is also matched by `general`. Sound
 * (a true answer is always right) but not complete: a few contrived pairs
 * whose containment needs reasoning across several stars answer false.
 */
export function globCovers(general: string, specific: string): boolean {
  const g = compile(general, "datadog");
  const s = compile(specific, "datadog");
  // covers[i][j]: g from part i covers s from part j. Filled from the ends
  // backwards, as each cell needs only cells further right or down.
  const covers = Array.from({ length: g.length + 1 }, () => new Array<boolean>(s.length + 1).fill(false));
  covers[g.length]![s.length] = true;
  for (let i = g.length - 1; i >= 0; i -= 1) {
    const partG = g[i]!;
    const row = covers[i]!;
    const below = covers[i + 1]!;
    row[s.length] = partG.kind === "star" && below[s.length]!;
    for (let j = s.length - 1; j >= 0; j -= 1) {
      const partS = s[j]!;
      if (partG.kind === "star") {
        // The general star absorbs the specific part and stays, or stops here.
        row[j] = row[j + 1]! || below[j]!;
      } else if (partS.kind === "star") {
        // Only a star can absorb the arbitrary texts a star produces.
        row[j] = false;
      } else if (partG.kind === "one") {
        row[j] = below[j + 1]!;
      } else {
        row[j] = partS.kind === "char" && partS.char === partG.char && below[j + 1]!;
      }
    }
  }
  return covers[0]![0]!;
}
