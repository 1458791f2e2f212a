/**
 * The signals collector's parts, value by value: what one wire signal
 * becomes (readSignal, on the shape of signals-search/paged.json), the line
 * the population file holds for it, the triage histograms' bounds, what the
 * aggregator counts, how the period is cut into slices, and the population
 * file's lifecycle.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SignalAggregator } from "../../src/collectors/signals/aggregate.js";
import { addDuration, emptyHistogram, TRIAGE_BOUNDS_MINUTES } from "../../src/collectors/signals/histogram.js";
import { SignalPopulation, signalLine } from "../../src/collectors/signals/population.js";
import { readSignal } from "../../src/collectors/signals/read-signal.js";
import { signalLookup } from "../../src/collectors/signals/routing.js";
import { planSliceCount, requestWindow, secondStart, timeSlices } from "../../src/collectors/signals/slice-plan.js";
import { utcPeriod } from "../helpers/collect-recorded.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { signalRecord } from "../helpers/signal-record.js";

const MINUTE = 60_000;

/** A signal as the search returns it (signals-search/paged.json), with the fields readSignal reads. */
function wireSignal(overrides: Record<string, unknown> = {}, inner: Record<string, unknown> = {}) {
  return {
    id: "AQAAAYb",
    type: "signal",
    attributes: {
      timestamp: "2026-07-10T12:00:00.123Z",
      status: "HIGH",
      host: "i-0439f25d8385802b8",
      service: "cloudtrail",
      tags: ["env:prod", 7, "source:cloudtrail"],
      attributes: {
        usr: { id: "root" },
        workflow: {
          rule: { id: "xgh-dfy-ywf", name: "PAM change", type: " Workload  Security " },
          triage: { state: "archived", state_update_timestamp: 1783771200000 },
        },
        ...inner,
      },
      ...overrides,
    },
  };
}

describe("readSignal", () => {
  it("reads every field ddproof keeps from a wire signal", () => {
    const wire = wireSignal();
    expect(readSignal(wire)).toEqual({
      id: "AQAAAYb",
      timestamp: Date.parse("2026-07-10T12:00:00.123Z"),
      severity: "high",
      rule_id: "xgh-dfy-ywf",
      rule_name: "PAM change",
      triage_state: "archived",
      triage_updated_at: 1783771200000,
      tags: ["env:prod", "source:cloudtrail"],
      rule_type: "workload_security",
      fields: [wire.attributes.attributes],
      reserved: { host: "i-0439f25d8385802b8", service: "cloudtrail", status: "high" },
    });
  });

  it("reads the typed model's shape: status, host and attributes in additionalProperties, a Date timestamp", () => {
    const attributes = {
      workflow: {
        rule: { id: "r-2", type: "log-detection" },
        triage: { state: "open", stateUpdateTimestamp: "1783771200000" },
      },
    };
    const signal = readSignal({
      id: "typed",
      attributes: {
        timestamp: new Date("2026-07-10T12:00:00.500Z"),
        status: "low",
        additionalProperties: { status: "Critical", host: "web-1", service: "api", attributes },
        custom: { team: "sec" },
      },
    });
    expect(signal).toEqual({
      id: "typed",
      timestamp: Date.parse("2026-07-10T12:00:00.500Z"),
      severity: "critical",
      rule_id: "r-2",
      rule_name: null,
      triage_state: "open",
      triage_updated_at: 1783771200000,
      tags: [],
      rule_type: "log_detection",
      fields: [attributes, { team: "sec" }],
      reserved: { host: "web-1", service: "api", status: "critical" },
    });
  });

  it("reads what it cannot recognise as unknown or none", () => {
    const signal = readSignal(
      wireSignal(
        { status: "urgent", tags: "env:prod", host: undefined, service: undefined },
        { workflow: { rule: { id: 5, name: 6, type: "   " }, triage: { state: "closed", state_update_timestamp: 0 } } },
      ),
    );
    expect(signal).toMatchObject({
      severity: "unknown",
      rule_id: null,
      rule_name: null,
      triage_state: "unknown",
      triage_updated_at: null,
      tags: [],
      rule_type: null,
      reserved: { host: undefined, service: undefined, status: "urgent" },
    });
    const bare = readSignal({ id: "bare", attributes: { timestamp: "2026-07-10T12:00:00Z" } });
    expect(bare).toMatchObject({
      severity: "unknown",
      rule_id: null,
      triage_state: "unknown",
      triage_updated_at: null,
      rule_type: null,
      fields: [],
      reserved: { host: undefined, service: undefined, status: undefined },
    });
    expect(
      readSignal(wireSignal({}, { workflow: { triage: { state_update_timestamp: "soon" } } }))?.triage_updated_at,
    ).toBeNull();
    expect(
      readSignal(wireSignal({}, { workflow: { triage: { state_update_timestamp: -5 } } }))?.triage_updated_at,
    ).toBeNull();
  });

  it("takes the workflow from custom.workflow when the attributes hold none", () => {
    const signal = readSignal({
      id: "c",
      attributes: {
        timestamp: "2026-07-10T12:00:00Z",
        attributes: { usr: { id: "root" } },
        custom: { workflow: { rule: { id: "from-custom" } } },
      },
    });
    expect(signal?.rule_id).toBe("from-custom");
  });

  it("cannot read a signal without an id, attributes or a readable timestamp", () => {
    expect(readSignal({ id: 5, attributes: { timestamp: "2026-07-10T12:00:00Z" } })).toBeNull();
    expect(readSignal({ id: "a" })).toBeNull();
    expect(readSignal({ id: "a", attributes: { timestamp: "later" } })).toBeNull();
    expect(readSignal({ id: "a", attributes: {} })).toBeNull();
    expect(readSignal(null)).toBeNull();
  });
});

