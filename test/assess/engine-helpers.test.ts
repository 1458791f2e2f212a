/** The engine's small shared helpers, value by value: messages, evidence caps, versions, tags, shares, parts. */
import { describe, expect, it } from "vitest";
import { isReadableVersion, versionAtLeast } from "../../src/assess/agent-version.js";
import {
  type CheckModule,
  capEvidence,
  checkResult,
  MAX_EVIDENCE_ITEMS,
  queryWindow,
} from "../../src/assess/check-contract.js";
import { CHECK_KINDS, checkModule } from "../../src/assess/checks/index.js";
import { meetsShare, percent, requiredPercent } from "../../src/assess/figures.js";
import { formatMessage, placeholdersOf } from "../../src/assess/message-format.js";
import { emptySummary, summarize } from "../../src/assess/rollup.js";
import { parentTechnique, taggedTactics, taggedTechniques } from "../../src/assess/rule-techniques.js";
import { describeResult, runCheck } from "../../src/assess/run-check.js";
import type { EvidenceRef } from "../../src/assess/schema.js";
import { failedCollectors, partData, partDataOrNull } from "../../src/assess/snapshot-parts.js";
import { Thresholds } from "../../src/config/schema.js";
import { buildSnapshot, detectionRule } from "./fixtures/snapshot-builder.js";

describe("message templates", () => {
  it("fills placeholders, spaces inside the braces allowed, lists joined by commas", () => {
    expect(formatMessage("{{a}} and {{ b }}: {{list}}", { a: 1, b: "two", list: ["x", "y"] })).toBe("1 and two: x, y");
  });
  it("shows an empty list and a null as none, and false as false", () => {
    expect(formatMessage("[{{list}}] [{{nothing}}] [{{flag}}]", { list: [], nothing: null, flag: false })).toBe(
      "[none] [none] [false]",
    );
  });
  it("throws on a placeholder without a figure, naming it and the template", () => {
    expect(() => formatMessage("{{a}} of {{b}}", { a: 1 })).toThrow(
      'message template needs "b" but the result has no such figure: {{a}} of {{b}}',
    );
  });
  it("lists a template's placeholders in order", () => {
    expect(placeholdersOf("{{a}} of {{ b_2 }} {{a}}")).toEqual(["a", "b_2", "a"]);
    expect(placeholdersOf("no figures")).toEqual([]);
  });
});

describe("evidence lists", () => {
  const refs = (n: number): EvidenceRef[] => Array.from({ length: n }, (_, i) => ({ type: "host", id: `h${i}` }));
  it("keeps 50 references as they are", () => {
    expect(MAX_EVIDENCE_ITEMS).toBe(50);
    expect(capEvidence(refs(50))).toEqual(refs(50));
  });
  it("cuts a longer list to 50 and says how many more there are, with the last one's type", () => {
    const list: EvidenceRef[] = [...refs(51), { type: "rule", id: "r" }];
    expect(capEvidence(list)).toEqual([...refs(50), { type: "rule", id: "…", label: "and 2 more" }]);
    expect(checkResult("fail", "x", {}, list).evidence).toHaveLength(51);
  });
  it("builds a result with no reason code unless given", () => {
    expect(checkResult("pass", "ok", { n: 1 }, [])).toEqual({
      status: "pass",
      messageId: "ok",
      data: { n: 1 },
      evidence: [],
      reasonCode: null,
    });
  });
  it("names the period as a query window", () => {
    expect(queryWindow(buildSnapshot())).toEqual({
      type: "query_window",
      id: "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z",
    });
  });
});

describe("running a check", () => {
  const ctx = { thresholds: Thresholds.parse({}) };
  it("finds registered kinds only, not properties every object has", () => {
    expect(checkModule("manual")?.meta.kind).toBe("manual");
    expect(checkModule("toString")).toBeUndefined();
    expect(checkModule("nope")).toBeUndefined();
    expect(CHECK_KINDS).toHaveLength(11);
  });
  it("reads only the parts the params make it read", () => {
    const detection = checkModule("detection_rules")!;
    const snapshot = buildSnapshot({ rules: { rules: [detectionRule({ id: "r1" })] }, log_sources: "error" });
    const overall = runCheck(detection, detection.params.parse({}), snapshot, ctx);
    expect([overall.status, overall.messageId]).toEqual(["pass", "enoughRules"]);
    const perSource = runCheck(detection, detection.params.parse({ per_ingesting_source: ["*"] }), snapshot, ctx);
    expect(perSource).toEqual({
      status: "unknown",
      messageId: "collectorFailed",
      data: { collectors: ["log_sources"], errors: "log_sources: log_sources request failed with HTTP 500" },
      evidence: [],
      reasonCode: "evidence_unavailable",
    });
  });
  it("refuses to describe a message id the kind does not declare", () => {
    const manual = checkModule("manual")!;
    expect(() => describeResult(manual, checkResult("manual", "bogus", {}, []))).toThrow(
      'check manual reported unknown message id "bogus"',
    );
    expect(
      describeResult(
        manual as CheckModule,
        checkResult("unknown", "collectorFailed", { collectors: ["x"], errors: "e" }, []),
      ),
    ).toBe("Evidence unavailable: the x collector failed (e), so this cannot be judged");
  });
});

