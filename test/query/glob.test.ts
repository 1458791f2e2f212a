import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeGlob, globCovers, globMatches, globsOverlap, matchesEverything } from "../../src/query/glob.js";

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
