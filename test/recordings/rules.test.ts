/**
 * The rules collector on real recorded rule bodies: Datadog's default rules
 * as ddproof pages them, and custom rules of every type and detection method.
 * Each snapshot field is checked against what the wire says.
 */
import { describe, expect, it } from "vitest";
import { ruleSources } from "../../src/assess/rule-sources.js";
import { fromDetectionRule } from "../../src/assess/security-rules.js";
import type { DetectionRule } from "../../src/snapshot/schema.js";
import { isoMs, okData, useRecordedCollection, utcPeriod } from "../helpers/collect-recorded.js";
import { bodyOf, loadRecording, recordedItems } from "../helpers/recordings.js";
import { composedListRoute, recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;
const RULES_PATH = "/api/v2/security_monitoring/rules";
const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");

/** A wire number the snapshot keeps as is (seconds), or null. */
const numberOrNull = (value: unknown): number | null => (typeof value === "number" ? value : null);

/** What the snapshot must hold for a rule (schema 2), read straight from its wire JSON. */
function expectedRule(wire: Wire): DetectionRule {
  const list = (value: unknown) => (Array.isArray(value) ? (value as Wire[]) : []);
  const options = wire.options as Wire | undefined;
  return {
    id: wire.id as string,
    name: wire.name as string,
    type: wire.type as string,
    enabled: wire.isEnabled === true,
    is_default: wire.isDefault === true,
    tags: (wire.tags as string[] | undefined) ?? [],
    cases: list(wire.cases).map((ruleCase) => ({
      name: (ruleCase.name as string | undefined) ?? null,
      severity: ruleCase.status as string,
      notifications: (ruleCase.notifications as string[] | undefined) ?? [],
      condition: (ruleCase.condition as string | undefined) ?? null,
    })),
    queries: list(wire.queries).map((query) => ({
      query: (query.query as string | undefined) ?? "",
      data_source: (query.dataSource as string | undefined) ?? null,
      name: (query.name as string | undefined) ?? null,
      chained_rule_id: (query.ruleId as string | undefined) ?? null,
      chained_default_rule_id: (query.defaultRuleId as string | undefined) ?? null,
      correlated_by: (query.correlatedByFields as string[] | undefined) ?? [],
    })),
    created_at: typeof wire.createdAt === "number" ? isoMs(wire.createdAt) : null,
    updated_at: typeof wire.updatedAt === "number" ? isoMs(wire.updatedAt) : null,
    options: options
      ? {
          detection_method: (options.detectionMethod as string | undefined) ?? null,
          evaluation_window_s: numberOrNull(options.evaluationWindow),
          keep_alive_s: numberOrNull(options.keepAlive),
          max_signal_duration_s: numberOrNull(options.maxSignalDuration),
        }
      : null,
    is_deprecated: wire.isDeprecated === true,
    is_beta: wire.isBeta === true,
    default_rule_id: (wire.defaultRuleId as string | undefined) ?? null,
    unparsed: false,
  };
}

describe("Datadog's default rules, paged as ddproof pages them (Terraform provider recording)", () => {
  const recording = loadRecording("rules", "default-rules-paged");
  const wire = recordedItems<Wire>(recording, "data");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["rules"],
    period: PERIOD,
    now: NOW,
  }));

  it("asks page 0 then page 1 of 100, stops on the short page, and is ok", () => {
    expect(run().parts.rules.status).toBe("ok");
    expect(run().requests.map((request) => [request.method, request.path, request.query])).toEqual([
      ["GET", RULES_PATH, { "page[size]": "100", "page[number]": "0" }],
      ["GET", RULES_PATH, { "page[size]": "100", "page[number]": "1" }],
    ]);
    // The recording asked exactly the same.
    expect(recording.exchanges.map((exchange) => exchange.request.query)).toEqual([
      { "page[number]": "0", "page[size]": "100" },
      { "page[number]": "1", "page[size]": "100" },
    ]);
  });

  it("keeps every recorded rule, each field as the wire says", () => {
    const { rules } = okData(run().parts, "rules");
    expect(wire.length).toBeGreaterThan(100);
    expect(rules.map((rule) => rule.id).sort()).toEqual(wire.map((rule) => rule.id as string).sort());
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    for (const wireRule of wire) {
      const expected = expectedRule(wireRule);
      expect(byId.get(wireRule.id as string), wireRule.id as string).toEqual(expected);
    }
    expect(run().parts.rules.warnings).toEqual([]);
  });

  it("holds every rule type and detection method the recording has", () => {
    const { rules } = okData(run().parts, "rules");
    const types = new Set(rules.map((rule) => rule.type));
    expect([...types].sort()).toEqual([
      "application_security",
      "cloud_configuration",
      "infrastructure_configuration",
      "log_detection",
      "signal_correlation",
    ]);
    const methods = new Set(wire.map((rule) => (rule.options as Wire | undefined)?.detectionMethod));
    expect([...methods].sort()).toEqual([
      "anomaly_detection",
      "impossible_travel",
      "new_value",
      "third_party",
      "threshold",
    ]);
  });

  it("reads a deprecated default rule as deprecated and disabled, as the wire has it (README defect 6)", () => {
    const { rules } = okData(run().parts, "rules");
    const deprecated = wire.filter((rule) => rule.isDeprecated === true);
    expect(deprecated).toHaveLength(1);
    expect(rules.filter((rule) => rule.is_deprecated).map((rule) => rule.id)).toEqual(["def-000-vfj"]);
    expect(rules.find((rule) => rule.id === "def-000-vfj")).toMatchObject({
      name: "AWS S3 Object encryption with SSE-C",
      enabled: false,
      is_default: true,
      is_deprecated: true,
      is_beta: false,
      default_rule_id: "def-000-vfj",
      updated_at: "2026-04-06T13:12:10.492Z",
    });
  });

  it("keeps isBeta, defaultRuleId and options as the wire says (README defect 6)", () => {
    const { rules } = okData(run().parts, "rules");
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    expect(
      rules
        .filter((rule) => rule.is_beta)
        .map((rule) => rule.id)
        .sort(),
    ).toEqual(["def-000-1sc", "def-000-8qc", "def-000-h6a", "def-000-nlb"]);
    expect(rules.filter((rule) => rule.default_rule_id !== null)).toHaveLength(152);
    expect(rules.filter((rule) => rule.default_rule_id !== null && rule.default_rule_id !== rule.id)).toHaveLength(78);
    expect(rules.every((rule) => rule.options !== null)).toBe(true);
    expect(byId.get("31k-zjc-qgr")).toMatchObject({
      name: "AWS GuardDuty finding",
      default_rule_id: "we5-t9i-qng",
      options: {
        detection_method: "third_party",
        evaluation_window_s: 1800,
        keep_alive_s: 1800,
        max_signal_duration_s: 86400,
      },
    });
    // Its queries name no source (README defect 7); its source:guardduty tag stands for it.
    expect(ruleSources(fromDetectionRule(byId.get("31k-zjc-qgr")!))).toEqual({
      kind: "tag",
      sources: ["guardduty", "guardduty.*"],
    });
  });

  it("keeps the chained rules, correlated fields and updatedAt of correlation rule def-000-nlb (README defect 3)", () => {
    const { rules } = okData(run().parts, "rules");
    expect(rules.filter((rule) => rule.type === "signal_correlation").map((rule) => rule.id)).toEqual(["def-000-nlb"]);
    expect(rules.find((rule) => rule.id === "def-000-nlb")).toMatchObject({
      name: "AWS CreateIndex followed by ListResources via long term access key",
      enabled: true,
      is_beta: true,
      updated_at: "2025-09-05T18:14:54.648Z",
      options: {
        detection_method: "threshold",
        evaluation_window_s: 86400,
        keep_alive_s: 86400,
        max_signal_duration_s: 86400,
      },
      queries: [
        {
          query: "",
          data_source: null,
          name: "createindex_long_term_access_key",
          chained_rule_id: null,
          chained_default_rule_id: "def-000-h6a",
          correlated_by: ["@userIdentity.accessKeyId", "@awsRegion"],
        },
        {
          query: "",
          data_source: null,
          name: "listresources_long_term_access_key",
          chained_rule_id: null,
          chained_default_rule_id: "def-000-8qc",
          correlated_by: ["@userIdentity.accessKeyId", "@awsRegion"],
        },
      ],
    });
    // What it chains is in the same recording, as beta default rules.
    expect(
      rules
        .filter((rule) => rule.default_rule_id === "def-000-h6a" || rule.default_rule_id === "def-000-8qc")
        .map((rule) => [rule.id, rule.is_beta]),
    ).toEqual([
      ["def-000-8qc", true],
      ["def-000-h6a", true],
    ]);
  });
});