describe("snapshot parts", () => {
  const snapshot = buildSnapshot({ agents: "error", dashboards: "error" });
  it("lists the failed parts among those asked for, in the order asked", () => {
    expect(failedCollectors(snapshot, ["dashboards", "rules", "agents"])).toEqual([
      { id: "dashboards", error: "dashboards request failed with HTTP 500" },
      { id: "agents", error: "agents request failed with HTTP 500" },
    ]);
  });
  it("reads an ok part, and refuses to read a failed one", () => {
    expect(partData(snapshot, "rules")).toEqual({ rules: [] });
    expect(() => partData(snapshot, "agents")).toThrow("the agents part was read although its collector failed");
    expect(partDataOrNull(snapshot, "agents")).toBeNull();
    expect(partDataOrNull(snapshot, "rules")).toEqual({ rules: [] });
  });
});

describe("agent versions", () => {
  it("reads a leading v and surrounding spaces, and compares part by part", () => {
    expect(versionAtLeast(" v7.50.1 ", "7.50")).toBe(true);
    expect(versionAtLeast("7.50", "7.50.1")).toBe(false);
    expect(versionAtLeast("8", "7.99.99")).toBe(true);
    expect(versionAtLeast("7.51.0", "7.50.9")).toBe(true);
    expect(versionAtLeast("7.50.0", "x")).toBe(false);
  });
  it("knows a readable version", () => {
    expect(isReadableVersion("7.50.0")).toBe(true);
    expect(isReadableVersion("v7")).toBe(true);
    expect(isReadableVersion("latest")).toBe(false);
    expect(isReadableVersion("")).toBe(false);
  });
});

describe("ATT&CK tags", () => {
  it("reads a technique id followed by a dash or nothing, never a longer id", () => {
    expect(taggedTechniques(["technique:T1110", " technique:T1078-valid "])).toEqual(["T1078", "T1110"]);
    expect(
      taggedTechniques(["technique:T11100", "technique:T1110x", "xtechnique:T1110", "technique:T1110.01"]),
    ).toEqual([]);
  });
  it("names a sub-technique's parent, and none for a technique", () => {
    expect(parentTechnique("T1110.001")).toBe("T1110");
    expect(parentTechnique("T1110")).toBeNull();
  });
  it("reads a tactic with or without its shortname, trimmed, and nothing else", () => {
    expect(taggedTactics([" tactic:TA0001 ", "tactic:TA0002-Execution"])).toEqual(["execution", "ta0001", "ta0002"]);
    expect(taggedTactics(["tactic:TA00011", "tactic:TA0001 x", "xtactic:TA0001", "tactic:TA0003-"])).toEqual([]);
  });
});

describe("shares and summaries", () => {
  it("never meets a share of an empty or negative population", () => {
    expect(meetsShare(1, 0, 0)).toBe(false);
    expect(meetsShare(0, -1, 0)).toBe(false);
    expect(meetsShare(0, 5, 0)).toBe(true);
    expect(meetsShare(5, 5, 1)).toBe(true);
  });
  it("shows percentages of an empty population as 0, and requirements to one decimal", () => {
    expect(percent(3, 0)).toBe(0);
    expect(percent(0, 7)).toBe(0);
    expect(percent(1, 8)).toBe(12.5);
    expect(requiredPercent(0.955)).toBe(95.5);
    expect(requiredPercent(0.9)).toBe(90);
    expect(requiredPercent(0)).toBe(0);
  });
  it("counts statuses", () => {
    expect(summarize(["pass", "pass", "fail", "not_applicable"])).toEqual({
      ...emptySummary(),
      pass: 2,
      fail: 1,
      not_applicable: 1,
    });
    expect(emptySummary()).toEqual({
      pass: 0,
      partial: 0,
      fail: 0,
      unknown: 0,
      manual: 0,
      accepted: 0,
      not_applicable: 0,
    });
  });
});
