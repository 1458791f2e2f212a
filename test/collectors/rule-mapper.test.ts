/**
 * The rules collector's mapper on wire JSON directly, field by field: fields
 * left out or of the wrong kind, flags, seconds, timestamps, and what the
 * client's model keeps in additionalProperties. No client is imported here;
 * the collector's own run is in rule-mapping.test.ts.
 */
import { describe, expect, it } from "vitest";
import { hasEnabledState, ruleFromTyped, ruleFromWire } from "../../src/collectors/rules/map-rule.js";

describe("mapping a rule's wire JSON", () => {
  it("maps every field of a full rule, each from its own key", () => {
    const rule = {
      id: "abc-123",
      name: "Impossible travel",
      type: "log_detection",
      isEnabled: true,
      isDefault: true,
      tags: ["source:okta", "tactic:TA0001"],
      cases: [{ name: "travel", status: "medium", notifications: ["@pagerduty-sec"], condition: "a > 1" }],
      queries: [
        {
          query: "source:okta",
          dataSource: "logs",
          name: "a",
          ruleId: "def-456",
          defaultRuleId: "ghi-789",
          correlatedByFields: ["@usr.id"],
        },
      ],
      createdAt: 1715358872108,
      updatedAt: 1715358872109,
      options: {
        detectionMethod: "impossible_travel",
        evaluationWindow: 900,
        keepAlive: 3600,
        maxSignalDuration: 7200,
      },
      isDeprecated: true,
      isBeta: true,
      defaultRuleId: "jkl-012",
    };
    expect(ruleFromTyped(rule)).toEqual({
      id: "abc-123",
      name: "Impossible travel",
      type: "log_detection",
      enabled: true,
      is_default: true,
      tags: ["source:okta", "tactic:TA0001"],
      cases: [{ name: "travel", severity: "medium", notifications: ["@pagerduty-sec"], condition: "a > 1" }],
      queries: [
        {
          query: "source:okta",
          data_source: "logs",
          name: "a",
          chained_rule_id: "def-456",
          chained_default_rule_id: "ghi-789",
          correlated_by: ["@usr.id"],
        },
      ],
      created_at: "2024-05-10T16:34:32.108Z",
      updated_at: "2024-05-10T16:34:32.109Z",
      options: {
        detection_method: "impossible_travel",
        evaluation_window_s: 900,
        keep_alive_s: 3600,
        max_signal_duration_s: 7200,
      },
      is_deprecated: true,
      is_beta: true,
      default_rule_id: "jkl-012",
      unparsed: false,
    });
  });

  it("reads a rule whose additionalProperties is null from its own fields", () => {
    expect(ruleFromTyped({ id: "r-1", additionalProperties: null })).toMatchObject({
      id: "r-1",
      name: "(unnamed rule)",
      updated_at: null,
      enabled: false,
    });
    expect(hasEnabledState({ additionalProperties: null })).toBe(false);
  });

  it("fills a missing id, name, type, severity and query with their stated defaults", () => {
    expect(ruleFromWire({ cases: [{}], queries: [{}] })).toEqual({
      id: "",
      name: "(unnamed rule)",
      type: "unknown",
      enabled: false,
      is_default: false,
      tags: [],
      cases: [{ name: null, severity: "info", notifications: [], condition: null }],
      queries: [
        {
          query: "",
          data_source: null,
          name: null,
          chained_rule_id: null,
          chained_default_rule_id: null,
          correlated_by: [],
        },
      ],
      created_at: null,
      updated_at: null,
      options: null,
      is_deprecated: false,
      is_beta: false,
      default_rule_id: null,
      unparsed: true,
    });
  });

  it("keeps only the strings of lists, reads flags only when exactly true, and lists of another kind as empty", () => {
    const rule = ruleFromWire({
      id: "r-1",
      isEnabled: "true",
      isDefault: 1,
      isDeprecated: "yes",
      isBeta: true,
      tags: ["env:prod", 7, null, { _data: "tactic:TA0001" }],
      cases: [{ status: { _data: "urgent" }, notifications: ["@a", 3] }],
      queries: [{ query: "x", correlatedByFields: ["host", 2] }],
    });
    expect(rule).toMatchObject({
      enabled: false,
      is_default: false,
      is_deprecated: false,
      is_beta: true,
      tags: ["env:prod", "tactic:TA0001"],
      cases: [{ name: null, severity: "urgent", notifications: ["@a"], condition: null }],
      queries: [{ query: "x", correlated_by: ["host"] }],
    });
    expect(ruleFromWire({ id: "r-2", tags: "env:prod", cases: {}, queries: "q" })).toMatchObject({
      tags: [],
      cases: [],
      queries: [],
    });
  });

  it("keeps seconds that are finite and not negative, and reads options of another kind as none", () => {
    const options = (value: unknown) => ruleFromWire({ id: "r", options: value }).options;
    expect(options({ evaluationWindow: 0, keepAlive: -1, maxSignalDuration: Number.POSITIVE_INFINITY })).toEqual({
      detection_method: null,
      evaluation_window_s: 0,
      keep_alive_s: null,
      max_signal_duration_s: null,
    });
    expect(
      options({ evaluationWindow: "300", keepAlive: null, maxSignalDuration: Number.NaN, detectionMethod: 5 }),
    ).toEqual({
      detection_method: null,
      evaluation_window_s: null,
      keep_alive_s: null,
      max_signal_duration_s: null,
    });
    expect(options("threshold")).toBeNull();
    expect(options(null)).toBeNull();
  });

  it("converts createdAt and updatedAt from epoch milliseconds, and anything else to none", () => {
    expect(ruleFromWire({ id: "r", createdAt: 1715358872108, updatedAt: "1715358872109" })).toMatchObject({
      created_at: "2024-05-10T16:34:32.108Z",
      updated_at: null,
    });
    expect(ruleFromWire({ id: "r", createdAt: 0, updatedAt: -5 })).toMatchObject({
      created_at: null,
      updated_at: null,
    });
  });

  it("reads a field the client's model keeps in additionalProperties, the model's own field first", () => {
    const typed = {
      id: "x0w-iu0-izf",
      name: "Correlation",
      isEnabled: true,
      additionalProperties: { updatedAt: 1715358872109, name: "shadowed", isBeta: true },
    };
    expect(ruleFromTyped(typed)).toMatchObject({
      id: "x0w-iu0-izf",
      name: "Correlation",
      updated_at: "2024-05-10T16:34:32.109Z",
      is_beta: true,
      unparsed: false,
    });
    expect(ruleFromTyped({ id: "r", additionalProperties: "updatedAt" })).toMatchObject({ updated_at: null });
    expect(ruleFromTyped(null)).toMatchObject({ id: "", name: "(unnamed rule)", unparsed: false });
  });

  it("says the server gave an enabled state only for a boolean, in place or in additionalProperties", () => {
    expect(hasEnabledState({ isEnabled: false })).toBe(true);
    expect(hasEnabledState({ additionalProperties: { isEnabled: true } })).toBe(true);
    expect(hasEnabledState({ isEnabled: "true" })).toBe(false);
    expect(hasEnabledState({})).toBe(false);
    expect(hasEnabledState("isEnabled")).toBe(false);
  });
});
