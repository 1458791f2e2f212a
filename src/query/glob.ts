/**
 * The wildcard patterns of Datadog search values: `*` matches any run of
 * characters, `?` exactly one, and `\*`, `\?`, `\\` the literal characters.
 * Besides matching a text, `sources.ts` needs to intersect two patterns
 * (`source:aws* AND source:awslogs`), hence the overlap and cover checks.
 * Everything here is case-sensitive; callers lower-case first.
 */

type GlobPart = { kind: "star" } | { kind: "one" } | { kind: "char"; char: string };

function compile(pattern: string): GlobPart[] {
  const parts: GlobPart[] = [];
  const chars = Array.from(pattern);
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index]!;
    if (char === "\\" && index + 1 < chars.length) {
      index += 1;
      parts.push({ kind: "char", char: chars[index]! });
    } else if (char === "*") {
      // Consecutive stars match the same texts as one; keeping one bounds the searches below.
      if (parts.at(-1)?.kind !== "star") parts.push({ kind: "star" });
    } else if (char === "?") {
      parts.push({ kind: "one" });
    } else {
      parts.push({ kind: "char", char });
    }
  }
  return parts;
}

/** Writes `literal` as a pattern that matches exactly it. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[\\*?]/g, "\\$&");
}

/** True when the pattern matches every text (it is only stars). */
export function matchesEverything(pattern: string): boolean {
  const parts = compile(pattern);
  return parts.length > 0 && parts.every((part) => part.kind === "star");
}

export function globMatches(pattern: string, text: string): boolean {
  return globsOverlap(pattern, escapeGlob(text));
}

/**
 * True when some text matches both patterns. Walks both patterns in step (a
 * product of the two automata); a star may stay put while the other side
 * advances, so the walk visits each pair of positions at most once.
 */
export function globsOverlap(first: string, second: string): boolean {
  const a = compile(first);
  const b = compile(second);
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
  const g = compile(general);
  const s = compile(specific);
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
