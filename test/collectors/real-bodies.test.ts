/**
 * Minimal wire bodies shaped like Datadog's own recordings (the official
 * TypeScript client's cassettes), read through the client's deserializer as
 * the collectors read them. They hold the fields real responses carry that
 * the client's model does not (they land in additionalProperties).
 */
import { describe, expect, it } from "vitest";
import { readRuleChange } from "../../src/collectors/audit.js";
import { ruleFromTyped } from "../../src/collectors/rules/map-rule.js";
import { loadDatadogModule } from "../../src/datadog/session.js";

/** A signal_correlation rule as recorded (Create-a-detection-rule-with-type-signal_correlation), plus the updatedAt a list carries. */
const CORRELATION_RULE = {
  id: "x0w-iu0-izf",
  version: 1,
  name: "Test signal correlation rule",
  createdAt: 1715358872108,
  updatedAt: 1715358872109,
  isDefault: false,
  isEnabled: true,
  isDeleted: false,
  isDeprecated: false,
  isBeta: true,
  queries: [
    {
      groupByFields: [],
      hasOptionalGroupByFields: false,
      distinctFields: [],
      aggregation: "event_count",
      name: "",
      ruleId: "gl8-lry-akp",
      correlatedByFields: ["host"],
      correlatedQueryIndex: 1,
    },
    {
      groupByFields: [],
      hasOptionalGroupByFields: false,
      distinctFields: [],
      aggregation: "event_count",
      name: "",
      defaultRuleId: "tz1-6vg-1yz",
      correlatedByFields: ["host"],
    },
  ],
  options: { keepAlive: 3600, maxSignalDuration: 86400, detectionMethod: "threshold", evaluationWindow: 900 },
  cases: [{ name: "", status: "info", notifications: [], condition: "a > 0 && b > 0" }],
  message: "Test signal correlation rule",
  tags: [],
  hasExtendedTitle: false,
  type: "signal_correlation",
  filters: [],
};

describe("a recorded signal_correlation rule through the client's model", () => {
  it("keeps the chained rules, updatedAt, options and lifecycle flags", async () => {
    const dd = await loadDatadogModule();
    const typed = dd.v2.ObjectSerializer.deserialize(CORRELATION_RULE, "SecurityMonitoringRuleResponse", "");
    const rule = ruleFromTyped(typed);
    expect(rule).toMatchObject({
      id: "x0w-iu0-izf",
      type: "signal_correlation",
      updated_at: new Date(1715358872109).toISOString(),
      is_deprecated: false,
      is_beta: true,
      options: {
        detection_method: "threshold",
        evaluation_window_s: 900,
        keep_alive_s: 3600,
        max_signal_duration_s: 86400,
      },
      unparsed: false,
    });
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
        chained_rule_id: null,
        chained_default_rule_id: "tz1-6vg-1yz",
        correlated_by: ["host"],
      },
    ]);
  });
});

describe("audit events that are not rule changes", () => {
  it("an API-access event (no asset) is another kind, never a rule change with rule_id null", () => {
    const event = {
      id: "AQAAAY",
      type: "audit",
      attributes: {
        timestamp: "2026-09-01T10:00:00.123Z",
        attributes: { evt: { name: "Request" }, action: "accessed", usr: { id: "u" } },
      },
    };
    expect(readRuleChange(event)).toEqual({ kind: "other" });
  });

  it("a suppression change is kept as one; a dashboard change is another kind", () => {
    const event = (type: string) => ({
      id: "AQAAAZ",
      type: "audit",
      attributes: {
        timestamp: "2026-09-01T10:00:00Z",
        attributes: {
          action: "modified",
          asset: { type, id: "s-1", name: "Pentest" },
          usr: { email: "a@example.com" },
        },
      },
    });
    expect(readRuleChange(event("security_suppression"))).toMatchObject({
      kind: "change",
      change: { asset_type: "suppression", rule_id: "s-1" },
    });
    expect(readRuleChange(event("dashboard"))).toEqual({ kind: "other" });
  });
});
