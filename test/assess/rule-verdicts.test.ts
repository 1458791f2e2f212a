/**
 * Rule effectiveness verdicts, pinned field by field: which way a rule is
 * effective (`via`), why it is not (`why`), and the sources named with it.
 */
import { describe, expect, it } from "vitest";
import {
  chainedRules,
  cwsHostCounts,
  type EffectivenessEvidence,
  EffectivenessPolicy,
  gatherEffectivenessEvidence,
  judgeRule,
  ruleIndexes,
} from "../../src/assess/effectiveness.js";
import { fromAgentRule, fromDetectionRule, type SecurityRule } from "../../src/assess/security-rules.js";
import { RuleQuery } from "../../src/snapshot/schema.js";
import {
  agentRule,
  buildSnapshot,
  detectionRule,
  host,
  lastDays,
  logSources,
  PERIOD,
  signalRule,
  signals,
  sourceVolume,
} from "./fixtures/snapshot-builder.js";

const policy = EffectivenessPolicy.parse({});

function evidence(fields: Partial<EffectivenessEvidence> = {}, population: SecurityRule[] = []): EffectivenessEvidence {
  return {
    period: PERIOD,
    ingesting: new Set<string>(),
    cwsHosts: 0,
    totalHosts: 0,
    fired: new Set<string>(),
    ...ruleIndexes(population),
    ...fields,
  };
}

const logRule = (id: string, query: string, fields: Parameters<typeof detectionRule>[0] | object = {}) =>
  fromDetectionRule(detectionRule({ id, query, ...fields }));

/** A correlation rule chaining rules by id and out-of-the-box definitions by default id. */
function correlation(id: string, byId: string[], byDefault: string[] = []): SecurityRule {
  const queries = [
    ...byId.map((ruleId) => RuleQuery.parse({ query: "", data_source: null, name: null, chained_rule_id: ruleId })),
    ...byDefault.map((defaultId) =>
      RuleQuery.parse({ query: "", data_source: null, name: null, chained_default_rule_id: defaultId }),
    ),
  ];
  return fromDetectionRule(detectionRule({ id, type: "signal_correlation", queries }));
}

