/**
 * Writes a query tree back as Datadog log search syntax, escaping whatever the
 * tokenizer would otherwise read as syntax, so that `parseLogQuery` of the
 * output gives the same tree for any tree the parser can produce. Every term
 * carries its own field (no `field:( ... )` groups), every AND is explicit and
 * every compound operand is parenthesised.
 */
import type { QueryNode, RangeBound, RangeNode, TermNode } from "./ast.js";

/** Characters the tokenizer would read as syntax anywhere in a word. */
const WORD_SYNTAX = /[\s()":\\]/;
/** Characters that are operators at the start of a token only (`=` could join a `>` before it). */
const LEADING_SYNTAX = /^[-+=[\]{}<>]/;
const KEYWORDS = new Set(["AND", "OR", "NOT", "&&", "||"]);

export function printLogQuery(node: QueryNode): string {
  if (node.type === "and" && node.children.length === 0) return "";
  return printNode(node);
}

function printNode(node: QueryNode): string {
  switch (node.type) {
    case "and":
      // Nested deeper than the top, an empty AND still has to match everything.
      return node.children.length === 0 ? "*" : node.children.map(printOperand).join(" AND ");
    case "or":
      return node.children.length === 0 ? "-*" : node.children.map(printOperand).join(" OR ");
    case "not":
      return `-${printOperand(node.child)}`;
    case "term":
      return printTerm(node);
    case "range":
      return `${escapeField(node.field)}:${printRange(node)}`;
  }
}

function printOperand(node: QueryNode): string {
  return node.type === "and" || node.type === "or" ? `(${printNode(node)})` : printNode(node);
}

function printTerm(term: TermNode): string {
  const value = term.quoted ? `"${term.value.replace(/["\\]/g, "\\$&")}"` : escapeWord(term.value, term.wildcard);
  return term.field === null ? value : `${escapeField(term.field)}:${value}`;
}

function printRange({ lower, upper }: RangeNode): string {
  if (lower !== null && upper === null) return `>${lower.inclusive ? "=" : ""}${escapeWord(lower.value, false)}`;
  if (lower === null && upper !== null) return `<${upper.inclusive ? "=" : ""}${escapeWord(upper.value, false)}`;
  const open = lower === null || lower.inclusive ? "[" : "{";
  const close = upper === null || upper.inclusive ? "]" : "}";
  return `${open}${printBound(lower)} TO ${printBound(upper)}${close}`;
}

function printBound(bound: RangeBound | null): string {
  if (bound === null) return "*";
  if (bound.value === "*") return "\\*";
  return bound.value.replace(/[\s\]}\\]/g, "\\$&");
}

/**
 * Escapes a bare word. A wildcard value is already a pattern whose `\` escapes
 * (`\*`, `\?`, `\\`) must pass through untouched. An empty word can only be quoted.
 */
function escapeWord(value: string, wildcard: boolean): string {
  if (value === "") return '""';
  let out = "";
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]!;
    if (wildcard && char === "\\" && index + 1 < value.length) {
      out += value.slice(index, index + 2);
      index += 1;
    } else if (WORD_SYNTAX.test(char) || (!wildcard && (char === "*" || char === "?"))) {
      out += `\\${char}`;
    } else {
      out += char;
    }
  }
  return LEADING_SYNTAX.test(out) || KEYWORDS.has(out) ? `\\${out}` : out;
}

function escapeField(field: string): string {
  const out = field.replace(/[\s()":\\]/g, "\\$&");
  return LEADING_SYNTAX.test(out) ? `\\${out}` : out;
}
