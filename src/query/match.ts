/**
 * Whether one record (a security signal) matches a parsed query. Used to
 * measure which signals a scoped notification rule (`selectors.query`)
 * routes. The rule is conservative in one direction only: a term on a field
 * the record does not carry, and free text (ddproof keeps no signal
 * message), do not match, so routing is never claimed for a signal the
 * scope may not cover. A lone `*` matches everything.
 */
import type { QueryNode, RangeNode, TermNode } from "./ast.js";
import { globMatches, matchesEverything } from "./glob.js";

/** The values a record has for a field (`env`, `@usr.id`, `_exists_` is handled here); empty when it has none. */
export type RecordLookup = (field: string) => readonly string[];

function matchesTerm(term: TermNode, lookup: RecordLookup): boolean {
  if (term.field === null) return term.wildcard && matchesEverything(term.value);
  if (term.field === "_exists_") return lookup(term.value).length > 0;
  const values = lookup(term.field);
  const wanted = term.value.toLowerCase();
  return values.some((value) =>
    term.wildcard ? globMatches(wanted, value.toLowerCase()) : value.toLowerCase() === wanted,
  );
}

function compare(value: string, bound: string): number {
  const a = Number(value);
  const b = Number(bound);
  if (Number.isFinite(a) && Number.isFinite(b) && value.trim() !== "" && bound.trim() !== "") return a - b;
  return value < bound ? -1 : value > bound ? 1 : 0;
}

function matchesRange(range: RangeNode, lookup: RecordLookup): boolean {
  return lookup(range.field).some((value) => {
    if (
      range.lower &&
      (range.lower.inclusive ? compare(value, range.lower.value) < 0 : compare(value, range.lower.value) <= 0)
    )
      return false;
    if (
      range.upper &&
      (range.upper.inclusive ? compare(value, range.upper.value) > 0 : compare(value, range.upper.value) >= 0)
    )
      return false;
    return true;
  });
}

export function matchesRecord(node: QueryNode, lookup: RecordLookup): boolean {
  switch (node.type) {
    case "and":
      return node.children.every((child) => matchesRecord(child, lookup));
    case "or":
      return node.children.some((child) => matchesRecord(child, lookup));
    case "not":
      return !matchesRecord(node.child, lookup);
    case "term":
      return matchesTerm(node, lookup);
    case "range":
      return matchesRange(node, lookup);
  }
}
