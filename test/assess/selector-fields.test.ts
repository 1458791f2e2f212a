/** Each selector field alone, its edge cases, and how a selector is described in reasons. */
import { describe, expect, it } from "vitest";
import { fromAgentRule, fromDetectionRule, type SecurityRule } from "../../src/assess/security-rules.js";
import { describeSelector, RuleSelector, ruleMatches, selectRules } from "../../src/assess/selectors.js";
import { agentRule, detectionRule } from "./fixtures/snapshot-builder.js";

const selector = (fields: object) => RuleSelector.parse(fields);
const ids = (rules: SecurityRule[]) => rules.map((rule) => rule.id);

const okta = fromDetectionRule(
  detectionRule({
    id: "okta",
    name: "Okta brute force",
    tags: [" source:okta ", "technique:T1110-brute-force", "tactic:TA0006-credential-access"],
    query: "source:okta",
    is_default: true,
  }),
);
const cloudtrail = fromDetectionRule(
  detectionRule({ id: "ct", name: "Console login", query: "source:cloudtrail", is_default: false }),
);
const unknownSource = fromDetectionRule(detectionRule({ id: "unk", name: "No source", query: "@evt.name:x" }));
const azure = fromDetectionRule(detectionRule({ id: "az", name: "Azure", query: "source:azure.activity_logs" }));
const agent = fromAgentRule(agentRule({ id: "ag", name: "Netcat", product_tags: ["technique:T1059"] }));
const population = [okta, cloudtrail, unknownSource, azure, agent];

describe("selecting rules field by field", () => {
  it("an empty selector selects every rule", () => {
    expect(ids(selectRules(population, selector({})))).toEqual(["okta", "ct", "unk", "az", "ag"]);
  });
  it("types: a wildcard pattern, any case", () => {
    expect(ids(selectRules(population, selector({ types: ["WORKLOAD_*"] })))).toEqual(["ag"]);
    expect(ids(selectRules(population, selector({ types: ["nothing"] })))).toEqual([]);
  });
  it("tags: every pattern must match some tag, tags compared trimmed", () => {
    expect(ids(selectRules(population, selector({ tags: ["source:okta"] })))).toEqual(["okta"]);
    expect(ids(selectRules(population, selector({ tags: ["source:okta", "technique:*"] })))).toEqual(["okta"]);
    expect(ids(selectRules(population, selector({ tags: ["source:okta", "env:*"] })))).toEqual([]);
  });
  it("techniques: in lower case too", () => {
    expect(ids(selectRules(population, selector({ techniques: ["t1110"] })))).toEqual(["okta"]);
    expect(ids(selectRules(population, selector({ techniques: ["T1059", "T1110"] })))).toEqual(["okta", "ag"]);
  });
  it("tactics: by shortname in any case", () => {
    expect(ids(selectRules(population, selector({ tactics: ["Credential-Access"] })))).toEqual(["okta"]);
    expect(ids(selectRules(population, selector({ tactics: ["TA0001", "TA0006"] })))).toEqual(["okta"]);
  });
  it("name: a wildcard pattern", () => {
    expect(ids(selectRules(population, selector({ name: "*login*" })))).toEqual(["ct"]);
    expect(ids(selectRules(population, selector({ name: "Console" })))).toEqual([]);
  });
  it("default_rules: out-of-the-box or custom; agent rules are neither", () => {
    expect(ids(selectRules(population, selector({ default_rules: true })))).toEqual(["okta", "unk", "az"]);
    expect(ids(selectRules(population, selector({ default_rules: false })))).toEqual(["ct"]);
  });
  it("sources: either side may be the wider pattern; a rule of unknown source never matches", () => {
    expect(ids(selectRules(population, selector({ sources: ["AZURE.*"] })))).toEqual(["az"]);
    expect(ids(selectRules(population, selector({ sources: ["azure.activity_logs"] })))).toEqual(["az"]);
    expect(ids(selectRules(population, selector({ sources: ["*"] })))).toEqual(["okta", "ct", "az"]);
    expect(ids(selectRules(population, selector({ sources: ["github", "cloudtrail"] })))).toEqual(["ct"]);
  });
  it("a rule whose own source is a pattern is matched by a narrower wanted source", () => {
    const wide = fromDetectionRule(detectionRule({ id: "wide", tags: ["source:kubernetes"] }));
    expect(ruleMatches(wide, selector({ sources: ["kubernetes.audit"] }))).toBe(true);
    expect(ruleMatches(wide, selector({ sources: ["docker"] }))).toBe(false);
  });
  it("the same selector content gives the same answers from a separately parsed copy", () => {
    const first = selector({ techniques: ["T1110"] });
    const copy = selector({ techniques: ["T1110"] });
    expect(ids(selectRules(population, first))).toEqual(["okta"]);
    expect(ids(selectRules(population, copy))).toEqual(["okta"]);
    expect(ruleMatches(cloudtrail, copy)).toBe(false);
    expect(ruleMatches(okta, selector({ techniques: ["T1059"] }))).toBe(false);
  });
  it("fields combine with AND", () => {
    expect(ruleMatches(okta, selector({ techniques: ["T1110"], default_rules: false }))).toBe(false);
    expect(ruleMatches(okta, selector({ techniques: ["T1110"], name: "Console*" }))).toBe(false);
    expect(ruleMatches(okta, selector({ techniques: ["T1110"], sources: ["cloudtrail"] }))).toBe(false);
    expect(ruleMatches(okta, selector({ tactics: ["TA0006"], types: ["workload_security"] }))).toBe(false);
    expect(ruleMatches(okta, selector({ tags: ["source:okta"], tactics: ["TA0001"] }))).toBe(false);
  });
});

