import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  escapeGlob,
  globCovers,
  globMatches,
  globsOverlap,
  matchesAnyWildcard,
  matchesEverything,
  wildcardMatches,
} from "../../src/query/glob.js";

const overlaps: Array<[string, string, boolean]> = [
  ["aws*", "awslogs", true],
  ["aws*", "*trail", true],
  ["aws*", "gcp*", false],
  ["a?c", "a*", true],
  ["a?c", "ab", false],
  ["*", "", true],
  ["?", "", false],
  ["a\\*", "a*", true],
  ["a\\*", "ab", false],
  ["*a*", "*b*", true],
  ["a*b", "b*a", false],
];

const covers: Array<[string, string, boolean]> = [
  ["aws*", "awslogs", true],
  ["aws*", "awslogs*", true],
  ["awslogs*", "aws*", false],
  ["*", "anything*", true],
  ["a?c", "abc", true],
  ["a?c", "a*c", false],
  ["a*c", "a?c", true],
  ["abc", "abc", true],
  ["abc", "abd", false],
  ["a\\*", "a\\*", true],
  ["a*", "a\\*", true],
  ["a\\*", "ab", false],
];

describe("glob patterns", () => {
  it.each(overlaps)("%s overlaps %s = %s", (first, second, expected) => {
    expect(globsOverlap(first, second)).toBe(expected);
    expect(globsOverlap(second, first)).toBe(expected);
  });

  it.each(covers)("%s covers %s = %s", (general, specific, expected) => {
    expect(globCovers(general, specific)).toBe(expected);
  });

  it("escapes the pattern characters of a literal", () => {
    expect(escapeGlob("a*b?c\\d")).toBe("a\\*b\\?c\\\\d");
    expect(globMatches(escapeGlob("a*b?"), "a*b?")).toBe(true);
    expect(globMatches(escapeGlob("a*b?"), "axby")).toBe(false);
  });

  it("knows the patterns that match everything", () => {
    expect(["*", "**", "***"].map(matchesEverything)).toEqual([true, true, true]);
    expect(["", "?", "*a", "\\*"].map(matchesEverything)).toEqual([false, false, false, false]);
  });
});

/** Every text over {a, b, c} up to six characters: long enough to witness any overlap of the short patterns below. */
const TEXTS = (() => {
  const texts = [""];
  for (let length = 1, previous = [""]; length <= 6; length += 1) {
    previous = previous.flatMap((text) => ["a", "b", "c"].map((char) => text + char));
    texts.push(...previous);
  }
  return texts;
})();

function reference(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "s");
}

const shortPattern = fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 3 });

describe("glob patterns against a regular-expression reference", () => {
  it("globMatches agrees with the reference", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 6 }),
        fc.constantFrom(...TEXTS),
        (pattern, text) => {
          expect(globMatches(pattern, text)).toBe(reference(pattern).test(text));
        },
      ),
    );
  });

  it("globsOverlap is true exactly when some text matches both", () => {
    fc.assert(
      fc.property(shortPattern, shortPattern, (first, second) => {
        const witness = TEXTS.some((text) => reference(first).test(text) && reference(second).test(text));
        expect(globsOverlap(first, second)).toBe(witness);
      }),
    );
  });

  it("globCovers never claims a cover that a text disproves", () => {
    fc.assert(
      fc.property(shortPattern, shortPattern, (general, specific) => {
        if (!globCovers(general, specific)) return;
        for (const text of TEXTS) {
          if (reference(specific).test(text)) expect(reference(general).test(text)).toBe(true);
        }
      }),
    );
  });
});

/** The two dialects, from the one compiler: what each treats as special, and case. */
describe("wildcard dialects", () => {
  const cases: Array<[string, string, boolean, boolean]> = [
    // pattern, text, Datadog search value (globMatches), selector (wildcardMatches)
    ["aws*", "awslogs", true, true],
    ["*security*", "Cloud Security dashboard", false, true],
    ["*Security*", "Cloud Security dashboard", true, true],
    ["AWS*", "awslogs", false, true],
    ["a?c", "abc", true, false],
    ["a?c", "a?c", true, true],
    ["a\\*", "a*", true, false],
    ["a\\*", "a\\anything", false, true],
    ["azure.activity_logs", "azure.activity_logs", true, true],
    ["azure.activity_logs", "azureXactivity_logs", false, false],
    ["technique:T1110*", "technique:t1110.001", false, true],
    ["", "", true, true],
    ["*", "", true, true],
    ["**a**", "xa", true, true],
    ["a*b*c", "a-bb-c", true, true],
    ["a*b*c", "a-c-b", false, false],
    // `?` and a star's characters are code points, not UTF-16 halves.
    ["a?c", "a\u{1F600}c", true, false],
    ["*\u{1F600}", "x\u{1F600}", true, true],
  ];

  it.each(cases)("%s against %s: search value %s, selector %s", (pattern, text, search, selector) => {
    expect(globMatches(pattern, text)).toBe(search);
    expect(wildcardMatches(pattern, text)).toBe(selector);
  });

  it("matches a selector list when any one matches", () => {
    expect(matchesAnyWildcard(["gcp*", "*trail"], "CloudTrail")).toBe(true);
    expect(matchesAnyWildcard(["gcp*", "okta"], "CloudTrail")).toBe(false);
    expect(matchesAnyWildcard([], "anything")).toBe(false);
  });

  it("selector matching agrees with a case-insensitive regular expression over `*`", () => {
    const selectorReference = (pattern: string) =>
      new RegExp(`^${pattern.replace(/[?\\]/g, "\\$&").replace(/\*/g, ".*")}$`, "is");
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "B", "*", "?", "\\"), maxLength: 6 }),
        fc.string({ unit: fc.constantFrom("a", "b", "A", "?", "\\"), maxLength: 6 }),
        (pattern, text) => {
          expect(wildcardMatches(pattern, text)).toBe(selectorReference(pattern).test(text));
        },
      ),
    );
  });

  it("stays fast on patterns that make a backtracking matcher explode", () => {
    const text = "a".repeat(5000);
    const started = performance.now();
    expect(globMatches(`${"*a".repeat(20)}*b`, text)).toBe(false);
    expect(wildcardMatches(`${"*a".repeat(20)}*b`, text)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
