/**
 * A small parser and matcher for Datadog's search syntax, enough for the
 * queries collectors send and the demo org's rule queries: `key:value`,
 * `key:(a OR b)`, quoted values, `*` wildcards, AND / OR / NOT / `-`,
 * parentheses and free text. Fields the caller cannot evaluate (a lookup
 * answering `undefined`) never exclude anything: log volumes, for instance,
 * are modelled per source only, so `source:okta @evt.name:x` counts all of
 * okta.
 *
 * A field's value matches as a selector does (query/glob.ts's
 * `wildcardMatches`): `*` is the only wildcard, and case is ignored.
 */
import { wildcardMatches } from "../query/glob.js";

export type QueryNode =
  | { kind: "all" }
  | { kind: "and" | "or"; children: QueryNode[] }
  | { kind: "not"; child: QueryNode }
  | { kind: "term"; key: string | null; values: string[]; combine: "or" | "and" };

/** Values of a field for one document; `undefined` = field not modelled. */
export type FieldLookup = (key: string) => readonly string[] | undefined;

export class SearchQueryError extends Error {
  override readonly name = "SearchQueryError";
}

type Token = { type: "open" | "close" | "not" | "and" | "or" } | { type: "word"; text: string; quoted: boolean };

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(" || ch === ")") {
      tokens.push({ type: ch === "(" ? "open" : "close" });
      i++;
    } else if (ch === '"') {
      const end = query.indexOf('"', i + 1);
      if (end < 0) throw new SearchQueryError(`unterminated quote in query: ${query}`);
      tokens.push({ type: "word", text: query.slice(i + 1, end), quoted: true });
      i = end + 1;
    } else {
      let end = i;
      while (end < query.length && !/[\s()]/.test(query[end] as string)) {
        // A value may be quoted straight after its key: key:"a b".
        if (query[end] === '"' && end > i && query[end - 1] === ":") break;
        end++;
      }
      let text = query.slice(i, end);
      i = end;
      if (text.startsWith("-") && text.length > 1) {
        tokens.push({ type: "not" });
        text = text.slice(1);
      }
      if (text === "AND" || text === "OR" || text === "NOT") {
        tokens.push({ type: text === "AND" ? "and" : text === "OR" ? "or" : "not" });
      } else {
        tokens.push({ type: "word", text, quoted: false });
      }
    }
  }
  return tokens;
}

class Parser {
  private position = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly source: string,
  ) {}

  parse(): QueryNode {
    if (this.tokens.length === 0) return { kind: "all" };
    const node = this.parseOr();
    if (this.position < this.tokens.length) this.fail("unexpected ')'");
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private fail(message: string): never {
    throw new SearchQueryError(`${message} in query: ${this.source}`);
  }

  private parseOr(): QueryNode {
    const children = [this.parseAnd()];
    while (this.peek()?.type === "or") {
      this.position++;
      children.push(this.parseAnd());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: "or", children };
  }

  private parseAnd(): QueryNode {
    const children = [this.parseUnary()];
    for (;;) {
      const next = this.peek();
      if (!next || next.type === "or" || next.type === "close") break;
      if (next.type === "and") this.position++;
      children.push(this.parseUnary());
    }
    return children.length === 1 ? (children[0] as QueryNode) : { kind: "and", children };
  }

  private parseUnary(): QueryNode {
    const token = this.peek();
    if (token?.type === "not") {
      this.position++;
      return { kind: "not", child: this.parseUnary() };
    }
    return this.parsePrimary();
  }

  private parsePrimary(): QueryNode {
    const token = this.peek();
    if (!token) this.fail("query ends too early");
    this.position++;
    if (token.type === "open") {
      const inner = this.parseOr();
      if (this.peek()?.type !== "close") this.fail("missing ')'");
      this.position++;
      return inner;
    }
    if (token.type !== "word") this.fail(`unexpected ${token.type.toUpperCase()}`);
    if (!token.quoted && token.text === "*") return { kind: "all" };
    const colon = token.quoted ? -1 : token.text.indexOf(":");
    if (colon <= 0) return { kind: "term", key: null, values: [token.text], combine: "or" };
    const key = token.text.slice(0, colon);
    const rest = token.text.slice(colon + 1);
    if (rest !== "") return { kind: "term", key, values: [rest], combine: "or" };
    return this.parseValues(key);
  }

  /** After `key:`, either one (quoted) value or a parenthesised list. */
  private parseValues(key: string): QueryNode {
    const next = this.peek();
    if (next?.type === "word") {
      this.position++;
      return { kind: "term", key, values: [next.text], combine: "or" };
    }
    if (next?.type !== "open") this.fail(`missing value after ${key}:`);
    this.position++;
    const values: string[] = [];
    let combine: "or" | "and" = "or";
    for (;;) {
      const token = this.peek();
      if (!token) this.fail("missing ')'");
      this.position++;
      if (token.type === "close") break;
      if (token.type === "word") values.push(token.text);
      else if (token.type === "and") combine = "and";
      else if (token.type !== "or") this.fail(`unexpected ${token.type.toUpperCase()} in value list`);
    }
    if (values.length === 0) this.fail(`empty value list after ${key}:`);
    return { kind: "term", key, values, combine };
  }
}

export function parseSearchQuery(query: string | undefined): QueryNode {
  const text = (query ?? "").trim();
  return new Parser(tokenize(text), text).parse();
}

function termMatches(node: Extract<QueryNode, { kind: "term" }>, lookup: FieldLookup): boolean {
  const candidates = lookup(node.key ?? "");
  if (candidates === undefined) return true;
  const hit = (pattern: string) =>
    node.key === null
      ? candidates.some((c) => c.toLowerCase().includes(pattern.replace(/\*/g, "").toLowerCase()))
      : candidates.some((c) => wildcardMatches(pattern, c));
  return node.combine === "and" ? node.values.every(hit) : node.values.some(hit);
}

/** Does a document (seen through `lookup`) match the query? */
export function matchesQuery(node: QueryNode, lookup: FieldLookup): boolean {
  switch (node.kind) {
    case "all":
      return true;
    case "and":
      return node.children.every((child) => matchesQuery(child, lookup));
    case "or":
      return node.children.some((child) => matchesQuery(child, lookup));
    case "not":
      // An unmodelled field cannot exclude anything, negated or not.
      return containsOnlyUnknown(node.child, lookup) || !matchesQuery(node.child, lookup);
    case "term":
      return termMatches(node, lookup);
  }
}

function containsOnlyUnknown(node: QueryNode, lookup: FieldLookup): boolean {
  switch (node.kind) {
    case "all":
      return false;
    case "and":
    case "or":
      return node.children.every((child) => containsOnlyUnknown(child, lookup));
    case "not":
      return containsOnlyUnknown(node.child, lookup);
    case "term":
      return lookup(node.key ?? "") === undefined;
  }
}

/** The values of non-negated `key:` terms, e.g. the sources a rule query reads. */
export function positiveValues(node: QueryNode, key: string): string[] {
  switch (node.kind) {
    case "all":
    case "not":
      return [];
    case "and":
    case "or":
      return node.children.flatMap((child) => positiveValues(child, key));
    case "term":
      return node.key === key ? node.values : [];
  }
}
