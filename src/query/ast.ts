/**
 * The tree `parseLogQuery` builds from a Datadog log search query.
 *
 * Only the distinctions that matter to readers of a query are kept: which field a
 * value is compared with, whether it was quoted, and whether it is a wildcard
 * pattern. Parentheses leave no node of their own; `key:(a OR b)` becomes an `or`
 * of two `key:` terms.
 */

/**
 * One value in a query.
 *
 * - `field` is null for free text; otherwise it is the field as written, with
 *   escapes resolved and an attribute's `@` kept (`@evt.name`, `Source`, `_exists_`, `*`).
 * - When `wildcard` is false, `value` is the literal text with escapes resolved.
 * - When `wildcard` is true, `value` is a glob pattern: `*` and `?` are wildcards
 *   and `\*`, `\?`, `\\` stand for the literal characters. Keeping those escapes
 *   is the only way one string can hold both a wildcard and a literal `*`.
 * - Quoted values are always literal (`wildcard` false), as in Datadog.
 */
export interface TermNode {
  type: "term";
  field: string | null;
  value: string;
  quoted: boolean;
  wildcard: boolean;
}

/** One end of a range; `inclusive` is true for `[`, `]`, `>=` and `<=`. */
export interface RangeBound {
  value: string;
  inclusive: boolean;
}

/**
 * `@duration:[100 TO 200]`, `{a TO b}` (exclusive), and the comparisons
 * `>=400`, `>400`, `<=400`, `<400`, which are ranges open at one end.
 * A null bound is unbounded (`*` in a range).
 */
export interface RangeNode {
  type: "range";
  field: string;
  lower: RangeBound | null;
  upper: RangeBound | null;
}

export interface AndNode {
  type: "and";
  /** An `and` with no children matches every log: it is what an empty query parses to. */
  children: QueryNode[];
}

export interface OrNode {
  type: "or";
  children: QueryNode[];
}

export interface NotNode {
  type: "not";
  child: QueryNode;
}

export type QueryNode = AndNode | OrNode | NotNode | TermNode | RangeNode;
