/**
 * Splits a Datadog log search query into tokens for `parse.ts`.
 *
 * Datadog asks for `- ! && || > < ( ) { } [ ] " * ? : \ #` and spaces to be
 * escaped, but real rule queries write `kubernetes.audit`, `my-service` or
 * `user.session.start` unescaped, so inside a word only whitespace, parentheses,
 * a double quote and (for a field name) the first colon end it. The characters
 * that are operators only at the start of a token (`-`, `+`, `<`, `>`, `[`, `{`)
 * are taken literally further in.
 */
import type { RangeBound } from "./ast.js";
import { QuerySyntaxError } from "./syntax-error.js";

export type ComparisonOperator = ">" | ">=" | "<" | "<=";

interface TokenPlace {
  /** 0-based offset of the token's first character. */
  position: number;
  /** The token exactly as written, for error messages. */
  raw: string;
}

export type Token = TokenPlace &
  (
    | { kind: "lparen" | "rparen" | "and" | "or" | "not" | "plus" }
    | { kind: "field"; name: string }
    /** `text` has every escape resolved; `pattern` keeps `\*`, `\?` and `\\` (see TermNode). */
    | { kind: "word"; text: string; pattern: string; wildcard: boolean }
    | { kind: "phrase"; text: string }
    | { kind: "compare"; operator: ComparisonOperator }
    | { kind: "range"; lower: RangeBound | null; upper: RangeBound | null }
  );

const WHITESPACE = /\s/;
// A Map, not an object literal: a word such as `constructor` must not find Object.prototype.
const KEYWORDS: ReadonlyMap<string, "and" | "or" | "not"> = new Map([
  ["AND", "and"],
  ["&&", "and"],
  ["OR", "or"],
  ["||", "or"],
  ["NOT", "not"],
]);

export function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < query.length) {
    const char = query[index]!;
    if (WHITESPACE.test(char)) {
      index += 1;
      continue;
    }
    const token = readToken(query, index, tokens.at(-1));
    tokens.push(token);
    index += token.raw.length;
  }
  return tokens;
}

/** Reads the token starting at `start`; `previous` decides whether a value is expected here. */
function readToken(query: string, start: number, previous: Token | undefined): Token {
  const char = query[start]!;
  const next = query[start + 1];
  // Right after `field:` or a comparison operator comes a value, where a colon is
  // literal and `-5` is a negative number rather than a negation.
  const expectsValue = previous?.kind === "field" || previous?.kind === "compare";
  const simple = (kind: "lparen" | "rparen" | "not" | "plus"): Token => ({ kind, position: start, raw: char });

  switch (char) {
    case "(":
      return simple("lparen");
    case ")":
      return simple("rparen");
    case '"':
      return readPhrase(query, start);
    case "[":
    case "{":
      return readRange(query, start);
    case "]":
    case "}":
      throw new QuerySyntaxError(`unexpected '${char}' outside a range`, start);
    case ":":
      throw new QuerySyntaxError("expected a field name before ':'", start);
    case ">":
    case "<": {
      const operator = (next === "=" ? `${char}=` : char) as ComparisonOperator;
      return { kind: "compare", operator, position: start, raw: operator };
    }
    case "-":
      if (expectsValue && next !== undefined && /[0-9.]/.test(next)) break;
      return simple("not");
    case "+":
      return simple("plus");
  }

  const word = readWord(query, start, !expectsValue);
  // As in Datadog, an unescaped AND/OR/NOT is an operator even where a value is expected.
  if (word.kind === "word") {
    const keyword = KEYWORDS.get(word.raw);
    if (keyword !== undefined) return { kind: keyword, position: start, raw: word.raw };
  }
  return word;
}

/**
 * Reads a bare word. When `mayBeField` is set, an unescaped colon ends it and
 * turns it into a field name (the colon is part of the token).
 */
function readWord(query: string, start: number, mayBeField: boolean): Token {
  let text = "";
  let pattern = "";
  let wildcard = false;
  let index = start;
  while (index < query.length) {
    const char = query[index]!;
    if (char === "\\") {
      const escaped = query[index + 1];
      if (escaped === undefined) throw new QuerySyntaxError("dangling '\\' at the end of the query", index);
      text += escaped;
      pattern += escaped === "*" || escaped === "?" || escaped === "\\" ? `\\${escaped}` : escaped;
      index += 2;
      continue;
    }
    if (WHITESPACE.test(char) || char === "(" || char === ")" || char === '"') break;
    if (char === ":" && mayBeField) {
      return { kind: "field", name: text, position: start, raw: query.slice(start, index + 1) };
    }
    if (char === "*" || char === "?") wildcard = true;
    text += char;
    pattern += char;
    index += 1;
  }
  return { kind: "word", text, pattern, wildcard, position: start, raw: query.slice(start, index) };
}

/** Reads `"..."`; inside, a backslash escapes the next character. */
function readPhrase(query: string, start: number): Token {
  let text = "";
  let index = start + 1;
  while (index < query.length) {
    const char = query[index]!;
    if (char === '"') return { kind: "phrase", text, position: start, raw: query.slice(start, index + 1) };
    if (char === "\\" && index + 1 < query.length) {
      text += query[index + 1]!;
      index += 2;
      continue;
    }
    text += char;
    index += 1;
  }
  throw new QuerySyntaxError("unterminated quoted phrase", start);
}

/** Reads `[lower TO upper]`; `{` and `}` make an end exclusive and `*` leaves it open. */
function readRange(query: string, start: number): Token {
  const parts: string[] = [];
  let part = "";
  let index = start + 1;
  for (; index < query.length; index += 1) {
    const char = query[index]!;
    if (char === "\\" && index + 1 < query.length) {
      part += query.slice(index, index + 2);
      index += 1;
    } else if (char === "]" || char === "}" || WHITESPACE.test(char)) {
      if (part !== "") parts.push(part);
      part = "";
      if (char === "]" || char === "}") break;
    } else {
      part += char;
    }
  }
  const close = query[index];
  if (close !== "]" && close !== "}") throw new QuerySyntaxError("unterminated range, expected ']' or '}'", start);
  const [lower, to, upper] = parts;
  if (parts.length !== 3 || to !== "TO" || lower === undefined || upper === undefined) {
    throw new QuerySyntaxError("expected a range of the form [lower TO upper]", start);
  }
  return {
    kind: "range",
    lower: rangeBound(lower, query[start] === "["),
    upper: rangeBound(upper, close === "]"),
    position: start,
    raw: query.slice(start, index + 1),
  };
}

function rangeBound(raw: string, inclusive: boolean): RangeBound | null {
  if (raw === "*") return null;
  return { value: raw.replace(/\\(.)/gs, "$1"), inclusive };
}