const record = signalRecord;

describe("signalLine", () => {
  it("writes one signal as one JSON line with ISO times", () => {
    expect(
      signalLine(record({ id: "a", triage_updated_at: Date.parse("2026-09-10T13:00:00Z"), tags: ["env:prod"] })),
    ).toBe(
      '{"id":"a","timestamp":"2026-09-10T12:00:00.000Z","severity":"high","rule_id":"r1","rule_name":"Rule one","triage_state":"archived","triage_updated_at":"2026-09-10T13:00:00.000Z","tags":["env:prod"]}',
    );
    expect(JSON.parse(signalLine(record({ triage_updated_at: null }))).triage_updated_at).toBeNull();
  });
});

describe("triage histograms", () => {
  it("has one bucket per SLA bound and one beyond the last", () => {
    expect(emptyHistogram()).toEqual({ le_minutes: [...TRIAGE_BOUNDS_MINUTES], counts: new Array(15).fill(0) });
  });

  it("counts a duration in the first bucket whose bound it does not exceed", () => {
    const histogram = emptyHistogram();
    for (const minutes of [0, 5, 5.001, 15, 43200, 43200.5, 1e9]) addDuration(histogram, minutes);
    expect(histogram.counts).toEqual([2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2]);
  });
});

describe("SignalAggregator", () => {
  const period = utcPeriod("2026-07-01", "2026-07-04");
  const now = Date.parse("2026-07-05T00:00:00Z");

  it("keeps each rule's first and last signal, its name once known, and files a signal without a rule under (no rule)", () => {
    const aggregator = new SignalAggregator(period, now);
    aggregator.add(record({ id: "b", rule_name: null, timestamp: Date.parse("2026-07-02T00:00:00Z") }));
    aggregator.add(record({ id: "a", rule_name: "Later name", timestamp: Date.parse("2026-07-01T00:00:00Z") }));
    aggregator.add(record({ id: "c", rule_name: "Ignored", timestamp: Date.parse("2026-07-03T23:59:59.999Z") }));
    aggregator.add(
      record({
        id: "d",
        rule_id: null,
        rule_name: null,
        severity: "info",
        triage_state: "unknown",
        timestamp: Date.parse("2026-07-02T12:00:00Z"),
      }),
    );
    const result = aggregator.result("signals.jsonl", { by_severity: {}, rules: [], unparsable_rules: [] });
    expect(result.by_rule.map(({ high_critical, ...rule }) => rule)).toEqual([
      {
        rule_id: "(no rule)",
        rule_name: null,
        count: 1,
        by_severity: { info: 1 },
        first_seen: "2026-07-02T12:00:00.000Z",
        last_seen: "2026-07-02T12:00:00.000Z",
      },
      {
        rule_id: "r1",
        rule_name: "Later name",
        count: 3,
        by_severity: { high: 3 },
        first_seen: "2026-07-01T00:00:00.000Z",
        last_seen: "2026-07-03T23:59:59.999Z",
      },
    ]);
    expect(result.by_day).toEqual([
      { date: "2026-07-01", count: 1 },
      { date: "2026-07-02", count: 2 },
      { date: "2026-07-03", count: 1 },
    ]);
    expect(result.total).toBe(4);
    expect(result.by_triage_state).toEqual({ archived: 3, unknown: 1 });
    expect(result.routing).toEqual({ by_severity: {}, rules: [], unparsable_rules: [] });
    expect(aggregator.result(null).routing).toBeNull();
  });

  it("times triage only when it can: unknown states are not timed, a change before the signal is untimed", () => {
    const aggregator = new SignalAggregator(period, now);
    const at = Date.parse("2026-07-02T00:00:00Z");
    aggregator.add(record({ timestamp: at, triage_state: "unknown", triage_updated_at: at + MINUTE }));
    aggregator.add(record({ timestamp: at, triage_state: "archived", triage_updated_at: at - 1 }));
    aggregator.add(record({ timestamp: at, triage_state: "under_review", triage_updated_at: at }));
    aggregator.add(record({ timestamp: now + 10 * MINUTE, triage_state: "open", severity: "critical" }));
    aggregator.add(record({ timestamp: now - 6 * MINUTE, triage_state: "open", severity: "critical" }));
    const { triage_by_severity: triage, by_rule: byRule } = aggregator.result(null);
    const high = triage.high!;
    expect(high.count).toBe(3);
    expect(high.left_open_untimed).toBe(1);
    expect(high.left_open.counts[0]).toBe(1);
    expect(high.left_open.counts.reduce((sum, count) => sum + count, 0)).toBe(1);
    expect(high.still_open.counts.reduce((sum, count) => sum + count, 0)).toBe(0);
    // Opened "after" collection (a clock ahead) is zero minutes old; six minutes old is in the 15-minute bucket.
    expect(triage.critical!.still_open.counts.slice(0, 2)).toEqual([1, 1]);
    expect(byRule[0]!.high_critical.count).toBe(5);
  });

  it("counts no day for a signal before the period's first day", () => {
    const aggregator = new SignalAggregator(period, now);
    aggregator.add(record({ timestamp: Date.parse("2026-06-30T23:59:59.999Z") }));
    aggregator.add(record({ timestamp: Date.parse("2026-07-03T00:00:00Z") }));
    expect(aggregator.result(null).by_day.map((day) => day.count)).toEqual([0, 0, 1]);
  });
});

