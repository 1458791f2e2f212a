/** Datadog search syntax as the simulator reads it. */
import { describe, expect, it } from "vitest";
import {
  type FieldLookup,
  matchesQuery,
  parseSearchQuery,
  positiveValues,
  SearchQueryError,
} from "../../src/simulator/search-query.js";

const doc: Record<string, string[]> = {
  source: ["okta"],
  status: ["high"],
  "@evt.name": ["user.session.start"],
  "@outcome.result": ["FAILURE"],
  "@usr.id": ["system:anonymous"],
  technique: ["t1110-brute-force"],
  "": ["Okta brute force login attempts"],
};
const lookup: FieldLookup = (key) => doc[key] ?? [];

describe("search query", () => {
  it.each([
    ["", true],
    ["*", true],
    ["source:okta", true],
    ["source:OKTA", true],
    ["source:gsuite", false],
    ["source:(okta OR gsuite) @evt.name:user.session.start -@outcome.result:SUCCESS", true],
    ["source:(okta OR gsuite) -@outcome.result:FAILURE", false],
    ["status:(high OR critical)", true],
    ["status:high AND source:gsuite", false],
    ["status:low OR source:okta", true],
    ["NOT source:okta", false],
    ["(status:low OR status:high) source:okta", true],
    ["technique:t1110*", true],
    ["@evt.name:*session*", true],
    ['@usr.id:"system:anonymous"', true],
    ["@usr.id:system:anonymous", true],
    ["brute", true],
    ["phishing", false],
    ["@missing.field:x", false],
  ])("%j → %s", (query, expected) => {
    expect(matchesQuery(parseSearchQuery(query), lookup)).toBe(expected);
  });

  it("lets fields a caller does not model match anything, negated or not", () => {
    const sourceOnly: FieldLookup = (key) => (key === "source" ? ["okta"] : undefined);
    expect(matchesQuery(parseSearchQuery("source:okta @evt.name:x -@evt.outcome:y"), sourceOnly)).toBe(true);
    expect(matchesQuery(parseSearchQuery("source:gsuite @evt.name:x"), sourceOnly)).toBe(false);
  });

  it("lists the sources a rule query names, not the negated ones", () => {
    expect(
      positiveValues(parseSearchQuery("source:(cloudtrail OR gcp.audit) -source:vpc @evt.name:x"), "source"),
    ).toEqual(["cloudtrail", "gcp.audit"]);
    expect(positiveValues(parseSearchQuery("@threat_intel.results.category:tor"), "source")).toEqual([]);
  });

  it.each([["status:(high"], ['@usr.id:"open'], ["source:okta)"], ["source:()"], ["OR"]])("rejects %j", (query) => {
    expect(() => parseSearchQuery(query)).toThrow(SearchQueryError);
  });
});
