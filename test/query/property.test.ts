import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeGlob } from "../../src/query/glob.js";
import {
  parseLogQuery,
  printLogQuery,
  type QueryNode,
  type RangeBound,
  sourcesOfNode,
  sourcesOfQuery,
} from "../../src/query/index.js";

/** Characters that exercise every escaping rule of the syntax. */
const TRICKY = [
  "a",
  "B",
  "c",
  "1",
  "-",
  ":",
  " ",
  "(",
  ")",
  '"',
  "\\",
  "*",
  "?",
  "[",
  "]",
  "{",
  "}",
  "<",
  ">",
  "=",
  "+",
  "&",
  "|",
  "!",
  "#",
  ".",
  "é",
];
const trickyText = (minLength: number) => fc.string({ unit: fc.constantFrom(...TRICKY), minLength, maxLength: 6 });
const queryText = fc.oneof(
  fc.string(),
  fc.string({
    unit: fc.constantFrom(...TRICKY, "AND", "OR", "NOT", "TO", "source:", "@x:", "\t", "constructor"),
    maxLength: 20,
  }),
);

describe("sourcesOfQuery on arbitrary text", () => {
  it("never throws and always answers one of the three kinds", () => {
    fc.assert(
      fc.property(queryText, (query) => {
        const result = sourcesOfQuery(query);
        expect(["sources", "none", "unparsable"]).toContain(result.kind);
        if (result.kind === "sources") expect(result.sources).toEqual([...new Set(result.sources)].sort());
        if (result.kind === "unparsable") expect(result.reason).toMatch(/ at offset \d+$/);
      }),
      { numRuns: 2000 },
    );
  });
});

// Fields weighted towards `source` so that intersections and unions of sources occur often.
const field = fc.constantFrom(
  "source",
  "source",
  "Source",
  "SOURCE",
  "@evt.name",
  "service",
  "_exists_",
  "*",
  "@a b",
  "x:y",
  "-f",
  "@source",
);
const literalValue = fc.oneof(
  trickyText(1),
  fc.constantFrom("AND", "OR", "NOT", "&&", "||", "TO", "cloudtrail", "aws", "awslogs", "gcp.audit", "-5"),
);
/** A glob pattern with at least one unescaped wildcard, so that parsing it sets `wildcard`. */
const patternValue = fc
  .tuple(fc.string({ maxLength: 3 }), fc.constantFrom("*", "?"), trickyText(0), fc.constantFrom("", "*"))
  .map(([head, wildcard, tail, end]) => `${escapeGlob(head)}${wildcard}${escapeGlob(tail)}${end}`);

const term: fc.Arbitrary<QueryNode> = fc.oneof(
  fc.record({
    type: fc.constant("term" as const),
    field: fc.option(field),
    value: literalValue,
    quoted: fc.constant(false),
    wildcard: fc.constant(false),
  }),
  fc.record({
    type: fc.constant("term" as const),
    field: fc.option(field),
    value: patternValue,
    quoted: fc.constant(false),
    wildcard: fc.constant(true),
  }),
  fc.record({
    type: fc.constant("term" as const),
    field: fc.option(field),
    value: trickyText(0),
    quoted: fc.constant(true),
    wildcard: fc.constant(false),
  }),
);
const bound: fc.Arbitrary<RangeBound | null> = fc.option(fc.record({ value: trickyText(1), inclusive: fc.boolean() }));
const range: fc.Arbitrary<QueryNode> = fc.record({
  type: fc.constant("range" as const),
  field,
  lower: bound,
  upper: bound,
});

/** Trees of AND, OR and NOT over `leaves`, shaped as the parser builds them (no single-child AND or OR). */
function treeOf(depthIdentifier: string, ...leaves: Array<fc.Arbitrary<QueryNode>>): fc.Arbitrary<QueryNode> {
  return fc.letrec<{ node: QueryNode }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 4, depthIdentifier },
      ...leaves,
      fc.record({ type: fc.constant("and" as const), children: fc.array(tie("node"), { minLength: 2, maxLength: 3 }) }),
      fc.record({ type: fc.constant("or" as const), children: fc.array(tie("node"), { minLength: 2, maxLength: 3 }) }),
      fc.record({ type: fc.constant("not" as const), child: tie("node") }),
    ),
  })).node;
}

