/** The shared measuring helpers: ingestion window, shares, triage buckets, agent versions. */
import { describe, expect, it } from "vitest";
import { versionAtLeast } from "../../src/assess/agent-version.js";
import { meetsShare, percent } from "../../src/assess/figures.js";
import { IngestionPolicy, isIngesting, recentWindowStart } from "../../src/assess/ingestion.js";
import { describeShortfalls, tallyShortfalls } from "../../src/assess/shortfalls.js";
import { countWithin, slaFigures, stillOpenBeyondDays } from "../../src/assess/triage-sla.js";
import { histogram, lastDays, PERIOD, sourceVolume, triageStats } from "./fixtures/snapshot-builder.js";

describe("ingestion", () => {
  const policy = IngestionPolicy.parse({});
  it("defaults to the last 7 days of the period, `to` being exclusive", () => {
    expect(recentWindowStart(PERIOD, policy)).toBe("2026-09-24");
    expect(recentWindowStart({ ...PERIOD, to: "2026-09-30T12:00:00Z" }, policy)).toBe("2026-09-24");
  });
  it("counts a source with data on the first day of the window, not the day before", () => {
    expect(isIngesting(sourceVolume("a", ["2026-09-24"]), PERIOD, policy)).toBe(true);
    expect(isIngesting(sourceVolume("a", ["2026-09-23"]), PERIOD, policy)).toBe(false);
  });
  it("ignores listed days with a zero count", () => {
    const volume = { ...sourceVolume("a", lastDays(1)), days: [{ date: "2026-09-30", count: 0 }] };
    expect(isIngesting(volume, PERIOD, policy)).toBe(false);
  });
  it("judges the window in the period's time zone", () => {
    const paris = { ...PERIOD, from: "2026-06-30T22:00:00Z", to: "2026-09-30T22:00:00Z", timezone: "Europe/Paris" };
    expect(recentWindowStart(paris, IngestionPolicy.parse({ recent_days: 1 }))).toBe("2026-09-30");
  });
});

describe("shares", () => {
  it("compares at the boundary without float loss", () => {
    expect(meetsShare(19, 20, 0.95)).toBe(true);
    expect(meetsShare(18, 20, 0.95)).toBe(false);
    expect(meetsShare(83, 92, 0.9)).toBe(true);
    expect(meetsShare(82, 92, 0.9)).toBe(false);
    expect(meetsShare(0, 0, 0)).toBe(false);
  });
  it("rounds percentages down", () => {
    expect(percent(31, 33)).toBe(93.9);
    expect(percent(2, 3)).toBe(66.6);
    expect(percent(1, 1)).toBe(100);
  });
});

describe("triage buckets", () => {
  // Buckets ≤15, ≤60, ≤240, ≤1440, ≤10080, unbounded.
  const h = histogram([1, 2, 3, 4, 5, 6]);
  it("counts buckets whose upper bound is at or below the limit", () => {
    expect(countWithin(h, 60)).toBe(3);
    expect(countWithin(h, 59)).toBe(1);
    expect(countWithin(h, 61)).toBe(3);
    expect(countWithin(h, 1_000_000)).toBe(15);
  });
  it("judges still-open signals that may be past the SLA, and counts untimed ones as missed", () => {
    expect(slaFigures(triageStats([4, 1], [2, 0, 1], 1), 60)).toEqual({
      met: 5,
      considered: 5 + 1 + 1,
      untimed: 1,
      unrecorded: 0,
    });
  });
  it("counts signals whose triage state was not recorded as missed", () => {
    expect(slaFigures({ ...triageStats([4]), count: 10 }, 60)).toEqual({
      met: 4,
      considered: 10,
      untimed: 0,
      unrecorded: 6,
    });
  });
  it("flags still-open signals that may be older than N days", () => {
    const stats = triageStats([], [0, 0, 0, 1, 1, 1]);
    expect(stillOpenBeyondDays(stats, 7)).toBe(1);
    expect(stillOpenBeyondDays(stats, 1)).toBe(2);
    expect(stillOpenBeyondDays(stats, 0.5)).toBe(3);
  });
});

describe("agent versions", () => {
  it("compares numeric parts; a release candidate counts as its release", () => {
    expect(versionAtLeast("7.50.0", "7.50.0")).toBe(true);
    expect(versionAtLeast("7.50.0-rc.2", "7.50")).toBe(true);
    expect(versionAtLeast("7.49.12", "7.50.0")).toBe(false);
    expect(versionAtLeast("7.100.0", "7.50.0")).toBe(true);
    expect(versionAtLeast(null, "7.0.0")).toBe(false);
    expect(versionAtLeast("unknown", "7.0.0")).toBe(false);
  });
});

describe("shortfall tally", () => {
  const labels = { slow: "too slow", old: "too old" };
  const items = [
    { id: "a", problems: [] as ("slow" | "old")[] },
    { id: "b", problems: ["slow", "old"] as ("slow" | "old")[] },
    { id: "c", problems: ["old"] as ("slow" | "old")[] },
  ];
  it("counts items meeting everything, misses per requirement, and labels the items that miss", () => {
    const tally = tallyShortfalls(
      items,
      labels,
      (item) => item.problems,
      (item) => ({ type: "host", id: item.id, name: `host ${item.id}` }),
    );
    expect(tally).toEqual({
      ok: 1,
      counts: { slow: 1, old: 2 },
      evidence: [
        { type: "host", id: "b", label: "host b (too slow, too old)" },
        { type: "host", id: "c", label: "host c (too old)" },
      ],
    });
    expect(describeShortfalls(tally, labels)).toEqual(["1 too slow", "2 too old"]);
  });
  it("labels an item without a name by what it misses alone, and leaves requirements nobody missed unsaid", () => {
    const tally = tallyShortfalls(
      items.slice(2),
      labels,
      (item) => item.problems,
      (item) => ({ type: "host", id: item.id }),
    );
    expect(tally).toEqual({
      ok: 0,
      counts: { slow: 0, old: 1 },
      evidence: [{ type: "host", id: "c", label: "too old" }],
    });
    expect(describeShortfalls(tally, labels)).toEqual(["1 too old"]);
  });
});
