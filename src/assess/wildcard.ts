/**
 * Case-insensitive `*` wildcards, as users write them in selectors and
 * mapping parameters (`technique:T1110*`, `*security*`). No other character
 * is special, so dots in source names match themselves.
 */
const cache = new Map<string, RegExp>();

function compile(pattern: string): RegExp {
  let regex = cache.get(pattern);
  if (regex === undefined) {
    const body = pattern
      .split("*")
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
      .join(".*");
    regex = new RegExp(`^${body}$`, "i");
    cache.set(pattern, regex);
  }
  return regex;
}

export function wildcardMatches(pattern: string, text: string): boolean {
  return compile(pattern).test(text);
}

export function matchesAny(patterns: readonly string[], text: string): boolean {
  return patterns.some((pattern) => wildcardMatches(pattern, text));
}
