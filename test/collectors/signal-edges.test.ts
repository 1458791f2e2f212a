/**
 * Edges of the signal readers no other test reaches: the parts a population
 * holds on disk while it is written, a period of a single day, the fields a
 * signal offers scope queries when its attributes are not objects, the
 * values a scope query finds through missing, null or text fields, and
 * notification rules whose selectors are spelt loosely or given out of order.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SignalAggregator } from "../../src/collectors/signals/aggregate.js";
import { SignalPopulation } from "../../src/collectors/signals/population.js";
import { readSignal } from "../../src/collectors/signals/read-signal.js";
import { RoutingMeter, signalLookup } from "../../src/collectors/signals/routing.js";
import type { NotificationRule } from "../../src/snapshot/schema.js";
import { utcPeriod } from "../helpers/collect-recorded.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { signalRecord } from "../helpers/signal-record.js";

describe("the population's parts", () => {
  it("holds one part per slice, numbered on four digits, until it is committed", async () => {
    const dir = scratchDir("population-parts");
    const population = await SignalPopulation.create(dir, 3);
    // A line longer than the stream's buffer is written through to the part before write() resolves.
    const long = "x".repeat(64 * 1024);
    for (const slice of [0, 1, 2]) await population.writer(slice).write(long);
    expect(() => population.writer(3)).toThrow(TypeError);
    const names = readdirSync(dir).sort();
    expect(names.map((name) => name.replace(/\.tmp-[0-9a-f]{12}$/, ".tmp-*"))).toEqual([
      "..signals.jsonl.slice-0000.tmp-*",
      "..signals.jsonl.slice-0001.tmp-*",
      "..signals.jsonl.slice-0002.tmp-*",
    ]);
    await population.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("a population that cannot be committed", () => {
  it("fails, and leaves neither its parts nor a half-written file, when the final name is taken by a folder", async () => {
    // A folder holding a file cannot be replaced by a rename: the join's last step fails.
    const dir = scratchDir("population-blocked", { "signals.jsonl/kept": "x" });
    const population = await SignalPopulation.create(dir, 2);
    await population.writer(0).write('{"id":"a"}');
    await population.writer(1).write('{"id":"b"}');
    await expect(population.commit()).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(["signals.jsonl"]);
    expect(readdirSync(join(dir, "signals.jsonl"))).toEqual(["kept"]);
  });
});

describe("a period of one day", () => {
  it("counts the signals of its only day", () => {
    const aggregator = new SignalAggregator(utcPeriod("2026-07-01", "2026-07-02"), Date.parse("2026-07-05T00:00:00Z"));
    aggregator.add(signalRecord({ timestamp: Date.parse("2026-07-01T00:00:00Z") }));
    aggregator.add(signalRecord({ timestamp: Date.parse("2026-07-01T23:59:59.999Z") }));
    expect(aggregator.result(null).by_day).toEqual([{ date: "2026-07-01", count: 2 }]);
  });
});

describe("a signal's fields for scope queries", () => {
  it("offers only objects: attributes sent as text or a null custom are no fields", () => {
    const signal = readSignal({
      id: "s-1",
      attributes: { timestamp: "2026-07-01T00:00:00Z", attributes: "text", custom: null },
    });
    expect(signal?.fields).toEqual([]);
  });

  it("finds nothing through a missing or null field, nor inside a text value", () => {
    const lookup = signalLookup(
      signalRecord({ fields: [{ usr: null, name: "web", team: { lead: "ana" } }], reserved: { host: undefined } }),
    );
    expect(lookup("@usr.id")).toEqual([]);
    expect(lookup("@missing")).toEqual([]);
    expect(lookup("@name.length")).toEqual([]);
    expect(lookup("@team.lead")).toEqual(["ana"]);
    expect(lookup("host")).toEqual([]);
  });
});

describe("notification rules' selectors", () => {
  const rule = (id: string, overrides: Partial<NotificationRule> = {}): NotificationRule => ({
    id,
    name: id,
    enabled: true,
    severities: ["high"],
    rule_types: [],
    trigger_source: "security_signals",
    query: "",
    targets: ["@slack-sec"],
    ...overrides,
  });

  it("reads rule types spelt loosely (spaces, dashes, case, padding) in the rule types' own spelling", () => {
    const meter = new RoutingMeter([rule("loose", { rule_types: [" Workload - Security "] })]);
    meter.add(signalRecord({ id: "a", rule_type: "workload_security" }));
    meter.add(signalRecord({ id: "b", rule_type: "log_detection" }));
    expect(meter.result()).toEqual({
      by_severity: { high: { total: 2, routed: 1 } },
      rules: [{ id: "loose", matched_by_severity: { high: 1 } }],
      unparsable_rules: [],
    });
  });

  it("routes a signal only when its rule type is one the rule selects", () => {
    const meter = new RoutingMeter([
      rule("logs-only", { severities: ["high", "critical", "medium"], rule_types: ["log_detection"] }),
    ]);
    meter.add(signalRecord({ id: "a", severity: "high", rule_type: "log_detection" }));
    meter.add(signalRecord({ id: "b", severity: "critical", rule_type: "workload_security" }));
    meter.add(signalRecord({ id: "c", severity: "medium", rule_type: null }));
    expect(meter.result().by_severity).toEqual({
      high: { total: 1, routed: 1 },
      critical: { total: 1, routed: 0 },
      medium: { total: 1, routed: 0 },
    });
  });

  it("lists the rules, and those whose query does not parse, by id whatever their order", () => {
    const meter = new RoutingMeter([
      rule("zz"),
      rule("yy-broken", { query: "env:(prod" }),
      rule("aa"),
      rule("bb-broken", { query: "env:(test" }),
    ]);
    const result = meter.result();
    expect(result.rules.map((read) => read.id)).toEqual(["aa", "bb-broken", "yy-broken", "zz"]);
    expect(result.unparsable_rules).toEqual(["bb-broken", "yy-broken"]);
  });
});
