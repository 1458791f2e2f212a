/**
 * Which log `source` values a log matching a query could have, as far as the
 * query says: the sources a custom detection rule depends on.
 *
 * The answer is an upper bound. Negations never remove sources (`source:(a OR b)
 * -source:a` still answers [a, b]), and two wildcard patterns that overlap
 * without one containing the other are both kept, because their intersection
 * has no pattern of its own.
 */
import type { QueryNode } from "./ast.js";
import { escapeGlob, globCovers, globMatches, globsOverlap, matchesEverything } from "./glob.js";
import { parseLogQuery } from "./parse.js";

export type SourcesResult =
  /**
   * Lower-cased, sorted, unique patterns (`*`, `?`, and `\` escapes as in
   * `sourceMatches`). An empty list means the query can match no source at all
   * (`source:a AND source:b`).
   */
  | { kind: "sources"; sources: string[] }
  /** The query parsed but does not constrain the source: any source could match. */
  | { kind: "none" }
  | { kind: "unparsable"; reason: string };

/** "any" when the source is unconstrained, else the patterns it must match one of. */
type SourceConstraint = "any" | readonly string[];

/** The field that holds the log source; `@source` is a custom attribute, not this. */
const SOURCE_FIELD = "source";

/** Never throws: a query that cannot be read is reported as `unparsable`. */
export function sourcesOfQuery(query: string): SourcesResult {
  try {
    return sourcesOfNode(parseLogQuery(query));
  } catch (error) {
    return { kind: "unparsable", reason: error instanceof Error ? error.message : String(error) };
  }
}

export function sourcesOfNode(node: QueryNode): SourcesResult {
  const constraint = constraintOf(node, true);
  if (constraint === "any") return { kind: "none" };
  return { kind: "sources", sources: [...constraint].sort() };
}

/**
 * Answers already worked out: an assessment asks the same few pairs of rule
 * patterns and ingesting sources thousands of times. Bounded, so a long-lived
 * process (the scheduler) cannot grow it without end.
 */
const answers = new Map<string, boolean>();
const MAX_ANSWERS = 100_000;

/** Case-insensitive; `pattern` may use `*` and `?`, and `\` to escape them. */
export function sourceMatches(pattern: string, source: string): boolean {
  const key = `${pattern}\u0000${source}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = globMatches(pattern.toLowerCase(), source.toLowerCase());
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(key, answer);
  }
  return answer;
}

/**
 * The constraint `node` puts on the source when it must hold (`positive`) or
 * must not hold (under an odd number of negations). Negations are pushed down
 * with De Morgan's laws, so `NOT (-source:a OR foo)` still answers [a].
 */
function constraintOf(node: QueryNode, positive: boolean): SourceConstraint {
  switch (node.type) {
    case "term": {
      if (!positive || node.field?.toLowerCase() !== SOURCE_FIELD) return "any";
      const value = node.value.toLowerCase();
      const pattern = node.wildcard ? value : escapeGlob(value);
      return matchesEverything(pattern) ? "any" : [pattern];
    }
    case "range":
      // A range of source names has no list of patterns; treat it as no constraint.
      return "any";
    case "not":
      return constraintOf(node.child, !positive);
    case "and":
    case "or": {
      const parts = node.children.map((child) => constraintOf(child, positive));
      // not (a and b) = not a or not b; not (a or b) = not a and not b.
      const intersects = (node.type === "and") === positive;
      return intersects ? parts.reduce(intersect, "any") : parts.reduce(union, []);
    }
  }
}

function union(a: SourceConstraint, b: SourceConstraint): SourceConstraint {
  if (a === "any" || b === "any") return "any";
  return unique([...a, ...b]);
}

function intersect(a: SourceConstraint, b: SourceConstraint): SourceConstraint {
  if (a === "any") return b;
  if (b === "any") return a;
  const result: string[] = [];
  for (const first of a) {
    for (const second of b) result.push(...intersectPatterns(first, second));
  }
  return unique(result);
}

/** The patterns standing for the texts both match: none, the narrower one, or both. */
function intersectPatterns(first: string, second: string): string[] {
  if (!globsOverlap(first, second)) return [];
  if (globCovers(first, second)) return [second];
  if (globCovers(second, first)) return [first];
  return [first, second];
}

function unique(patterns: readonly string[]): string[] {
  return [...new Set(patterns)];
}
