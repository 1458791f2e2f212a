import { describe, expect, it } from "vitest";
import { ruleSources } from "../../src/assess/rule-sources.js";
import { fromAgentRule, fromDetectionRule } from "../../src/assess/security-rules.js";
import { RuleQuery } from "../../src/snapshot/schema.js";
import { agentRule, detectionRule } from "./fixtures/snapshot-builder.js";

const rule = (fields: Parameters<typeof detectionRule>[0]) => fromDetectionRule(detectionRule(fields));

describe("ruleSources", () => {
  it("reads the sources named in the queries, lower case, over all queries", () => {
    const r = rule({
      id: "a",
      tags: ["source:aws"],
      queries: [
        RuleQuery.parse({ query: "source:CloudTrail @evt.name:ConsoleLogin", data_source: "logs", name: "a" }),
        RuleQuery.parse({ query: "source:(okta OR gsuite)", data_source: null, name: "b" }),
      ],
    });
    expect(ruleSources(r)).toEqual({ kind: "query", sources: ["cloudtrail", "gsuite", "okta"] });
  });

  it("ignores queries over other data sources than logs", () => {
    const r = rule({
      id: "a",
      queries: [RuleQuery.parse({ query: "source:cloudtrail", data_source: "audit", name: "a" })],
      tags: ["source:okta"],
    });
    expect(ruleSources(r)).toEqual({ kind: "tag", sources: ["okta", "okta.*"] });
  });

  it("falls back to the source: tag, which stands for the integration and what is under it", () => {
    const r = rule({ id: "k", query: "@verb:create", tags: ["Source:Kubernetes"] });
    expect(ruleSources(r)).toEqual({ kind: "tag", sources: ["kubernetes", "kubernetes.*"] });
  });

  it("falls back to the tag when the query cannot be read", () => {
    const r = rule({ id: "k", query: "source:(cloudtrail", tags: ["source:cloudtrail"] });
    expect(ruleSources(r)).toEqual({ kind: "tag", sources: ["cloudtrail", "cloudtrail.*"] });
  });

  it("reports an unknown source, without throwing, for an unreadable query and no tag", () => {
    const result = ruleSources(rule({ id: "x", query: "source:(cloudtrail" }));
    expect(result.kind).toBe("unknown");
    expect(result.kind === "unknown" && result.reason).toMatch(/could not be read/);
  });

  it("reports an unknown source for a query without source: and no tag", () => {
    const result = ruleSources(rule({ id: "x", query: "@evt.name:foo" }));
    expect(result).toEqual({ kind: "unknown", reason: "its queries name no source: and it has no source: tag" });
  });

  it("gives agent rules no log source", () => {
    expect(ruleSources(fromAgentRule(agentRule({ id: "ag" }))).kind).toBe("unknown");
  });
});