describe("judging one rule", () => {
  it("a rule whose source ingests is effective via its source, naming the ingesting sources it reads", () => {
    const rule = logRule("r1", "source:(cloudtrail OR okta)");
    const ingesting = new Set(["cloudtrail", "okta", "github"]);
    expect(judgeRule(rule, evidence({ ingesting }), policy)).toEqual({
      effective: true,
      via: "source",
      sources: ["cloudtrail", "okta"],
    });
  });

  it("a rule whose sources are silent is not effective, naming the sources it reads", () => {
    const rule = logRule("r2", "source:(okta OR cloudtrail)");
    expect(judgeRule(rule, evidence({ ingesting: new Set(["github"]) }), policy)).toEqual({
      effective: false,
      why: "source_silent",
      sources: ["cloudtrail", "okta"],
    });
  });

  it("a wildcard source pattern names every ingesting source it matches, sorted and once", () => {
    const rule = logRule("r3", "source:azure.*");
    const ingesting = new Set(["azure.storage", "azure.activity_logs", "aws"]);
    expect(judgeRule(rule, evidence({ ingesting }), policy)).toEqual({
      effective: true,
      via: "source",
      sources: ["azure.activity_logs", "azure.storage"],
    });
  });

  it("a rule that fired is effective via its signals, even with its source silent", () => {
    const rule = logRule("r4", "source:cloudtrail");
    expect(judgeRule(rule, evidence({ fired: new Set(["r4"]) }), policy)).toEqual({
      effective: true,
      via: "fired",
      sources: [],
    });
    const fresh = logRule("r4", "source:cloudtrail");
    expect(judgeRule(fresh, evidence({ fired: new Set(["r4"]), ingesting: new Set(["cloudtrail"]) }), policy)).toEqual({
      effective: true,
      via: "fired",
      sources: ["cloudtrail"],
    });
  });

  it("a rule with no readable source is source_unknown, even when something ingests", () => {
    const rule = fromDetectionRule(detectionRule({ id: "r5", query: "@evt.name:ConsoleLogin" }));
    expect(judgeRule(rule, evidence({ ingesting: new Set(["cloudtrail"]) }), policy)).toEqual({
      effective: false,
      why: "source_unknown",
      sources: [],
    });
  });

  it("a fired rule of unknown source is still effective", () => {
    const rule = fromDetectionRule(detectionRule({ id: "r6", query: "@evt.name:ConsoleLogin" }));
    expect(judgeRule(rule, evidence({ fired: new Set(["r6"]) }), policy)).toEqual({
      effective: true,
      via: "fired",
      sources: [],
    });
  });

  it("a deprecated rule is never effective, even when it fired", () => {
    const rule = logRule("r7", "source:cloudtrail", { is_deprecated: true });
    expect(judgeRule(rule, evidence({ fired: new Set(["r7"]), ingesting: new Set(["cloudtrail"]) }), policy)).toEqual({
      effective: false,
      why: "deprecated",
      sources: [],
    });
  });

  it("a Workload Protection rule follows the share of hosts running CWS, at the edge of the default 0.5", () => {
    const detection = () => fromDetectionRule(detectionRule({ id: "w1", type: "Workload_Security", query: "x" }));
    expect(judgeRule(detection(), evidence({ cwsHosts: 1, totalHosts: 2 }), policy)).toEqual({
      effective: true,
      via: "cws",
      sources: [],
    });
    expect(judgeRule(detection(), evidence({ cwsHosts: 1, totalHosts: 3 }), policy)).toEqual({
      effective: false,
      why: "agents_missing",
      sources: [],
    });
    expect(judgeRule(detection(), evidence({ cwsHosts: 0, totalHosts: 0 }), policy)).toEqual({
      effective: false,
      why: "agents_missing",
      sources: [],
    });
  });

  it("an agent rule is judged by the CWS share, and a policy can raise it", () => {
    const agent = fromAgentRule(agentRule({ id: "a1" }));
    const strict = EffectivenessPolicy.parse({ min_cws_host_share: 0.75 });
    expect(judgeRule(agent, evidence({ cwsHosts: 2, totalHosts: 3 }), strict)).toEqual({
      effective: false,
      why: "agents_missing",
      sources: [],
    });
    expect(judgeRule(agent, evidence({ cwsHosts: 3, totalHosts: 4 }), strict)).toEqual({
      effective: true,
      via: "cws",
      sources: [],
    });
    // The same rule, asked again with other evidence, is judged again.
    expect(judgeRule(agent, evidence({ cwsHosts: 2, totalHosts: 3 }), strict)).toEqual({
      effective: false,
      why: "agents_missing",
      sources: [],
    });
    expect(judgeRule(agent, evidence({ cwsHosts: 0, totalHosts: 3, fired: new Set(["a1"]) }), strict)).toEqual({
      effective: true,
      via: "fired",
      sources: [],
    });
  });

  it("the same rule asked with other ingesting sources gets its own verdict", () => {
    const rule = logRule("r8", "source:okta");
    expect(judgeRule(rule, evidence({ ingesting: new Set(["okta"]) }), policy).effective).toBe(true);
    expect(judgeRule(rule, evidence({ ingesting: new Set(["github"]) }), policy)).toEqual({
      effective: false,
      why: "source_silent",
      sources: ["okta"],
    });
    expect(judgeRule(rule, evidence({ ingesting: new Set(["okta", "github"]) }), policy)).toEqual({
      effective: true,
      via: "source",
      sources: ["okta"],
    });
  });

  it("ingesting sets whose names join to the same text get their own verdicts", () => {
    const rule = logRule("r9", "source:a");
    expect(judgeRule(rule, evidence({ ingesting: new Set(["a", "bc"]) }), policy).effective).toBe(true);
    expect(judgeRule(rule, evidence({ ingesting: new Set(["ab", "c"]) }), policy)).toEqual({
      effective: false,
      why: "source_silent",
      sources: ["a"],
    });
  });

  it("names the ingesting sources of several patterns in sorted order", () => {
    const rule = logRule("r10", "source:(*trail OR okta)");
    expect(judgeRule(rule, evidence({ ingesting: new Set(["zztrail", "okta"]) }), policy)).toEqual({
      effective: true,
      via: "source",
      sources: ["okta", "zztrail"],
    });
  });

  it("the policy's defaults are a 7-day window and half the hosts", () => {
    expect(policy).toEqual({ ingestion: { recent_days: 7 }, min_cws_host_share: 0.5 });
    expect(EffectivenessPolicy.safeParse({ min_cws_host_share: 1.01 }).success).toBe(false);
    expect(EffectivenessPolicy.safeParse({ min_cws_host_share: -0.01 }).success).toBe(false);
    expect(EffectivenessPolicy.safeParse({ min_cws_host_share: 1 }).success).toBe(true);
    expect(EffectivenessPolicy.safeParse({ min_cws_host_share: 0 }).success).toBe(true);
    expect(EffectivenessPolicy.safeParse({ extra: 1 }).success).toBe(false);
  });
});