describe("time slices", () => {
  const at = (iso: string) => new Date(iso);

  it("cuts at whole seconds between evenly spaced edges", () => {
    const slices = timeSlices(at("2026-07-01T00:00:00Z"), at("2026-07-01T00:00:10Z"), 3);
    expect(slices.map((slice) => [slice.from.toISOString(), slice.to.toISOString()])).toEqual([
      ["2026-07-01T00:00:00.000Z", "2026-07-01T00:00:03.000Z"],
      ["2026-07-01T00:00:03.000Z", "2026-07-01T00:00:06.000Z"],
      ["2026-07-01T00:00:06.000Z", "2026-07-01T00:00:10.000Z"],
    ]);
  });

  it("never cuts more slices than whole seconds, nor fewer than one", () => {
    expect(timeSlices(at("2026-07-01T00:00:00Z"), at("2026-07-01T00:00:02.500Z"), 8)).toHaveLength(2);
    expect(timeSlices(at("2026-07-01T00:00:00Z"), at("2026-07-01T00:00:00.900Z"), 8)).toEqual([
      { from: at("2026-07-01T00:00:00Z"), to: at("2026-07-01T00:00:00.900Z") },
    ]);
    expect(timeSlices(at("2026-07-01T00:00:00Z"), at("2026-07-01T01:00:00Z"), 0)).toHaveLength(1);
  });

  it("widens a window already on whole seconds by exactly one second each side", () => {
    const window = requestWindow({ from: at("2026-07-01T00:00:00Z"), to: at("2026-07-02T00:00:00Z") });
    expect([window.from.toISOString(), window.to.toISOString()]).toEqual([
      "2026-06-30T23:59:59.000Z",
      "2026-07-02T00:00:01.000Z",
    ]);
    expect(
      requestWindow({ from: at("2026-07-01T00:00:00.999Z"), to: at("2026-07-02T00:00:00.001Z") }).to.toISOString(),
    ).toBe("2026-07-02T00:00:02.000Z");
    expect(secondStart(Date.parse("2026-07-01T00:00:00.999Z"))).toBe(Date.parse("2026-07-01T00:00:00Z"));
  });

  it("plans from the measured latency when the limit names no period, and never fewer than one slice", () => {
    expect(planSliceCount({ limit: { limit: 300, periodSeconds: 0 }, latencyMs: 50, pagesLeft: 100, cap: 8 })).toBe(4);
    expect(planSliceCount({ limit: { limit: 1, periodSeconds: 60 }, latencyMs: 100, pagesLeft: 100, cap: 8 })).toBe(1);
    expect(planSliceCount({ limit: undefined, latencyMs: 0, pagesLeft: 100, cap: 8 })).toBe(1);
    expect(planSliceCount({ limit: undefined, latencyMs: 50, pagesLeft: 0, cap: 8 })).toBe(1);
    expect(planSliceCount({ limit: { limit: 300, periodSeconds: 60 }, latencyMs: 1000, pagesLeft: 100, cap: 8 })).toBe(
      8,
    );
    expect(planSliceCount({ limit: { limit: 15, periodSeconds: 60 }, latencyMs: 1000, pagesLeft: 100, cap: 8 })).toBe(
      1,
    );
    expect(planSliceCount({ limit: { limit: 16, periodSeconds: 60 }, latencyMs: 1000, pagesLeft: 100, cap: 8 })).toBe(
      2,
    );
  });
});

