import { describe, expect, it } from "vitest";
import { SignalAggregator } from "../../src/collectors/signals/aggregate.js";
import { readSignal } from "../../src/collectors/signals/read-signal.js";
import { planSliceCount, requestWindow, timeSlices } from "../../src/collectors/signals/slice-plan.js";
import { resolvePeriod } from "../../src/config/period.js";
import { signalRecord } from "../helpers/signal-record.js";

const period = resolvePeriod("2026-09", "Europe/Paris");
const NOW = Date.parse("2026-10-05T00:00:00Z");
const MINUTE = 60_000;

const signal = signalRecord;

describe("SignalAggregator", () => {
  it("counts per severity, triage state, rule and local day", () => {
    const aggregator = new SignalAggregator(period, NOW);
    // 2026-08-31T22:30Z is 00:30 on 1 September in Paris: the first day of the period.
    aggregator.add(
      signal({ id: "a", timestamp: Date.parse("2026-08-31T22:30:00Z"), severity: "low", triage_state: "open" }),
    );
    aggregator.add(signal({ id: "b", rule_id: "r2", rule_name: null, severity: "critical" }));
    aggregator.add(
      signal({ id: "c", rule_id: "r2", rule_name: "Rule two", severity: "critical", triage_state: "under_review" }),
    );
    const result = aggregator.result("signals.jsonl");
    expect(result.total).toBe(3);
    expect(result.by_severity).toEqual({ low: 1, critical: 2 });
    expect(result.by_triage_state).toEqual({ open: 1, archived: 1, under_review: 1 });
    expect(result.by_day).toHaveLength(30);
    expect(result.by_day[0]).toEqual({ date: "2026-09-01", count: 1 });
    expect(result.by_day.find((day) => day.date === "2026-09-10")?.count).toBe(2);
    expect(result.by_rule.map((rule) => [rule.rule_id, rule.rule_name, rule.count])).toEqual([
      ["r1", "Rule one", 1],
      ["r2", "Rule two", 2],
    ]);
    expect(result.population_file).toBe("signals.jsonl");
  });

  it("buckets time to leave open, and the age of signals still open", () => {
    const aggregator = new SignalAggregator(period, NOW);
    const created = Date.parse("2026-09-10T12:00:00Z");
    aggregator.add(signal({ id: "fast", timestamp: created, triage_updated_at: created + 60 * MINUTE }));
    aggregator.add(signal({ id: "slow", timestamp: created, triage_updated_at: created + 61 * MINUTE }));
    aggregator.add(signal({ id: "untimed", timestamp: created, triage_updated_at: null }));
    aggregator.add(signal({ id: "open", timestamp: NOW - 3 * 1440 * MINUTE, triage_state: "open" }));
    const high = aggregator.result(null).triage_by_severity.high!;
    expect(high.count).toBe(4);
    const bound = (histogram: { le_minutes: number[]; counts: number[] }, le: number) =>
      histogram.counts[histogram.le_minutes.indexOf(le)];
    expect(bound(high.left_open, 60)).toBe(1); // exactly 60 minutes is within the 60-minute bucket
    expect(bound(high.left_open, 120)).toBe(1);
    expect(high.left_open_untimed).toBe(1);
    expect(bound(high.still_open, 4320)).toBe(1);
    expect(aggregator.result(null).by_rule[0]!.high_critical.count).toBe(4);
  });

  it("does not count triage for medium signals in the rule's high/critical stats", () => {
    const aggregator = new SignalAggregator(period, NOW);
    aggregator.add(signal({ severity: "medium" }));
    expect(aggregator.result(null).by_rule[0]!.high_critical.count).toBe(0);
  });
});

describe("timeSlices", () => {
  it("cuts a period into contiguous, non-overlapping half-open slices", () => {
    const from = new Date("2026-07-01T00:00:00Z");
    const to = new Date("2026-10-01T00:00:00Z");
    const slices = timeSlices(from, to, 8);
    expect(slices).toHaveLength(8);
    expect(slices[0]!.from).toEqual(from);
    expect(slices.at(-1)!.to).toEqual(to);
    for (let i = 1; i < slices.length; i += 1) expect(slices[i]!.from.getTime()).toBe(slices[i - 1]!.to.getTime());
  });

  it("puts every inner edge on a whole second, which the client's second-only filters can express", () => {
    // A start with milliseconds (a rest-of-period after a first page) and an odd span.
    const from = new Date("2026-09-30T23:58:17.421Z");
    const to = new Date("2026-10-01T00:00:00Z");
    for (const count of [1, 2, 3, 7, 8, 200]) {
      const slices = timeSlices(from, to, count);
      expect(slices[0]!.from).toEqual(from);
      expect(slices.at(-1)!.to).toEqual(to);
      for (let i = 1; i < slices.length; i += 1) {
        expect(slices[i]!.from.getTime() % 1000).toBe(0);
        expect(slices[i]!.from.getTime()).toBe(slices[i - 1]!.to.getTime());
        expect(slices[i]!.from.getTime()).toBeGreaterThan(slices[i - 1]!.from.getTime());
      }
    }
  });

  it("widens each request to whole seconds and one more on each side", () => {
    const window = requestWindow({ from: new Date("2026-09-30T12:00:00.250Z"), to: new Date("2026-10-01T00:00:00Z") });
    expect(window.from.toISOString()).toBe("2026-09-30T11:59:59.000Z");
    expect(window.to.toISOString()).toBe("2026-10-01T00:00:01.000Z");
  });
});

describe("readSignal", () => {
  it("reads severity and workflow from the wire shape and from custom.workflow", () => {
    const wire = {
      id: "AAA",
      attributes: {
        timestamp: "2026-09-10T12:00:00.000Z",
        tags: ["source:cloudtrail"],
        status: "critical",
        attributes: {
          workflow: {
            rule: { id: "r1", name: "Rule" },
            triage: { state: "archived", state_update_timestamp: 1789051200000 },
          },
        },
      },
    };
    expect(readSignal(wire)).toMatchObject({
      id: "AAA",
      severity: "critical",
      rule_id: "r1",
      triage_state: "archived",
      triage_updated_at: 1789051200000,
    });
    const custom = {
      id: "B",
      attributes: {
        timestamp: new Date("2026-09-10T12:00:00Z"),
        additionalProperties: { status: "low" },
        custom: { workflow: { rule: { id: "r9" }, triage: { state: "open" } } },
      },
    };
    expect(readSignal(custom)).toMatchObject({
      severity: "low",
      rule_id: "r9",
      triage_state: "open",
      triage_updated_at: null,
    });
    expect(readSignal({ id: "C", attributes: {} })).toBeNull();
  });
});

describe("planSliceCount", () => {
  it.each([
    // limit per window, window seconds, latency ms, pages left, expected slices
    [300, 60, 115, 1049, 3], // the large benchmark org: a window's budget spent in a quarter window
    [300, 60, 10, 4, 1], // a small org on a fast link: one slice is enough
    [10_000, 60, 115, 5000, 8], // a generous limit: capped
    [300, 60, 115, 1.5, 2], // never more slices than pages left
  ])("limit %i per %i s, %i ms a page, %f pages left → %i slices", (limit, period, latency, pagesLeft, expected) => {
    expect(planSliceCount({ limit: { limit, periodSeconds: period }, latencyMs: latency, pagesLeft, cap: 8 })).toBe(
      expected,
    );
  });

  it("assumes one page per round trip when no limit is announced", () => {
    expect(planSliceCount({ limit: undefined, latencyMs: 50, pagesLeft: 100, cap: 8 })).toBe(4);
  });
});
