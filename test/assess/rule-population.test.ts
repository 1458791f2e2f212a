/** Detection and agent rules as one population, field by field, and how rules are named in evidence. */
import { describe, expect, it } from "vitest";
import {
  chainsRules,
  fromAgentRule,
  fromDetectionRule,
  isWorkloadProtection,
  populationOf,
  ruleEvidence,
  ruleLabel,
  rulePopulation,
} from "../../src/assess/security-rules.js";
import { RuleQuery } from "../../src/snapshot/schema.js";
import { agentRule, buildSnapshot, detectionRule } from "./fixtures/snapshot-builder.js";

describe("the rule population", () => {
  it("takes a detection rule's fields as they are", () => {
    const source = detectionRule({
      id: "d1",
      name: "Brute force",
      type: "log_detection",
      enabled: false,
      is_default: false,
      tags: ["source:okta"],
      query: "source:okta",
      is_deprecated: true,
      is_beta: true,
      default_rule_id: "def-9",
    });
    expect(fromDetectionRule(source)).toEqual({
      id: "d1",
      name: "Brute force",
      type: "log_detection",
      enabled: false,
      origin: "detection_rule",
      is_default: false,
      tags: ["source:okta"],
      queries: source.queries,
      cases: source.cases,
      is_deprecated: true,
      is_beta: true,
      default_rule_id: "def-9",
    });
  });

  it("gives an agent rule the workload_security type, its product tags, and no origin, queries or cases", () => {
    const source = agentRule({ id: "a1", name: "Netcat", enabled: false, product_tags: ["technique:T1059"] });
    expect(fromAgentRule(source)).toEqual({
      id: "a1",
      name: "Netcat",
      type: "workload_security",
      enabled: false,
      origin: "agent_rule",
      is_default: null,
      tags: ["technique:T1059"],
      queries: [],
      cases: [],
      is_deprecated: false,
      is_beta: false,
      default_rule_id: null,
    });
  });

  it("lists detection rules first, then agent rules, and keeps one entry per snapshot rule", () => {
    const d = detectionRule({ id: "d1" });
    const a = agentRule({ id: "a1" });
    const first = rulePopulation([d], [a]);
    expect(first.map((rule) => [rule.id, rule.origin])).toEqual([
      ["d1", "detection_rule"],
      ["a1", "agent_rule"],
    ]);
    const second = rulePopulation([d], [a]);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
  });

  it("is read from the snapshot once, and a failed part contributes no rules", () => {
    const snapshot = buildSnapshot({
      rules: { rules: [detectionRule({ id: "d1" })] },
      agent_rules: { agent_rules: [agentRule({ id: "a1" })] },
    });
    const population = populationOf(snapshot);
    expect(population.map((rule) => rule.id)).toEqual(["d1", "a1"]);
    expect(populationOf(snapshot)).toBe(population);
    const failed = buildSnapshot({ rules: "error", agent_rules: { agent_rules: [agentRule({ id: "a2" })] } });
    expect(populationOf(failed).map((rule) => rule.id)).toEqual(["a2"]);
    const failedAgents = buildSnapshot({ rules: { rules: [detectionRule({ id: "d3" })] }, agent_rules: "error" });
    expect(populationOf(failedAgents).map((rule) => rule.id)).toEqual(["d3"]);
  });
});

describe("kinds of rule", () => {
  it("Workload Protection: agent rules, and detection rules of the workload_security type in any case", () => {
    expect(isWorkloadProtection(fromAgentRule(agentRule({ id: "a" })))).toBe(true);
    expect(isWorkloadProtection(fromDetectionRule(detectionRule({ id: "w", type: "Workload_Security" })))).toBe(true);
    expect(isWorkloadProtection(fromDetectionRule(detectionRule({ id: "l", type: "log_detection" })))).toBe(false);
    // An agent rule counts by its origin, whatever type it is given.
    expect(isWorkloadProtection({ ...fromAgentRule(agentRule({ id: "b" })), type: "log_detection" })).toBe(true);
  });

  it("a correlation rule chains a rule by id or by out-of-the-box definition", () => {
    const chained = (fields: object) =>
      chainsRules(
        fromDetectionRule(
          detectionRule({
            id: "c",
            queries: [RuleQuery.parse({ query: "", data_source: null, name: null, ...fields })],
          }),
        ),
      );
    expect(chained({ chained_rule_id: "x" })).toBe(true);
    expect(chained({ chained_default_rule_id: "def-x" })).toBe(true);
    expect(chained({})).toBe(false);
    expect(chainsRules(fromDetectionRule(detectionRule({ id: "none" })))).toBe(false);
  });
});

describe("naming rules in evidence", () => {
  const named = (fields: object) => fromDetectionRule(detectionRule({ id: "r", name: "Login rule", ...fields }));
  it("marks disabled, deprecated and beta rules, in that order", () => {
    expect(ruleLabel(named({}))).toBe("Login rule");
    expect(ruleLabel(named({ enabled: false }))).toBe("Login rule (disabled)");
    expect(ruleLabel(named({ is_deprecated: true }))).toBe("Login rule (deprecated)");
    expect(ruleLabel(named({ is_beta: true }))).toBe("Login rule (beta)");
    expect(ruleLabel(named({ enabled: false, is_deprecated: true, is_beta: true }))).toBe(
      "Login rule (disabled, deprecated, beta)",
    );
  });
  it("refers to each rule by type, id and label", () => {
    expect(ruleEvidence([named({ is_beta: true }), fromAgentRule(agentRule({ id: "a1", name: "Netcat" }))])).toEqual([
      { type: "rule", id: "r", label: "Login rule (beta)" },
      { type: "rule", id: "a1", label: "Netcat" },
    ]);
  });
});