describe("custom rules of every type and detection method (API client recordings)", () => {
  const names = [
    "log-detection-threshold",
    "log-detection-anomaly",
    "log-detection-sequence",
    "log-detection-third-party",
    "log-detection-impossible-travel",
    "log-detection-new-value",
    "log-detection-scheduled",
    "application-security",
    "workload-security",
    "signal-correlation",
    "cloud-configuration",
  ];
  const recordings = names.map((name) => loadRecording("rules", name));
  const wire = recordings.map((recording) => bodyOf(recording.exchanges[0]!.response) as Wire);
  const run = useRecordedCollection(() => {
    // No recording lists these rules together; the list wrapper is composed, each rule body is as recorded.
    const exchanges = recordings.map((recording) => recording.exchanges[0]!);
    return {
      routes: [composedListRoute("GET", RULES_PATH, "data", exchanges)],
      only: ["rules"],
      period: PERIOD,
      now: NOW,
    };
  });

  it("reads each one through the client, field by field as the wire says", () => {
    expect(run().parts.rules.status).toBe("ok");
    const { rules } = okData(run().parts, "rules");
    expect(rules).toHaveLength(names.length);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    for (const wireRule of wire) {
      const expected = expectedRule(wireRule);
      expect(byId.get(wireRule.id as string), wireRule.name as string).toEqual(expected);
    }
  });

  it("covers the types and detection methods named in the recordings", () => {
    const pairs = wire
      .map((rule) => `${rule.type as string}/${(rule.options as Wire).detectionMethod as string}`)
      .sort();
    expect(pairs).toEqual([
      "application_security/threshold",
      "cloud_configuration/threshold",
      "log_detection/anomaly_detection",
      "log_detection/impossible_travel",
      "log_detection/new_value",
      "log_detection/sequence_detection",
      "log_detection/third_party",
      "log_detection/threshold",
      "log_detection/threshold",
      "signal_correlation/threshold",
      "workload_security/threshold",
    ]);
  });

  it("keeps the rules correlation rule x0w-iu0-izf chains by ruleId, and no updatedAt it was not sent (README defect 3)", () => {
    const { rules } = okData(run().parts, "rules");
    const rule = rules.find((candidate) => candidate.id === "x0w-iu0-izf")!;
    expect(rule.type).toBe("signal_correlation");
    expect(rule.queries).toEqual([
      {
        query: "",
        data_source: null,
        name: "",
        chained_rule_id: "gl8-lry-akp",
        chained_default_rule_id: null,
        correlated_by: ["host"],
      },
      {
        query: "",
        data_source: null,
        name: "",
        chained_rule_id: "j2a-wag-ngu",
        chained_default_rule_id: null,
        correlated_by: ["host"],
      },
    ]);
    expect(rule.updated_at).toBeNull();
    expect(rule.options).toEqual({
      detection_method: "threshold",
      evaluation_window_s: 900,
      keep_alive_s: 3600,
      max_signal_duration_s: 86400,
    });
  });

  it("keeps third-party rule rvf-kfc-pxh's detection method; its source, only in thirdPartyRuleOptions.rootQueries, is not kept, so it reads as unknown (README defect 7, open)", () => {
    const { rules } = okData(run().parts, "rules");
    const rule = rules.find((candidate) => candidate.id === "rvf-kfc-pxh")!;
    expect(rule.options).toEqual({
      detection_method: "third_party",
      evaluation_window_s: 0,
      keep_alive_s: 0,
      max_signal_duration_s: 600,
    });
    expect(rule.queries.map((query) => query.query)).toEqual(["status:error", "status:info"]);
    expect(rule.tags).toEqual([]);
    // Never shown effective on a guessed source: the assessment calls its source unknown.
    expect(ruleSources(fromDetectionRule(rule)).kind).toBe("unknown");
  });
});