describe("a signal's values for a scope query", () => {
  it("reads tags by prefix whatever their case, reserved attributes, and @ paths through lists", () => {
    const signal = record({
      tags: ["Env:prod", "env:blue", "environment:x", "service:api"],
      reserved: { host: "web-1", service: "cloudtrail", status: "high" },
      fields: [{ usr: [{ id: "root" }, { id: 0 }], network: { client: { ip: "10.0.0.1" } }, nested: { deep: {} } }],
    });
    const lookup = signalLookup(signal);
    expect(lookup("env")).toEqual(["prod", "blue"]);
    expect(lookup("SERVICE")).toEqual(["api", "cloudtrail"]);
    expect(lookup("host")).toEqual(["web-1"]);
    expect(lookup("@usr.id")).toEqual(["root", "0"]);
    expect(lookup("@network.client.ip")).toEqual(["10.0.0.1"]);
    expect(lookup("@nested.deep")).toEqual([]);
    expect(lookup("@network.client.ip.more")).toEqual([]);
    expect(lookup("@missing")).toEqual([]);
    expect(lookup("region")).toEqual([]);
  });
});

describe("the population file", () => {
  it("joins its slices in order into a file only its owner and group can read, and removes the slices", async () => {
    const dir = scratchDir("population");
    const population = await SignalPopulation.create(dir, 3);
    await population.writer(2).write(signalLine(record({ id: "late" })));
    await population.writer(0).write(signalLine(record({ id: "early" })));
    expect(await population.commit()).toBe("signals.jsonl");
    expect(readdirSync(dir)).toEqual(["signals.jsonl"]);
    const lines = readFileSync(join(dir, "signals.jsonl"), "utf8").trimEnd().split("\n");
    expect(lines.map((line) => (JSON.parse(line) as { id: string }).id)).toEqual(["early", "late"]);
    expect(statSync(join(dir, "signals.jsonl")).mode & 0o777).toBe(0o640);
  });

  it("leaves nothing when aborted", async () => {
    const dir = scratchDir("population");
    const population = await SignalPopulation.create(dir, 2);
    await population.writer(1).write(signalLine(record({ id: "x" })));
    await population.abort();
    expect(readdirSync(dir)).toEqual([]);
  });
});
