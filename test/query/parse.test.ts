import { describe, expect, it } from "vitest";
import { parseLogQuery, type QueryNode, QuerySyntaxError, type RangeBound } from "../../src/query/index.js";

// Small builders keep each table row to one readable line.
const term = (field: string | null, value: string): QueryNode => ({
  type: "term",
  field,
  value,
  quoted: false,
  wildcard: false,
});
const glob = (field: string | null, value: string): QueryNode => ({
  type: "term",
  field,
  value,
  quoted: false,
  wildcard: true,
});
const phrase = (field: string | null, value: string): QueryNode => ({
  type: "term",
  field,
  value,
  quoted: true,
  wildcard: false,
});
const and = (...children: QueryNode[]): QueryNode => ({ type: "and", children });
const or = (...children: QueryNode[]): QueryNode => ({ type: "or", children });
const not = (child: QueryNode): QueryNode => ({ type: "not", child });
const incl = (value: string): RangeBound => ({ value, inclusive: true });
const excl = (value: string): RangeBound => ({ value, inclusive: false });
const range = (field: string, lower: RangeBound | null, upper: RangeBound | null): QueryNode => ({
  type: "range",
  field,
  lower,
  upper,
});

const cases: Array<[string, string, QueryNode]> = [
  ["empty query", "", and()],
  ["whitespace only", "  \t\n", and()],
  ["match all", "*", glob(null, "*")],
  ["full-text match all", "*:*", glob("*", "*")],
  ["free text", "failure", term(null, "failure")],
  ["tag", "source:cloudtrail", term("source", "cloudtrail")],
  ["field case kept", "Source:CloudTrail", term("Source", "CloudTrail")],
  ["attribute keeps @", "@evt.name:ConsoleLogin", term("@evt.name", "ConsoleLogin")],
  ["dotted value", "source:kubernetes.audit", term("source", "kubernetes.audit")],
  ["hyphen inside words", "service:my-service", term("service", "my-service")],
  ["exists", "_exists_:@usr.id", term("_exists_", "@usr.id")],
  ["full-text field", "*:hello", term("*", "hello")],
  ["implicit AND", "a b c", and(term(null, "a"), term(null, "b"), term(null, "c"))],
  ["explicit AND", "a AND b", and(term(null, "a"), term(null, "b"))],
  ["&& and ||", "a && b || c", or(and(term(null, "a"), term(null, "b")), term(null, "c"))],
  ["OR", "a OR b", or(term(null, "a"), term(null, "b"))],
  ["AND binds tighter than OR", "a AND b OR c", or(and(term(null, "a"), term(null, "b")), term(null, "c"))],
  ["AND binds tighter on the right", "a OR b AND c", or(term(null, "a"), and(term(null, "b"), term(null, "c")))],
  ["implicit AND binds tighter than OR", "a OR b c", or(term(null, "a"), and(term(null, "b"), term(null, "c")))],
  ["OR with NOT", "a OR NOT b", or(term(null, "a"), not(term(null, "b")))],
  ["operators are case sensitive", "a and b", and(term(null, "a"), term(null, "and"), term(null, "b"))],
  [
    "words named like object properties",
    "constructor toString __proto__",
    and(term(null, "constructor"), term(null, "toString"), term(null, "__proto__")),
  ],
  ["parentheses override precedence", "a AND (b OR c)", and(term(null, "a"), or(term(null, "b"), term(null, "c")))],
  ["nested parentheses", "((a OR (b c)))", or(term(null, "a"), and(term(null, "b"), term(null, "c")))],
  ["group without spaces", "a(b)", and(term(null, "a"), term(null, "b"))],
  ["minus negation", "-source:a", not(term("source", "a"))],
  ["minus with a space", "- source:a", not(term("source", "a"))],
  ["NOT negation", "NOT source:a", not(term("source", "a"))],
  ["double negation", "--a", not(not(term(null, "a")))],
  ["negated group", "-(a OR b)", not(or(term(null, "a"), term(null, "b")))],
  ["NOT binds to one operand", "NOT a b", and(not(term(null, "a")), term(null, "b"))],
  ["plus is a no-op", "+a -b", and(term(null, "a"), not(term(null, "b")))],
  ["value group", "source:(a OR b)", or(term("source", "a"), term("source", "b"))],
  ["value group with AND and NOT", "@x:(a -b)", and(term("@x", "a"), not(term("@x", "b")))],
  ["value group with an explicit inner field", "@x:(a OR @y:b)", or(term("@x", "a"), term("@y", "b"))],
  ["value group with a single value", "source:(a)", term("source", "a")],
  ["space after the colon", "source: a", term("source", "a")],
  ["trailing wildcard", "source:aws*", glob("source", "aws*")],
  ["inner wildcards", "@evt.name:*Login*", glob("@evt.name", "*Login*")],
  ["single-character wildcard", "@x:a?c", glob("@x", "a?c")],
  ["escaped wildcard is literal", "@x:a\\*", term("@x", "a*")],
  ["escaped wildcard kept in a pattern", "@x:a\\*b*", glob("@x", "a\\*b*")],
  ["quoted phrase", '"hello world"', phrase(null, "hello world")],
  ["quoted value with spaces", 'source:"my source"', phrase("source", "my source")],
  ["quoted wildcard is literal", '@x:"a*"', phrase("@x", "a*")],
  ["escaped quote in a phrase", '"say \\"hi\\""', phrase(null, 'say "hi"')],
  ["escaped colon", "@userIdentity.arn:arn\\:aws\\:iam", term("@userIdentity.arn", "arn:aws:iam")],
  ["escaped space", "@msg:hello\\ world", term("@msg", "hello world")],
  ["escaped colon in a field name", "fo\\:o:bar", term("fo:o", "bar")],
  ["colon in a value is literal", "@url:http://x", term("@url", "http://x")],
  ["escaped keyword", "\\AND", term(null, "AND")],
  ["escaped leading minus", "\\-a", term(null, "-a")],
  ["negative number", "@x:-5", term("@x", "-5")],
  ["inclusive range", "@duration:[100 TO 200]", range("@duration", incl("100"), incl("200"))],
  ["exclusive range", "@x:{a TO b}", range("@x", excl("a"), excl("b"))],
  ["mixed range", "@x:[1 TO 2}", range("@x", incl("1"), excl("2"))],
  ["open range", "@x:[* TO 5]", range("@x", null, incl("5"))],
  [">=", "@http.status_code:>=400", range("@http.status_code", incl("400"), null)],
  [">", "@x:>4", range("@x", excl("4"), null)],
  ["<=", "@x:<=4", range("@x", null, incl("4"))],
  ["< with a negative number", "@x:<-1.5", range("@x", null, excl("-1.5"))],
  [
    "range in a value group",
    "@x:([1 TO 2] OR >5)",
    or(range("@x", incl("1"), incl("2")), range("@x", excl("5"), null)),
  ],
];