describe("correlation rules", () => {
  it("follow the rules they chain: effective via the chain, with their sources", () => {
    const a = logRule("a", "source:okta");
    const b = logRule("b", "source:cloudtrail");
    const chain = correlation("c", ["a", "b"]);
    const ev = evidence({ ingesting: new Set(["okta", "cloudtrail"]) }, [a, b, chain]);
    expect(judgeRule(chain, ev, policy)).toEqual({ effective: true, via: "chain", sources: ["cloudtrail", "okta"] });
  });

  it("are effective via their signals once the chain holds", () => {
    const a = logRule("a", "source:okta");
    const chain = correlation("c", ["a"]);
    const ev = evidence({ ingesting: new Set(["okta"]), fired: new Set(["c"]) }, [a, chain]);
    expect(judgeRule(chain, ev, policy)).toEqual({ effective: true, via: "fired", sources: ["okta"] });
  });

  it("are not effective when one chained rule is silent, even if they fired", () => {
    const a = logRule("a", "source:okta");
    const b = logRule("b", "source:cloudtrail");
    const chain = correlation("c", ["a", "b"]);
    const ev = evidence({ ingesting: new Set(["okta"]), fired: new Set(["c"]) }, [a, b, chain]);
    expect(judgeRule(chain, ev, policy)).toEqual({
      effective: false,
      why: "chain_ineffective",
      sources: ["cloudtrail", "okta"],
    });
  });

  it("are not effective when a chained rule is missing or disabled", () => {
    const a = logRule("a", "source:okta");
    const off = logRule("off", "source:okta", { enabled: false });
    const ingesting = new Set(["okta"]);
    const missing = correlation("c1", ["a", "gone"]);
    expect(judgeRule(missing, evidence({ ingesting }, [a, missing]), policy)).toEqual({
      effective: false,
      why: "chain_ineffective",
      sources: ["okta"],
    });
    const disabled = correlation("c2", ["off"]);
    expect(judgeRule(disabled, evidence({ ingesting }, [off, disabled]), policy)).toEqual({
      effective: false,
      why: "chain_ineffective",
      sources: [],
    });
  });

  it("a chain that loops back is not effective", () => {
    const x = correlation("x", ["y"]);
    const y = correlation("y", ["x"]);
    expect(judgeRule(x, evidence({}, [x, y]), policy)).toEqual({
      effective: false,
      why: "chain_ineffective",
      sources: [],
    });
  });

  it("a rule chained twice in one chain is judged each time (no false loop)", () => {
    const a = logRule("a", "source:okta");
    const chain = correlation("c", ["a", "a"]);
    expect(judgeRule(chain, evidence({ ingesting: new Set(["okta"]) }, [a, chain]), policy)).toEqual({
      effective: true,
      via: "chain",
      sources: ["okta"],
    });
  });

  it("a correlation rule chaining another that holds is effective through both", () => {
    const a = logRule("a", "source:okta");
    const inner = correlation("inner", ["a"]);
    const outer = correlation("outer", ["inner", "inner"]);
    expect(judgeRule(outer, evidence({ ingesting: new Set(["okta"]) }, [a, inner, outer]), policy)).toEqual({
      effective: true,
      via: "chain",
      sources: ["okta"],
    });
  });

  it("a deprecated correlation rule is deprecated before its chain is read", () => {
    const a = logRule("a", "source:okta");
    const chain = fromDetectionRule(
      detectionRule({ ...detectionRule({ id: "c" }), queries: correlation("c", ["a"]).queries, is_deprecated: true }),
    );
    expect(judgeRule(chain, evidence({ ingesting: new Set(["okta"]) }, [a, chain]), policy)).toEqual({
      effective: false,
      why: "deprecated",
      sources: [],
    });
  });

  it("chain out-of-the-box definitions through their enabled instance, else the first", () => {
    const offFirst = logRule("i1", "source:okta", { enabled: false, default_rule_id: "def-1" });
    const onSecond = logRule("i2", "source:okta", { default_rule_id: "def-1" });
    const onlyOff = logRule("i3", "source:github", { enabled: false, default_rule_id: "def-2" });
    const chain = correlation("c", [], ["def-1", "def-2", "def-3"]);
    const ev = evidence({}, [offFirst, onSecond, onlyOff, chain]);
    expect(chainedRules(chain, ev)).toEqual([onSecond, onlyOff, null]);
    expect(ruleIndexes([offFirst, onSecond, onlyOff, chain]).rulesByDefaultId).toEqual(
      new Map([
        ["def-1", [offFirst, onSecond]],
        ["def-2", [onlyOff]],
      ]),
    );
    expect(ruleIndexes([offFirst, chain]).rulesById).toEqual(
      new Map([
        ["i1", offFirst],
        ["c", chain],
      ]),
    );
  });

  it("chain by id before by default id, and list only chaining queries", () => {
    const a = logRule("a", "source:okta", { default_rule_id: "def-a" });
    const b = logRule("b", "source:okta");
    const both = RuleQuery.parse({
      query: "",
      data_source: null,
      name: null,
      chained_rule_id: "b",
      chained_default_rule_id: "def-a",
    });
    const plain = RuleQuery.parse({ query: "source:okta", data_source: "logs", name: "p" });
    const rule = fromDetectionRule(detectionRule({ id: "c", type: "signal_correlation", queries: [plain, both] }));
    expect(chainedRules(rule, ruleIndexes([a, b, rule]))).toEqual([b]);
  });
});