describe("selector schema", () => {
  it("refuses empty lists, blank values and technique ids of the wrong shape", () => {
    for (const field of ["types", "tags", "techniques", "tactics", "sources"])
      expect(RuleSelector.safeParse({ [field]: [] }).success, field).toBe(false);
    expect(RuleSelector.safeParse({ types: ["  "] }).success).toBe(false);
    expect(RuleSelector.safeParse({ name: " " }).success).toBe(false);
    expect(RuleSelector.safeParse({ techniques: ["T1110.01"] }).success).toBe(false);
    expect(RuleSelector.safeParse({ techniques: ["xT1110"] }).success).toBe(false);
    expect(RuleSelector.safeParse({ techniques: ["T1110x"] }).success).toBe(false);
    expect(RuleSelector.safeParse({ techniques: ["T11100"] }).success).toBe(false);
    expect(RuleSelector.parse({ techniques: ["t1110.001"], name: " x " })).toEqual({
      techniques: ["t1110.001"],
      name: "x",
    });
  });
  it("names the expected technique id shape", () => {
    const parsed = RuleSelector.safeParse({ techniques: ["1110"] });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toBe("expected an ATT&CK technique id such as T1110 or T1110.001");
  });
});

describe("describing a selector", () => {
  it("names every field, values joined with or (tags with and)", () => {
    expect(
      describeSelector(
        selector({
          types: ["log_detection", "signal_correlation"],
          tags: ["env:prod", "team:sec"],
          techniques: ["T1110"],
          tactics: ["TA0006", "TA0001"],
          sources: ["okta", "azure.*"],
          name: "*login*",
          default_rules: false,
        }),
      ),
    ).toBe(
      "type log_detection or signal_correlation, tags env:prod and team:sec, technique T1110, " +
        "tactic TA0006 or TA0001, source okta or azure.*, name *login*, custom",
    );
    expect(describeSelector(selector({ tags: ["env:prod"] }))).toBe("tags env:prod");
    expect(describeSelector(selector({ name: "x" }))).toBe("name x");
    expect(describeSelector(selector({ default_rules: true }))).toBe("out-of-the-box");
  });
});