describe("parseLogQuery", () => {
  it.each(cases)("%s: %s", (_name, query, expected) => {
    expect(parseLogQuery(query)).toEqual(expected);
  });
});

const malformed: Array<[string, string, string, number]> = [
  ["unbalanced (", "(source:a", "unbalanced '('", 0],
  ["unbalanced ) ", "source:a)", "unbalanced ')'", 8],
  ["lone (", "(", "expected a term after '('", 1],
  ["dangling AND", "source:a AND", "expected a term after 'AND'", 12],
  ["dangling OR", "source:a OR ", "expected a term after 'OR'", 12],
  ["leading OR", "OR a", "expected a term, found 'OR'", 0],
  ["two operators", "a AND OR b", "expected a term after 'AND', found 'OR'", 6],
  ["unterminated quote", 'source:"my source', "unterminated quoted phrase", 7],
  ["empty group", "()", "empty group", 0],
  ["empty value group", "source:()", "empty group", 7],
  ["lone minus", "-", "expected a term after '-'", 1],
  ["lone NOT", "a NOT", "expected a term after 'NOT'", 5],
  ["field without value", "source:", "expected a value after 'source:'", 7],
  ["field followed by an operator", "source: OR a", "expected a value after 'source:'", 8],
  ["keyword as a value", "source:AND", "expected a value after 'source:'", 7],
  ["negated value", "source:-a", "expected a value after 'source:'", 7],
  ["colon without field", ":a", "expected a field name", 0],
  ["dangling escape", "a\\", "dangling '\\'", 1],
  ["unterminated range", "@x:[1 TO 2", "unterminated range", 3],
  ["range without TO", "@x:[1 2]", "[lower TO upper]", 3],
  ["range without field", "[1 TO 2]", "a range needs a field", 0],
  ["comparison without field", ">=400", "a comparison needs a field", 0],
  ["comparison without value", "@x:>=", "expected a value after '>='", 5],
  ["stray bracket", "a ]", "unexpected ']'", 2],
];

describe("parseLogQuery on malformed queries", () => {
  it.each(malformed)("%s: %s", (_name, query, problem, position) => {
    let caught: unknown;
    try {
      parseLogQuery(query);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(QuerySyntaxError);
    const error = caught as QuerySyntaxError;
    expect(error.message).toContain(problem);
    expect(error.position).toBe(position);
    expect(error.message).toContain(`at offset ${position}`);
  });

  it("refuses nesting deeper than 200 levels instead of overflowing the stack", () => {
    expect(() => parseLogQuery(`${"(".repeat(5000)}a${")".repeat(5000)}`)).toThrow(/nesting deeper than 200/);
    expect(() => parseLogQuery(`${"-".repeat(5000)}a`)).toThrow(/nesting deeper than 200/);
    expect(parseLogQuery(`${"(".repeat(150)}a${")".repeat(150)}`)).toEqual(term(null, "a"));
  });
});
