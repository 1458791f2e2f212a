/**
 * The ATT&CK scoring at its edges: which gap rung 2 blames for each mix of
 * ineffective rules, the visibility index with and without Workload
 * Protection, and rung 5 reached through any one of several fired rules.
 */
import { describe, expect, it } from "vitest";
import { assessAttack } from "../../src/assess/attack/assess-attack.js";
import { ladderReason, type TechniqueFacts } from "../../src/assess/attack/ladder.js";
import { buildVisibilityIndex, visibilityOf } from "../../src/assess/attack/visibility.js";
import { Thresholds } from "../../src/config/schema.js";
import { ATTACK, SOURCE_MAP } from "./fixtures/catalogs.js";
import type { PartOverrides } from "./fixtures/snapshot-builder.js";
import {
  buildSnapshot,
  detectionRule,
  firstDays,
  lastDays,
  logSources,
  signalRule,
  signals,
  sourceVolume,
  triageStats,
} from "./fixtures/snapshot-builder.js";

const rung2 = (agents_missing: number, deprecated: number, other: number): TechniqueFacts => ({
  enabled: agents_missing + deprecated + other,
  disabled: 0,
  effective: 0,
  fired: 0,
  firedWithinSla: false,
  ineffective: { agents_missing, deprecated, other },
  visible: true,
});

describe("the gap blamed at rung 2", () => {
  it.each([
    [rung2(0, 1, 0), "rule_deprecated"],
    [rung2(0, 2, 0), "rule_deprecated"],
    [rung2(0, 1, 1), "source_silent"],
    [rung2(1, 1, 0), "source_silent"],
    [rung2(1, 0, 0), "agents_missing"],
    [rung2(2, 0, 0), "agents_missing"],
    [rung2(1, 0, 1), "source_silent"],
    [rung2(0, 0, 1), "source_silent"],
    [rung2(1, 1, 1), "source_silent"],
  ])("%o → %s", (facts, reason) => {
    expect(ladderReason(2, facts, 3, false)).toBe(reason);
  });
});

describe("the visibility index", () => {
  it("adds the Workload Protection rows only when Workload Protection is on", () => {
    const off = buildVisibilityIndex(SOURCE_MAP, new Set(["cloudtrail"]), false);
    expect([...off.entries()].map(([name, sources]) => [name, [...sources]])).toEqual([
      ["aws:cloudtrail", ["cloudtrail"]],
    ]);
    const on = buildVisibilityIndex(SOURCE_MAP, new Set(["cloudtrail"]), true);
    expect([...on.entries()].map(([name, sources]) => [name, [...sources]])).toEqual([
      ["aws:cloudtrail", ["cloudtrail"]],
      ["ebpf:syscalls", ["runtime-security-agent"]],
    ]);
  });

  it("lists the sources and the log sources seen in order, each once", () => {
    const index = buildVisibilityIndex(SOURCE_MAP, new Set(["okta", "windows.security", "cloudtrail"]), true);
    expect(
      visibilityOf(["WinEventLog:Security", "SAAS:Okta", "ebpf:syscalls", "AWS:CloudTrail", "SAAS:Okta"], index),
    ).toEqual({
      sources: ["cloudtrail", "okta", "runtime-security-agent", "windows.security"],
      log_sources: ["AWS:CloudTrail", "SAAS:Okta", "WinEventLog:Security", "ebpf:syscalls"],
    });
    expect(visibilityOf(["Application:Mail"], index)).toEqual({ sources: [], log_sources: [] });
  });
});

describe("rung 5 through several fired rules", () => {
  const cloudtrailRule = (id: string) =>
    detectionRule({ id, query: "source:cloudtrail", tags: ["technique:T1078-valid-accounts"] });
  const score = (parts: PartOverrides) =>
    assessAttack({
      snapshot: buildSnapshot(parts),
      catalog: ATTACK,
      sourceMap: SOURCE_MAP,
      attestations: [],
      thresholds: Thresholds.parse({ attack_gap_below: 5 }),
    }).techniques.find((technique) => technique.id === "T1078")!;

  it("is reached when one fired rule met the SLA and another missed it", () => {
    const result = score({
      rules: { rules: [cloudtrailRule("late"), cloudtrailRule("prompt")] },
      log_sources: logSources(sourceVolume("cloudtrail", lastDays(7))),
      signals: signals({
        by_rule: [
          signalRule("late", 2, { high_critical: triageStats([0, 0, 0, 2]) }),
          signalRule("prompt", 2, { high_critical: triageStats([2]) }),
        ],
      }),
    });
    expect([result.score, result.reason, result.rules.fired]).toEqual([5, "covered", ["late", "prompt"]]);
  });
});

describe("rung 2 through the snapshot", () => {
  it("blames the silent source, not deprecation, when a deprecated rule sits beside a silent one", () => {
    const result = assessAttack({
      snapshot: buildSnapshot({
        rules: {
          rules: [
            detectionRule({ id: "silent", query: "source:cloudtrail", tags: ["technique:T1078-valid-accounts"] }),
            detectionRule({
              id: "old",
              query: "source:cloudtrail",
              tags: ["technique:T1078-valid-accounts"],
              is_deprecated: true,
            }),
          ],
        },
        log_sources: logSources(sourceVolume("cloudtrail", firstDays(30))),
      }),
      catalog: ATTACK,
      sourceMap: SOURCE_MAP,
      attestations: [],
      thresholds: Thresholds.parse({}),
    }).techniques.find((technique) => technique.id === "T1078")!;
    expect([result.score, result.reason, result.rules.deprecated]).toEqual([2, "source_silent", ["old"]]);
  });
});
