/**
 * The rules collector's mapping, field by field, for what the recorded rules
 * (test/recordings/rules.test.ts) do not hold: fields left out or of the
 * wrong kind, enum values the client does not know, rules the client cannot
 * read at all, and the warnings that name them, through the official
 * client over HTTP on 127.0.0.1. The mapper on wire JSON directly is in
 * rule-mapper.test.ts.
 */
import { describe, expect, it } from "vitest";
import { PAGE_SIZE } from "../../src/collectors/rules/index.js";
import { ruleFromWire } from "../../src/collectors/rules/map-rule.js";
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

  it("reads each rule on its own when the client cannot read the listing, keeping every rule", async () => {
    // A page total that is not a number fails the client's whole answer; the rules in it are still there.
    const run = await collectRules([
      {
        body: {
          data: [wireRule("aaa-111"), wireRule("bbb-222", { cases: "high" })],
          meta: { page: { total_count: "many" } },
        },
      },
    ]);
    const { rules } = okData(run.parts, "rules");
    expect(rules.map((rule) => [rule.id, rule.name, rule.unparsed, rule.cases.length])).toEqual([
      ["aaa-111", "Rule aaa-111", false, 1],
      ["bbb-222", "Rule bbb-222", true, 0],
    ]);
    expect(rules[0]).toEqual({ ...ruleFromWire(wireRule("aaa-111")), unparsed: false });
    expect(run.parts.rules.warnings).toEqual([
      'rule bbb-222 ("Rule bbb-222") was read from raw JSON: the client could not parse it',
    ]);
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
