/**
 * The rules collector on real recorded rule bodies: Datadog's default rules
 * as ddproof pages them, and custom rules of every type and detection method.
 * Each snapshot field is checked against what the wire says.
 */
import { describe, expect, it } from "vitest";
import type { DetectionRule } from "../../src/snapshot/schema.js";
import { isoMs, okData, utcPeriod, useRecordedCollection } from "../helpers/collect-recorded.js";
import { bodyOf, loadRecording, recordedItems } from "../helpers/recordings.js";
import { composedListRoute, recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;
const RULES_PATH = "/api/v2/security_monitoring/rules";
const NOW = new Date("2026-08-21T12:00:00Z");
const PERIOD = utcPeriod("2026-07-01", "2026-08-01");

/**
 * What the snapshot must hold for a rule, read straight from its wire JSON.
 * Known defects (see the fixtures README) are left out: a signal_correlation
 * rule's query strings and its updatedAt.
 */
function expectedRule(wire: Wire): Partial<DetectionRule> {
  const correlation = wire.type === "signal_correlation";
  const list = (value: unknown) => (Array.isArray(value) ? (value as Wire[]) : []);
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
    ...(correlation
      ? {}
      : {
          queries: list(wire.queries).map((query) => ({
            query: (query.query as string | undefined) ?? "",
            data_source: (query.dataSource as string | undefined) ?? null,
            name: (query.name as string | undefined) ?? null,
          })),
          updated_at: typeof wire.updatedAt === "number" ? isoMs(wire.updatedAt) : null,
        }),
    created_at: typeof wire.createdAt === "number" ? isoMs(wire.createdAt) : null,
    unparsed: false,
  };
}

function pick(rule: DetectionRule, expected: Partial<DetectionRule>): Partial<DetectionRule> {
  return Object.fromEntries(Object.keys(expected).map((key) => [key, rule[key as keyof DetectionRule]]));
}

describe("Datadog's default rules, paged as ddproof pages them (Terraform provider recording)", () => {
  const recording = loadRecording("rules", "default-rules-paged");
  const wire = recordedItems<Wire>(recording, "data");
  const run = useRecordedCollection(() => ({ routes: [recordedRoute(recording)], only: ["rules"], period: PERIOD, now: NOW }));

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
      expect(pick(byId.get(wireRule.id as string)!, expected), wireRule.id as string).toEqual(expected);
    }
    expect(run().parts.rules.warnings).toEqual([]);
  });

  it("holds every rule type and detection method the recording has", () => {
    const { rules } = okData(run().parts, "rules");
    const types = new Set(rules.map((rule) => rule.type));
    expect([...types].sort()).toEqual(["application_security", "cloud_configuration", "infrastructure_configuration", "log_detection", "signal_correlation"]);
    const methods = new Set(wire.map((rule) => (rule.options as Wire | undefined)?.detectionMethod));
    expect([...methods].sort()).toEqual(["anomaly_detection", "impossible_travel", "new_value", "third_party", "threshold"]);
  });

  it("reads a deprecated default rule as disabled, as the wire has it", () => {
    const { rules } = okData(run().parts, "rules");
    const deprecated = wire.filter((rule) => rule.isDeprecated === true);
    expect(deprecated).toHaveLength(1);
    const rule = rules.find((candidate) => candidate.id === deprecated[0]!.id)!;
    expect(rule.enabled).toBe(false);
    expect(rule.is_default).toBe(true);
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
    return { routes: [composedListRoute("GET", RULES_PATH, "data", exchanges)], only: ["rules"], period: PERIOD, now: NOW };
  });

  it("reads each one through the client, field by field as the wire says", () => {
    expect(run().parts.rules.status).toBe("ok");
    const { rules } = okData(run().parts, "rules");
    expect(rules).toHaveLength(names.length);
    const byId = new Map(rules.map((rule) => [rule.id, rule]));
    for (const wireRule of wire) {
      const expected = expectedRule(wireRule);
      expect(pick(byId.get(wireRule.id as string)!, expected), wireRule.name as string).toEqual(expected);
    }
  });

  it("covers the types and detection methods named in the recordings", () => {
    const pairs = wire.map((rule) => `${rule.type as string}/${(rule.options as Wire).detectionMethod as string}`).sort();
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

  it("keeps a correlation rule's type, cases and tags (what it chains is a known gap)", () => {
    const { rules } = okData(run().parts, "rules");
    const recorded = wire.find((rule) => rule.type === "signal_correlation")!;
    const rule = rules.find((candidate) => candidate.id === recorded.id)!;
    expect(rule.type).toBe("signal_correlation");
    expect(rule.queries).toHaveLength((recorded.queries as unknown[]).length);
    expect(rule.queries.map((query) => query.data_source)).toEqual((recorded.queries as Wire[]).map((query) => query.dataSource ?? null));
  });
});
