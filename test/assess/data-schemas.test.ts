/**
 * The engine's small readers at their edges: data-file error paths and the
 * cap on listed problems, the mapping and result schemas,
 * Agent version comparison, a rule's sources from tags and queries, and the
 * engine's own refusals and warnings.
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { versionAtLeast } from "../../src/assess/agent-version.js";
import { dataPath, parseDataFile } from "../../src/assess/data-file-errors.js";
import { assess } from "../../src/assess/index.js";
import { MappingEntry, MappingFile } from "../../src/assess/mapping-schema.js";
import { ruleSources } from "../../src/assess/rule-sources.js";
import { AttackScore, TechniqueResult } from "../../src/assess/schema.js";
import { fromDetectionRule } from "../../src/assess/security-rules.js";
import { FrameworkCatalog } from "../../src/catalogs/schema.js";
import { Thresholds } from "../../src/config/schema.js";
import { RuleQuery, Snapshot } from "../../src/snapshot/schema.js";
import { ATTACK, FRAMEWORK, SOURCE_MAP } from "./fixtures/catalogs.js";
import { buildSnapshot, detectionRule } from "./fixtures/snapshot-builder.js";

describe("data file errors", () => {
  it("write plain keys with dots and others in brackets, anchored at both ends", () => {
    expect(dataPath(["controls", "10.2.1", 0, "params"])).toBe('controls["10.2.1"][0].params');
    expect(dataPath(["x", "a-b", "1a", "_ok9"])).toBe('x["a-b"]["1a"]._ok9');
    expect(dataPath([])).toBe("(top level)");
  });
  it("list at most 20 problems, one line each, and count the rest", () => {
    const error = (() => {
      try {
        parseDataFile(
          z.array(z.string()),
          Array.from({ length: 25 }, (_, i) => i),
          "f.yaml",
        );
      } catch (caught) {
        return (caught as Error).message.split("\n");
      }
      return [];
    })();
    expect(error).toHaveLength(21);
    expect(error[0]).toBe("f.yaml: [0]: Invalid input: expected string, received number");
    expect(error[19]).toBe("f.yaml: [19]: Invalid input: expected string, received number");
    expect(error[20]).toBe("f.yaml: … and 5 more problems");
    expect(() =>
      parseDataFile(
        z.array(z.string()),
        Array.from({ length: 20 }, (_, i) => i),
        "f.yaml",
      ),
    ).toThrow(/\[19\]: Invalid input: expected string, received number$/);
  });
});

describe("mapping entries", () => {
  const issues = (value: unknown) =>
    MappingEntry.safeParse(value).error?.issues.map((issue) => [issue.path, issue.message]) ?? [];
  it("name an unknown kind with every known one, and a bad parameter at its path under params", () => {
    const [[path, message]] = issues({ kind: "nope", rationale: "r" }) as [[unknown, string]];
    expect(path).toEqual(["kind"]);
    expect(message).toMatch(/^unknown check kind "nope"; expected one of agent_coverage, .*, suppression_hygiene/);
    expect(issues({ kind: "log_source", params: { sources: ["a"], min_days_share: 2 }, rationale: "r" })).toEqual([
      [["params", "min_days_share"], "Too big: expected number to be <=1"],
    ]);
  });
  it("refuse a blank rationale, and take several entries for a control", () => {
    expect(issues({ kind: "manual", rationale: "  " })).toHaveLength(1);
    const entry = { kind: "manual", rationale: "r" };
    expect(MappingFile.safeParse({ framework: "f", controls: { "1": [entry, entry] } }).success).toBe(true);
    expect(MappingFile.safeParse({ framework: "f", controls: { "1": [] } }).success).toBe(false);
    expect(MappingFile.safeParse({ framework: " ", controls: {} }).success).toBe(false);
  });
});

describe("result schemas", () => {
  it("score ATT&CK from 0 to 5 in whole steps", () => {
    expect([0, 5, -1, 6, 2.5].map((score) => AttackScore.safeParse(score).success)).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });
  it("read an older technique result without deprecated and beta lists as naming none", () => {
    const technique = {
      id: "T1",
      name: "n",
      tactics: [],
      parent: null,
      score: 0,
      rules: { enabled: [], effective: [], fired: [] },
      visibility: { sources: [], log_sources: [] },
      reason: "no_rule",
      disposition: null,
      attestations: [],
    };
    const parsed = TechniqueResult.safeParse(technique);
    expect(parsed.error).toBeUndefined();
    expect([parsed.data?.rules.deprecated, parsed.data?.rules.beta]).toEqual([[], []]);
  });
});

describe("Agent versions", () => {
  it("read from the start only, with every digit of each part", () => {
    expect(versionAtLeast("10.0.0", "9.1")).toBe(true);
    expect(versionAtLeast("7.10.0", "7.9.0")).toBe(true);
    expect(versionAtLeast("build-7.60.0", "7.0.0")).toBe(false);
    expect(versionAtLeast("v7.60.0", "7.60")).toBe(true);
  });
});

describe("a rule's sources", () => {
  const rule = (fields: Parameters<typeof detectionRule>[0]) => fromDetectionRule(detectionRule(fields));
  it("sorts the sources of several queries", () => {
    const r = rule({
      id: "q",
      queries: [
        RuleQuery.parse({ query: "source:okta", data_source: "logs", name: "a" }),
        RuleQuery.parse({ query: "source:cloudtrail", data_source: "logs", name: "b" }),
      ],
    });
    expect(ruleSources(r)).toEqual({ kind: "query", sources: ["cloudtrail", "okta"] });
  });
  it("reads source: tags whole, trimmed and sorted, and no tag that only contains source:", () => {
    const r = rule({ id: "t", tags: [" source:Zeek ", "source: Apache", "team:source:okta"] });
    expect(ruleSources(r)).toEqual({ kind: "tag", sources: ["apache", "apache.*", "zeek", "zeek.*"] });
  });
});

describe("the engine", () => {
  const other = FrameworkCatalog.parse({ ...FRAMEWORK, id: "other-fw", name: "Other framework" });
  const input = (frameworks: string[], catalogs = [FRAMEWORK, other], snapshot = buildSnapshot()) => ({
    snapshot,
    catalogs,
    attack: null,
    mappings: {},
    sourceMap: SOURCE_MAP,
    attestations: [],
    thresholds: Thresholds.parse({}),
    frameworks,
  });
  it("judges each framework by its own catalog, in the order asked", () => {
    expect(assess(input(["other-fw", "test-fw"])).frameworks.map((f) => [f.id, f.name])).toEqual([
      ["other-fw", "Other framework"],
      ["test-fw", "Test framework"],
    ]);
  });
  it("refuses a framework or ATT&CK whose catalog was not loaded", () => {
    expect(() => assess(input(["nope"]))).toThrow("framework nope was requested but its catalog was not loaded");
    expect(() => assess(input(["mitre-attack"]))).toThrow(
      "mitre-attack was requested but the ATT&CK catalog was not loaded",
    );
    expect(assess({ ...input(["mitre-attack"]), attack: ATTACK }).attack?.version).toBe("18.1");
  });
  it("keeps each collector's warnings, named by the collector", () => {
    const base = buildSnapshot();
    const snapshot = Snapshot.parse({
      ...base,
      collectors: { ...base.collectors, rules: { ...base.collectors.rules, warnings: ["rule #3 has no id"] } },
    });
    expect(assess(input(["test-fw"], [FRAMEWORK], snapshot)).snapshot_warnings).toEqual(["rules: rule #3 has no id"]);
  });
});
