/**
 * Recursive-descent parser for Datadog log search syntax (grammar in README.md).
 *
 * Precedence, loosest first: OR, then AND (explicit or implied by juxtaposition),
 * then the prefixes NOT / `-` / `+`. AND binding tighter than OR is what Datadog's
 * own implementation of this syntax does (Vector's `datadog_search_syntax`:
 * "AND takes precedence over OR") and the usual convention; Datadog's
 * documentation does not state a precedence.
 */
import type { QueryNode, RangeBound } from "./ast.js";
import { QuerySyntaxError } from "./syntax-error.js";
import { type Token, tokenize } from "./tokenize.js";

/** Deeper nesting is refused instead of risking the call stack on hostile input. */
const MAX_NESTING = 200;

/** Parses a query; an empty query matches everything and parses to `{ type: "and", children: [] }`. */
export function parseLogQuery(query: string): QueryNode {
  return new Parser(tokenize(query), query.length).parseQuery();
}

/** Tokens that can begin an operand, and so also imply an AND after a previous one. */
const OPERAND_STARTS = new Set<Token["kind"]>(["lparen", "field", "word", "phrase", "range", "compare", "not", "plus"]);
/** Tokens that can follow `field:`. */
const FIELD_VALUE_STARTS = new Set<Token["kind"]>(["lparen", "word", "phrase", "range", "compare"]);

function quote(token: Token): string {
  return `'${token.raw}'`;
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly queryLength: number,
  ) {}

  parseQuery(): QueryNode {
    if (this.tokens.length === 0) return { type: "and", children: [] };
    const node = this.parseOr(null);
    const extra = this.peek();
    if (extra !== undefined) {
      const problem = extra.kind === "rparen" ? "unbalanced ')' without a matching '('" : `unexpected ${quote(extra)}`;
      throw new QuerySyntaxError(problem, extra.position);
    }
    return node;
  }

  /** `field` is the field that bare values inherit inside `field:( ... )`, or null. */
  private parseOr(field: string | null): QueryNode {
    const children = [this.parseAnd(field)];
    while (this.peek()?.kind === "or") {
      this.index += 1;
      children.push(this.parseAnd(field));
    }
    return children.length === 1 ? children[0]! : { type: "or", children };
  }

  private parseAnd(field: string | null): QueryNode {
    const children = [this.parseUnary(field)];
    for (;;) {
      const next = this.peek();
      if (next?.kind === "and") {
        this.index += 1;
        children.push(this.parseUnary(field));
      } else if (next !== undefined && OPERAND_STARTS.has(next.kind)) {
        children.push(this.parseUnary(field));
      } else {
        break;
      }
    }
    return children.length === 1 ? children[0]! : { type: "and", children };
  }

  private parseUnary(field: string | null): QueryNode {
    const token = this.expectOperand();
    if (token.kind !== "not" && token.kind !== "plus") return this.parsePrimary(field);
    this.index += 1;
    this.enter(token);
    const operand = this.parseUnary(field);
    this.depth -= 1;
    // `+` marks a required term, which every AND-ed term already is.
    return token.kind === "not" ? { type: "not", child: operand } : operand;
  }

  private parsePrimary(field: string | null): QueryNode {
    const token = this.tokens[this.index]!;
    this.index += 1;
    switch (token.kind) {
      case "lparen":
        return this.parseGroup(token, field);
      case "field":
        return this.parseFieldValue(token, token.name);
      case "word":
        return {
          type: "term",
          field,
          value: token.wildcard ? token.pattern : token.text,
          quoted: false,
          wildcard: token.wildcard,
        };
      case "phrase":
        return { type: "term", field, value: token.text, quoted: true, wildcard: false };
      case "range":
        if (field === null)
          throw new QuerySyntaxError("a range needs a field, as in @duration:[100 TO 200]", token.position);
        return { type: "range", field, lower: token.lower, upper: token.upper };
      case "compare":
        if (field === null)
          throw new QuerySyntaxError("a comparison needs a field, as in @http.status_code:>=400", token.position);
        return this.parseComparison(token.operator, field);
      default:
        // expectOperand already refused the other kinds.
        throw new QuerySyntaxError(`unexpected ${quote(token)}`, token.position);
    }
  }

  /** The value after `field:`: a word, a phrase, a range, a comparison or a group. */
  private parseFieldValue(fieldToken: Token, field: string): QueryNode {
    const next = this.peek();
    if (next === undefined || !FIELD_VALUE_STARTS.has(next.kind)) {
      throw new QuerySyntaxError(`expected a value after ${quote(fieldToken)}`, next?.position ?? this.queryLength);
    }
    return this.parsePrimary(field);
  }

  private parseGroup(open: Token, field: string | null): QueryNode {
    if (this.peek()?.kind === "rparen") throw new QuerySyntaxError("empty group '()'", open.position);
    this.enter(open);
    const node = this.parseOr(field);
    this.depth -= 1;
    if (this.peek()?.kind !== "rparen") {
      throw new QuerySyntaxError("unbalanced '(' without a matching ')'", open.position);
    }
    this.index += 1;
    return node;
  }

  private parseComparison(operator: string, field: string): QueryNode {
    const value = this.peek();
    if (value === undefined || (value.kind !== "word" && value.kind !== "phrase")) {
      throw new QuerySyntaxError(`expected a value after '${operator}'`, value?.position ?? this.queryLength);
    }
    this.index += 1;
    const bound: RangeBound = { value: value.text, inclusive: operator.endsWith("=") };
    return operator.startsWith(">")
      ? { type: "range", field, lower: bound, upper: null }
      : { type: "range", field, lower: null, upper: bound };
  }

  /** The next token, which must be able to start an operand; otherwise says what was expected. */
  private expectOperand(): Token {
    const token = this.peek();
    const previous = this.tokens[this.index - 1];
    const after = previous === undefined ? "" : ` after ${quote(previous)}`;
    if (token === undefined)
      throw new QuerySyntaxError(`expected a term${after}, found the end of the query`, this.queryLength);
    if (!OPERAND_STARTS.has(token.kind))
      throw new QuerySyntaxError(`expected a term${after}, found ${quote(token)}`, token.position);
    return token;
  }

  private enter(token: Token): void {
    this.depth += 1;
    if (this.depth > MAX_NESTING)
      throw new QuerySyntaxError(`nesting deeper than ${MAX_NESTING} levels`, token.position);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }
}
