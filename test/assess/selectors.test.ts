import { describe, expect, it } from "vitest";
import { taggedTactics, taggedTechniques, techniquesCountedFor } from "../../src/assess/rule-techniques.js";
import { fromDetectionRule } from "../../src/assess/security-rules.js";
import { describeSelector, RuleSelector, ruleMatches } from "../../src/assess/selectors.js";
import { detectionRule } from "./fixtures/snapshot-builder.js";

const tags = [
  "tactic:TA0006-credential-access",
  "technique:T1110-brute-force",
  "subtechnique:T1552.001-credentials-in-files",
  "source:okta",
  "env:prod",
];
const rule = fromDetectionRule(
  detectionRule({ id: "r", name: "Okta brute force", tags, query: "source:okta", is_default: false }),
);
const matches = (selector: object) => ruleMatches(rule, RuleSelector.parse(selector));

describe("ATT&CK tags", () => {
  it("reads technique and sub-technique ids in upper case", () => {
    expect(taggedTechniques(["technique:t1110-brute-force", "subtechnique:T1552.001-x", "technique:bogus"])).toEqual([
      "T1110",
      "T1552.001",
    ]);
  });
  it("counts a sub-technique for its parent too", () => {
    expect(techniquesCountedFor(tags)).toEqual(["T1110", "T1552", "T1552.001"]);
  });
  it("reads tactic ids and shortnames, lower case", () => {
    expect(taggedTactics(["TACTIC:TA0006-Credential-Access"])).toEqual(["credential-access", "ta0006"]);
  });
});

describe("rule selectors", () => {
  it("matches on every field it names (AND) and any value in a field (OR)", () => {
    expect(matches({ types: ["signal_correlation", "LOG_DETECTION"], techniques: ["T1566", "T1110"] })).toBe(true);
    expect(matches({ types: ["log_detection"], techniques: ["T1566"] })).toBe(false);
  });
  it("requires all tags, with wildcards", () => {
    expect(matches({ tags: ["source:okta", "env:*"] })).toBe(true);
    expect(matches({ tags: ["source:okta", "env:staging"] })).toBe(false);
  });
  it("selects a sub-technique only by its own id or its parent's", () => {
    expect(matches({ techniques: ["T1552"] })).toBe(true);
    expect(matches({ techniques: ["T1552.001"] })).toBe(true);
    expect(matches({ techniques: ["T1552.002"] })).toBe(false);
  });
  it("selects by tactic id or shortname", () => {
    expect(matches({ tactics: ["TA0006"] })).toBe(true);
    expect(matches({ tactics: ["credential-access"] })).toBe(true);
    expect(matches({ tactics: ["TA0001"] })).toBe(false);
  });
  it("selects by source, by name pattern and by origin", () => {
    expect(matches({ sources: ["OKTA"] })).toBe(true);
    expect(matches({ sources: ["ok*"] })).toBe(true);
    expect(matches({ sources: ["cloudtrail"] })).toBe(false);
    expect(matches({ name: "*brute*" })).toBe(true);
    expect(matches({ default_rules: false })).toBe(true);
    expect(matches({ default_rules: true })).toBe(false);
  });
  it("refuses unknown fields and malformed technique ids", () => {
    expect(RuleSelector.safeParse({ technique: ["T1110"] }).success).toBe(false);
    expect(RuleSelector.safeParse({ techniques: ["1110"] }).success).toBe(false);
  });
  it("describes itself for reasons", () => {
    expect(
      describeSelector(
        RuleSelector.parse({ types: ["log_detection"], techniques: ["T1110", "T1078"], default_rules: true }),
      ),
    ).toBe("type log_detection, technique T1110 or T1078, out-of-the-box");
    expect(describeSelector(RuleSelector.parse({}))).toBe("any rule");
  });
});
