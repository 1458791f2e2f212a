/**
 * The rules collector's mapping, field by field, for what the recorded rules
 * (test/recordings/rules.test.ts) do not hold: fields left out or of the
 * wrong kind, enum values the client does not know, rules the client cannot
 * read at all, and the warnings that name them. Mapper cases run on wire
 * JSON directly; the collector's run through the official client over HTTP
 * on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../src/collectors/rules/index.js";
import { hasEnabledState, ruleFromTyped, ruleFromWire } from "../../src/collectors/rules/map-rule.js";
import { collectRecorded, okData, utcPeriod } from "../helpers/collect-recorded.js";
import { type WirePage, wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const RULES_PATH = "/api/v2/security_monitoring/rules";

/** A log detection rule shaped like rules/log-detection-threshold.json, trimmed to what ddproof reads. */
function wireRule(id: string, overrides: Record<string, unknown> = {}) {
  return {
    id,
    name: `Rule ${id}`,
    type: "log_detection",
    isEnabled: true,
    isDefault: false,
    createdAt: 1715358872108,
    tags: ["source:cloudtrail"],
    cases: [{ name: "", status: "high", notifications: ["@slack-sec"], condition: "a > 0" }],
    queries: [{ query: "source:cloudtrail", dataSource: "logs", name: "a", aggregation: "count" }],
    options: { evaluationWindow: 300, keepAlive: 3600, maxSignalDuration: 86400, detectionMethod: "threshold" },
    ...overrides,
  };
}

async function collectRules(pages: WirePage[]) {
  const run = await collectRecorded({
    routes: [wireRoute("GET", RULES_PATH, pages)],
    only: ["rules"],
    period: utcPeriod("2026-07-01", "2026-08-01"),
    now: NOW,
  });
  await run.dispose();
  return run;
}

describe("mapping a rule's wire JSON", () => {
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

describe("the rules collector", () => {
  it("keeps a rule with an unknown enum value from its raw JSON, flagged and named in a warning", async () => {
    const run = await collectRules([
      {
        body: {
          data: [
            wireRule("aaa-111"),
            wireRule("bbb-222", { type: "brand_new_detection" }),
            wireRule("ccc-333", { isEnabled: undefined }),
          ],
        },
      },
    ]);
    const { rules } = okData(run.parts, "rules");
    expect(rules.map((rule) => [rule.id, rule.type, rule.enabled, rule.unparsed])).toEqual([
      ["aaa-111", "log_detection", true, false],
      ["bbb-222", "brand_new_detection", true, true],
      ["ccc-333", "log_detection", false, false],
    ]);
    expect(rules[1]).toEqual({ ...ruleFromWire(wireRule("bbb-222", { type: "brand_new_detection" })), unparsed: true });
    expect(run.parts.rules.warnings).toEqual([
      'rule bbb-222 ("Rule bbb-222") was read from raw JSON: the client could not parse it',
      'rule ccc-333 ("Rule ccc-333") has no enabled state; it counts as disabled',
    ]);
    expect(run.requests.map((request) => request.query)).toEqual([{ "page[size]": "100", "page[number]": "0" }]);
  });

  it("asks the next page after a full one, and names a rule without an id by its place in the listing", async () => {
    const fullPage = Array.from({ length: PAGE_SIZE }, (_, index) => wireRule(`r-${String(index).padStart(3, "0")}`));
    const run = await collectRules([
      { body: { data: fullPage } },
      { body: { data: [wireRule("r-100"), wireRule("r-101"), wireRule("", { name: "Lost", isEnabled: undefined })] } },
    ]);
    expect(run.requests.map((request) => request.query)).toEqual([
      { "page[size]": "100", "page[number]": "0" },
      { "page[size]": "100", "page[number]": "1" },
    ]);
    const { rules } = okData(run.parts, "rules");
    expect(rules).toHaveLength(102);
    expect(rules.at(-1)?.id).toBe("r-101");
    expect(run.parts.rules.warnings).toEqual(['rule #102 ("Lost") has no enabled state; it counts as disabled']);
  });
});
