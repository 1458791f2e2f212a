/** The ingestion window's edges and the triage histogram arithmetic, figure by figure. */
import { describe, expect, it } from "vitest";
import {
  daysWithData,
  IngestionPolicy,
  ingestingMatches,
  ingestingSources,
  isIngesting,
  recentWindowStart,
} from "../../src/assess/ingestion.js";
import { countMaybeBeyond, countWithin, slaFigures, stillOpenBeyondDays } from "../../src/assess/triage-sla.js";
import { histogram, PERIOD, sourceVolume, triageStats } from "./fixtures/snapshot-builder.js";

describe("the recent window", () => {
  it("starts recent_days - 1 days before the period's last day", () => {
    expect(recentWindowStart(PERIOD, IngestionPolicy.parse({ recent_days: 1 }))).toBe("2026-09-30");
    expect(recentWindowStart(PERIOD, IngestionPolicy.parse({ recent_days: 2 }))).toBe("2026-09-29");
    expect(recentWindowStart(PERIOD, IngestionPolicy.parse({ recent_days: 30 }))).toBe("2026-09-01");
  });
  it("a period ending at midnight ends on the day before, one ending a millisecond later on that day", () => {
    const policy = IngestionPolicy.parse({ recent_days: 1 });
    expect(recentWindowStart({ ...PERIOD, to: "2026-09-15T00:00:00Z" }, policy)).toBe("2026-09-14");
    expect(recentWindowStart({ ...PERIOD, to: "2026-09-15T00:00:00.001Z" }, policy)).toBe("2026-09-15");
  });
  it("the same end in another zone or with another length is its own window", () => {
    const policy = IngestionPolicy.parse({ recent_days: 1 });
    const utc = { ...PERIOD, to: "2026-09-15T03:00:00Z" };
    expect(recentWindowStart(utc, policy)).toBe("2026-09-15");
    expect(recentWindowStart({ ...utc, timezone: "America/New_York" }, policy)).toBe("2026-09-14");
    expect(recentWindowStart(utc, IngestionPolicy.parse({ recent_days: 3 }))).toBe("2026-09-13");
  });
  it("refuses a window that is not a positive whole number of days, and nothing else in the policy", () => {
    expect(IngestionPolicy.safeParse({ recent_days: 0 }).success).toBe(false);
    expect(IngestionPolicy.safeParse({ recent_days: 1.5 }).success).toBe(false);
    expect(IngestionPolicy.safeParse({ recent_days: 7, days: 1 }).success).toBe(false);
    expect(IngestionPolicy.parse({})).toEqual({ recent_days: 7 });
  });
});

describe("ingesting sources", () => {
  const policy = IngestionPolicy.parse({});
  it("counts days with data, not days listed", () => {
    const volume = {
      ...sourceVolume("a", []),
      days: [
        { date: "2026-09-01", count: 5 },
        { date: "2026-09-02", count: 0 },
        { date: "2026-09-03", count: 1 },
      ],
    };
    expect(daysWithData(volume)).toBe(2);
  });
  it("a source with data only before the window is not ingesting; one with data on its last day is", () => {
    expect(isIngesting(sourceVolume("a", ["2026-09-30"]), PERIOD, policy)).toBe(true);
    expect(isIngesting(sourceVolume("a", ["2026-07-01", "2026-09-23"]), PERIOD, policy)).toBe(false);
    expect(isIngesting(sourceVolume("a", []), PERIOD, policy)).toBe(false);
    expect(isIngesting(sourceVolume("a", ["2026-07-01", "2026-09-30"]), PERIOD, policy)).toBe(true);
  });
  it("names the ingesting sources in lower case", () => {
    const volumes = [
      sourceVolume("CloudTrail", ["2026-09-28"]),
      sourceVolume("okta", ["2026-08-01"]),
      sourceVolume("GitHub", ["2026-09-30"]),
    ];
    expect([...ingestingSources(volumes, PERIOD, policy)]).toEqual(["cloudtrail", "github"]);
  });
  it("matches a pattern in any case against ingesting sources, sorted", () => {
    const ingesting = new Set(["azure.storage", "azure.activity_logs", "aws", "azure"]);
    expect(ingestingMatches("AZURE.*", ingesting)).toEqual(["azure.activity_logs", "azure.storage"]);
    expect(ingestingMatches("Aws", ingesting)).toEqual(["aws"]);
    expect(ingestingMatches("gcp", ingesting)).toEqual([]);
  });
});

describe("triage histograms", () => {
  // Buckets ≤15, ≤60, ≤240, ≤1440, ≤10080, unbounded.
  const h = histogram([1, 2, 3, 4, 5, 6]);
  it("counts nothing within a limit below the first bound, and never the unbounded bucket", () => {
    expect(countWithin(h, 14)).toBe(0);
    expect(countWithin(h, 15)).toBe(1);
    expect(countWithin(h, 10080)).toBe(15);
    expect(countWithin(h, Number.POSITIVE_INFINITY)).toBe(15);
  });
  it("counts everything not certainly within as maybe beyond", () => {
    expect(countMaybeBeyond(h, 60)).toBe(18);
    expect(countMaybeBeyond(h, 14)).toBe(21);
    expect(countMaybeBeyond(h, 10080)).toBe(6);
  });
  it("leaves still-open signals certainly younger than the SLA out of those considered", () => {
    // 3 left open within 15 min, 2 within 4 h; still open: 4 within 15 min, 1 within 1 day.
    expect(slaFigures(triageStats([3, 0, 2], [4, 0, 0, 1]), 60)).toEqual({
      met: 3,
      considered: 5 + 1,
      untimed: 0,
      unrecorded: 0,
    });
    expect(slaFigures(triageStats([3, 0, 2], [4, 0, 0, 1]), 240)).toEqual({
      met: 5,
      considered: 5 + 1,
      untimed: 0,
      unrecorded: 0,
    });
    expect(slaFigures(triageStats([3, 0, 2], [4, 0, 0, 1]), 1440)).toEqual({
      met: 5,
      considered: 5,
      untimed: 0,
      unrecorded: 0,
    });
  });
  it("never counts fewer than zero unrecorded signals", () => {
    expect(slaFigures({ ...triageStats([2], [1], 1), count: 1 }, 60)).toEqual({
      met: 2,
      considered: 2 + 1,
      untimed: 1,
      unrecorded: 0,
    });
  });
  it("counts untimed signals once in the recorded total", () => {
    // 2 timed, 3 untimed, 1 still open, 6 in all: nothing unrecorded.
    expect(slaFigures(triageStats([2], [0, 0, 0, 0, 0, 1], 3), 60)).toEqual({
      met: 2,
      considered: 2 + 3 + 1,
      untimed: 3,
      unrecorded: 0,
    });
  });
  it("flags still-open signals older than a number of days, at the bucket edges", () => {
    const stats = triageStats([], [1, 1, 1, 1, 1, 1]);
    expect(stillOpenBeyondDays(stats, 7)).toBe(1);
    expect(stillOpenBeyondDays(stats, 2)).toBe(2);
    expect(stillOpenBeyondDays(stats, 1 / 6)).toBe(3);
    expect(stillOpenBeyondDays(stats, 1 / 24)).toBe(4);
  });
});