describe("gathering the evidence from a snapshot", () => {
  it("reads ingesting sources in lower case, CWS hosts, and rules with at least one signal", () => {
    const snapshot = buildSnapshot({
      rules: { rules: [detectionRule({ id: "r1", query: "source:okta" })] },
      log_sources: logSources(sourceVolume("Okta", lastDays(2)), sourceVolume("github", [])),
      agents: { hosts: [host("h1"), host("h2", { cws_enabled: false }), host("h3")] },
      signals: signals({ by_rule: [signalRule("r1", 2), signalRule("r0", 0)] }),
    });
    const gathered = gatherEffectivenessEvidence(snapshot, policy);
    expect(gathered.period).toEqual(PERIOD);
    expect([...gathered.ingesting]).toEqual(["okta"]);
    expect([gathered.cwsHosts, gathered.totalHosts]).toEqual([2, 3]);
    expect([...gathered.fired]).toEqual(["r1"]);
    expect([...gathered.rulesById.keys()]).toEqual(["r1"]);
    expect(gatherEffectivenessEvidence(snapshot, policy)).toBe(gathered);
    // Another policy is gathered on its own: a 1-day window still sees the last day.
    const narrow = gatherEffectivenessEvidence(snapshot, EffectivenessPolicy.parse({ ingestion: { recent_days: 1 } }));
    expect(narrow).not.toBe(gathered);
    expect([...narrow.ingesting]).toEqual(["okta"]);
  });

  it("a failed part contributes nothing", () => {
    const snapshot = buildSnapshot({ log_sources: "error", agents: "error", signals: "error", rules: "error" });
    const gathered = gatherEffectivenessEvidence(snapshot, policy);
    expect([...gathered.ingesting]).toEqual([]);
    expect([gathered.cwsHosts, gathered.totalHosts]).toEqual([0, 0]);
    expect([...gathered.fired]).toEqual([]);
    expect(gathered.rulesById.size).toBe(0);
  });

  it("counts hosts running CWS", () => {
    expect(cwsHostCounts([host("a"), host("b", { cws_enabled: false })])).toEqual({ cwsHosts: 1, totalHosts: 2 });
    expect(cwsHostCounts([])).toEqual({ cwsHosts: 0, totalHosts: 0 });
  });
});
