/**
 * The words and tables every report shares, pinned exactly: the ATT&CK score
 * ladder's labels, meanings and colours, the gap reason labels, the sentence
 * for each technique reason (and which rules it names), and how OSCAL groups
 * evidence by pack file with a label per evidence type.
 */
import { describe, expect, it } from "vitest";
import { type EvidenceRef, ReasonCode, TechniqueResult } from "../../../src/assess/schema.js";
import { ATTACK_SCORE_SCALE } from "../../../src/report/attack-score-scale.js";
import { evidenceFilesOf, evidenceRefText } from "../../../src/report/evidence-refs.js";
import { GAP_REASON_LABELS } from "../../../src/report/gaps.js";
import { relevantEvidence } from "../../../src/report/oscal-evidence.js";
import { techniqueReason } from "../../../src/report/technique-reason.js";
import { assessed } from "./fixtures/report-input.js";

describe("the ATT&CK score ladder", () => {
  it("has six steps, each with its label and colour, pale yellow to dark blue", () => {
    expect(ATTACK_SCORE_SCALE.map((step) => [step.score, step.label, step.color])).toEqual([
      [0, "No coverage", "#ffffcc"],
      [1, "Visibility only", "#c7e9b4"],
      [2, "Paper coverage", "#7fcdbb"],
      [3, "Effective", "#41b6c4"],
      [4, "Validated", "#2c7fb8"],
      [5, "Operated", "#253494"],
    ]);
  });

  it("says what each step means", () => {
    expect(ATTACK_SCORE_SCALE.map((step) => `${step.score}: ${step.meaning}`).join("\n")).toBe(
      [
        "0: no enabled rule, and no ingesting source that ATT&CK says can see it",
        "1: an ingesting source matches a log source of the technique's analytics",
        "2: an enabled rule exists, but none is effective",
        "3: an enabled rule whose source is ingesting (or whose hosts run Workload Protection)",
        "4: an effective rule fired in the period",
        "5: two or more effective rules, one fired, and its high/critical signals met the triage SLA",
      ].join("\n"),
    );
  });
});

describe("gap reason labels", () => {
  it("reads each reason code as its words, capitalised, with SLA in capitals", () => {
    for (const code of ReasonCode.options) {
      const words = code.replaceAll("_", " ").replace("sla", "SLA");
      expect(GAP_REASON_LABELS[code], code).toBe(words.charAt(0).toUpperCase() + words.slice(1));
    }
    expect(Object.keys(GAP_REASON_LABELS)).toHaveLength(ReasonCode.options.length);
  });
});

describe("techniqueReason", () => {
  const technique = (reason: ReasonCode, rules: Partial<TechniqueResult["rules"]>, score = 2) =>
    TechniqueResult.parse({
      id: "T1078",
      name: "Valid Accounts",
      tactics: ["initial-access"],
      parent: null,
      score,
      rules: { enabled: ["r-a", "r-b", "r-c"], effective: ["r-b", "r-c"], fired: ["r-c"], ...rules },
      visibility: { sources: ["okta", "cloudtrail"], log_sources: [] },
      reason,
      disposition: null,
      attestations: [],
    });
  const sentence = (reason: ReasonCode, rules: Partial<TechniqueResult["rules"]> = {}, score?: number) =>
    techniqueReason(technique(reason, rules, score), { missing_evidence: ["signals", "audit"] });

  it("has one sentence per reason, with the rules that got furthest up the ladder", () => {
    expect(sentence("covered", {}, 4)).toBe("Covered at score 4: 2 effective rule(s), 1 fired in the period");
    expect(sentence("no_rule")).toBe(
      "No enabled rule detects this technique; ingesting sources that can see it: okta, cloudtrail",
    );
    expect(sentence("rule_disabled")).toBe(
      "Only disabled rules detect this technique; ingesting sources that can see it: okta, cloudtrail",
    );
    expect(sentence("source_silent", { effective: [], fired: [] })).toBe(
      "3 enabled rule(s) (r-a, r-b, r-c) but none is effective: the log sources they read are not ingesting",
    );
    expect(sentence("agents_missing", { effective: [], fired: [] })).toBe(
      "3 enabled Workload Protection rule(s) (r-a, r-b, r-c) but too few hosts run the Workload Protection agent",
    );
    expect(sentence("rule_deprecated", { effective: [], fired: [] })).toBe(
      "3 enabled rule(s) (r-a, r-b, r-c) but Datadog deprecated every one of them, so none counts as effective",
    );
    expect(sentence("never_fired", { fired: [] })).toBe("2 effective rule(s) (r-b, r-c) but none fired in the period");
    expect(sentence("single_rule")).toBe("Rule r-c fired, but score 5 needs a second effective rule");
    expect(sentence("triage_sla_missed")).toBe(
      "Effective rules fired (r-c) but their high and critical signals missed the triage SLA",
    );
    expect(sentence("evidence_unavailable", {}, 1)).toBe(
      "Score 1 is a lower bound: the signals, audit collector(s) failed",
    );
  });

  it("falls back to the score and the reason code for a reason without a sentence", () => {
    expect(sentence("retention_short", {}, 3)).toBe("Score 3 (retention_short)");
  });

  it("names deprecated and beta rules after the sentence, deprecated first", () => {
    expect(sentence("single_rule", { deprecated: ["r-a"], beta: ["r-b", "r-c"] })).toBe(
      "Rule r-c fired, but score 5 needs a second effective rule" +
        " (deprecated by Datadog, never counted effective: r-a; beta, counted normally: r-b, r-c)",
    );
  });
});