const queryTree = treeOf("query-tree", term, range);

describe("printLogQuery and parseLogQuery", () => {
  it("parse(print(tree)) gives the tree back", () => {
    fc.assert(
      fc.property(queryTree, (tree) => {
        expect(parseLogQuery(printLogQuery(tree))).toEqual(tree);
      }),
      { numRuns: 1000 },
    );
  });

  it("parse(print(tree)) preserves the source set", () => {
    fc.assert(
      fc.property(queryTree, (tree) => {
        expect(sourcesOfQuery(printLogQuery(tree))).toEqual(sourcesOfNode(tree));
      }),
      { numRuns: 1000 },
    );
  });

  it("prints an empty AND as the empty query", () => {
    expect(printLogQuery({ type: "and", children: [] })).toBe("");
  });
});

/**
 * Could a log with this source match the query, for some truth values of the
 * free-text terms? Brute force over those values, as the reference the
 * evaluator's upper bound must respect.
 */
function couldMatch(tree: QueryNode, source: string): boolean {
  const words = [...new Set(freeWords(tree))];
  for (let mask = 0; mask < 1 << words.length; mask += 1) {
    const truth = new Map(words.map((word, index) => [word, (mask & (1 << index)) !== 0]));
    if (holds(tree, source, truth)) return true;
  }
  return false;
}

function freeWords(tree: QueryNode): string[] {
  if (tree.type === "term") return tree.field === null ? [tree.value] : [];
  if (tree.type === "not") return freeWords(tree.child);
  if (tree.type === "and" || tree.type === "or") return tree.children.flatMap(freeWords);
  return [];
}

function holds(tree: QueryNode, source: string, truth: Map<string, boolean>): boolean {
  switch (tree.type) {
    case "term":
      return tree.field === null ? truth.get(tree.value)! : tree.value === source;
    case "not":
      return !holds(tree.child, source, truth);
    case "and":
      return tree.children.every((child) => holds(child, source, truth));
    case "or":
      return tree.children.some((child) => holds(child, source, truth));
    case "range":
      throw new Error("no ranges in these trees");
  }
}

/** The sources the trees below name, and "d", which none names. */
const SOURCES = ["a", "b", "c", "d"];
const plainTerm = (field: string | null, value: string): QueryNode => ({
  type: "term",
  field,
  value,
  quoted: false,
  wildcard: false,
});
const sourceTree = treeOf(
  "source-tree",
  fc.constantFrom("a", "b", "c").map((value) => plainTerm("source", value)),
  fc.constantFrom("x", "y").map((value) => plainTerm(null, value)),
);

describe("sourcesOfNode against brute force", () => {
  it("never leaves out a source that could match", () => {
    fc.assert(
      fc.property(sourceTree, (tree) => {
        const result = sourcesOfNode(tree);
        const possible = SOURCES.filter((source) => couldMatch(tree, source));
        if (result.kind === "sources") expect(result.sources).toEqual(expect.arrayContaining(possible));
      }),
      { numRuns: 1000 },
    );
  });

  it("is exact when the query has no negation", () => {
    fc.assert(
      fc.property(sourceTree, (tree) => {
        fc.pre(!JSON.stringify(tree).includes('"not"'));
        const result = sourcesOfNode(tree);
        const possible = SOURCES.filter((source) => couldMatch(tree, source));
        // `none` claims any source could match, so also "d", which no query names.
        if (result.kind === "none") expect(possible).toContain("d");
        else expect(result).toEqual({ kind: "sources", sources: possible });
      }),
      { numRuns: 500 },
    );
  });
});
