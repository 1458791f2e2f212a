import { describe, expect, it } from "vitest";
import { computeChanges } from "../../../src/report/changes.js";
import type { PreviousRun } from "../../../src/report/contract.js";
import {
  agentRule,
  detectionRule,
  lastDays,
  logSources,
  sourceVolume,
} from "../../assess/fixtures/snapshot-builder.js";
import { assessed, type FixtureOptions } from "./fixtures/report-input.js";

/** The night before: okta still ingesting, windows logs not yet, r-phish on, r-formula off, r-old still there, r-valid not yet. */
function lastNight(options: FixtureOptions = {}): PreviousRun {
  const { snapshot, assessment } = assessed({
    collectedAt: "2026-09-30T06:00:00Z",
    parts: {
      rules: {
        rules: [
          detectionRule({
            id: "r-brute",
            name: "Brute force on Windows",
            tags: ["technique:T1110-brute-force"],
            query: "source:windows.security",
          }),
          detectionRule({
            id: "r-phish",
            name: "Phishing link clicked",
            tags: ["technique:T1566-phishing"],
            query: "source:mail",
          }),
          detectionRule({
            id: "r-formula",
            name: "Formula",
            enabled: false,
            tags: ["technique:T1059-command"],
            query: "source:silent-src",
          }),
          detectionRule({ id: "r-old", name: "Old rule", query: "source:cloudtrail" }),
        ],
      },
      log_sources: logSources(sourceVolume("cloudtrail", lastDays(92)), sourceVolume("okta", lastDays(92))),
      ...options.parts,
    },
  });
  return { snapshot, assessment, label: "2026-09-30-nightly" };
}

describe("computeChanges", () => {
  const changes = computeChanges(assessed(), lastNight());

  it("names the previous run", () => {
    expect(changes.previous).toEqual({
      label: "2026-09-30-nightly",
      collected_at: "2026-09-30T06:00:00Z",
      period: "2026-Q3",
    });
  });

  it("lists rules added, removed, enabled and disabled", () => {
    expect(changes.rules_added).toEqual([{ id: "r-valid", name: "Root login", type: "log_detection" }]);
    expect(changes.rules_removed).toEqual([{ id: "r-old", name: "Old rule", type: "log_detection" }]);
    expect(changes.rules_enabled).toEqual([
      { id: "r-formula", name: '=HYPERLINK("http://x","y")', type: "log_detection" },
    ]);
    expect(changes.rules_disabled).toEqual([{ id: "r-phish", name: "Phishing link clicked", type: "log_detection" }]);
  });

  it("lists sources gone silent and back, by the assessment's definition of ingesting", () => {
    expect(changes.sources_silent).toEqual(["okta"]);
    expect(changes.sources_back).toEqual(["windows.security"]);
  });

  it("splits gaps into new, closed and changed by key", () => {
    expect(changes.new_gaps.map((gap) => `${gap.framework}:${gap.id}`)).toEqual(["test-fw:2.1"]);
    expect(changes.closed_gaps.map((gap) => `${gap.framework}:${gap.id}`)).toEqual(["mitre-attack:T1078"]);
    expect(changes.closed_gaps[0]).toMatchObject({ reason_code: "no_rule", score: 1 });
    expect(changes.changed_gaps.map(({ key, before, after }) => ({ key, before, after }))).toEqual([
      { key: "mitre-attack:T1566", before: "source_silent", after: "rule_disabled" },
      { key: "mitre-attack:T1059", before: "rule_disabled", after: "source_silent" },
    ]);
    expect(changes.changed_gaps[1]!.gap).toMatchObject({ score: 2, status: "score 2" });
  });

  it("counts coverage before and after", () => {
    expect(changes.coverage).toEqual({
      attack_covered_before: 1,
      attack_covered_after: 2,
      controls_passing_before: { "test-fw": 2 },
      controls_passing_after: { "test-fw": 1 },
    });
    expect(changes.notes).toEqual([]);
  });

  it("compares agent rules too", () => {
    const before = lastNight({
      parts: { agent_rules: { agent_rules: [agentRule({ id: "a-nc", name: "Netcat executed", enabled: true })] } },
    });
    expect(computeChanges(assessed(), before).rules_disabled).toEqual([
      { id: "a-nc", name: "Netcat executed", type: "workload_security" },
      { id: "r-phish", name: "Phishing link clicked", type: "log_detection" },
    ]);
  });
});

describe("computeChanges with failed collectors", () => {
  it("lists no detection-rule changes when the rules collector failed, and says so", () => {
    const changes = computeChanges(assessed(), lastNight({ parts: { rules: "error" } }));
    expect(changes.rules_added).toEqual([]);
    expect(changes.rules_removed).toEqual([]);
    expect(changes.rules_enabled).toEqual([]);
    expect(changes.rules_disabled).toEqual([]);
    expect(changes.notes).toEqual([
      "Detection rules are not compared: the rules collector failed in the previous snapshot",
    ]);
  });

  it("lists no source changes when log sources failed in either run", () => {
    const changes = computeChanges(
      assessed({ parts: { log_sources: "error" } }),
      lastNight({ parts: { log_sources: "error" } }),
    );
    expect(changes.sources_silent).toEqual([]);
    expect(changes.sources_back).toEqual([]);
    expect(changes.notes).toEqual([
      "Log sources are not compared: the log_sources collector failed in the current and previous snapshot",
    ]);
    // Rules still compare: only the failed part is left out.
    expect(changes.rules_added.map((rule) => rule.id)).toEqual(["r-valid"]);
  });

  it("notes when ATT&CK was assessed in only one run", () => {
    const previous = lastNight();
    const current = assessed({ frameworks: ["test-fw"] });
    const changes = computeChanges(current, previous);
    expect(changes.coverage).toMatchObject({ attack_covered_before: 1, attack_covered_after: 0 });
    expect(changes.notes).toEqual(["ATT&CK was not assessed in the current run; its covered count is 0 there"]);
    // Every technique gap of last night is closed, because none is reported now.
    expect(changes.closed_gaps.map((gap) => `${gap.id} ${gap.status}`)).toEqual([
      "T1059 score 1",
      "T1078 score 1",
      "T1110.001 score 1",
      "T1566 score 2",
    ]);
  });

  it("is pure: the same runs give equal results and the runs are left as they were", () => {
    const previous = lastNight();
    const current = assessed();
    const untouched = structuredClone({ previous, current });
    expect(computeChanges(current, previous)).toEqual(computeChanges(current, previous));
    expect({ previous, current }).toEqual(untouched);
  });
});