describe("evidence as reports print it", () => {
  const { snapshot } = assessed();

  it("writes a reference as type:id", () => {
    expect(evidenceRefText({ type: "source", id: "okta", label: "ignored" })).toBe("source:okta");
  });

  it("names each pack file behind the references once, in the order first referenced", () => {
    const refs: EvidenceRef[] = [
      { type: "source", id: "okta" },
      { type: "rule", id: "r-1" },
      { type: "index", id: "main" },
      { type: "source", id: "cloudtrail" },
      { type: "host", id: "web-1" },
      { type: "rule", id: "r-2" },
    ];
    expect(evidenceFilesOf(refs, snapshot)).toEqual([
      "populations/log-sources.csv",
      "populations/rules.csv",
      "populations/agents.csv",
    ]);
  });

  it("groups OSCAL evidence by pack file, then by type, with a label per type", () => {
    const refs: EvidenceRef[] = [
      { type: "rule", id: "r-1" },
      { type: "index", id: "main" },
      { type: "archive", id: "s3-archive" },
      { type: "rule", id: "r-2", label: "Brute force" },
      { type: "suppression", id: "sup-1" },
      { type: "notification_rule", id: "nr-1" },
      { type: "dashboard", id: "dash-1" },
      { type: "query_window", id: "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z" },
      { type: "host", id: "web-1" },
      { type: "source", id: "okta" },
      { type: "signals", id: "high" },
      { type: "attestation", id: "alice 2026-09-01", label: "reviewed" },
      { type: "attestation", id: "https://tickets.example/SEC-1" },
      { type: "attestation", id: "HTTP://wiki.example/page" },
      { type: "attestation", id: "ftp://files.example/x" },
    ];
    expect(relevantEvidence(refs, snapshot)).toEqual([
      { href: "populations/rules.csv", description: "Rules: r-1, r-2 (Brute force)" },
      {
        href: "snapshot.json",
        description:
          "Log indexes: main; Log archives: s3-archive; Suppressions: sup-1; Notification rules: nr-1; Dashboards: dash-1; Query window: 2026-07-01T00:00:00Z/2026-10-01T00:00:00Z",
      },
      { href: "populations/agents.csv", description: "Hosts: web-1" },
      { href: "populations/log-sources.csv", description: "Log sources: okta" },
      { href: "populations/signals.csv", description: "Signals: high" },
      { href: "assessment.json", description: "Attestations: alice 2026-09-01 (reviewed), ftp://files.example/x" },
      { href: "https://tickets.example/SEC-1", description: "Attestations: https://tickets.example/SEC-1" },
      { href: "HTTP://wiki.example/page", description: "Attestations: HTTP://wiki.example/page" },
    ]);
  });
});
