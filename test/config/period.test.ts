import { describe, expect, it } from "vitest";
import { customPeriod, periodDays, resolvePeriod } from "../../src/config/period.js";
import { InputError } from "../../src/errors.js";

const NOW = new Date("2026-11-29T10:30:00Z");

describe("resolvePeriod", () => {
  it.each([
    ["2026-Q3", "UTC", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"],
    ["2026-Q1", "Europe/Paris", "2025-12-31T23:00:00Z", "2026-03-31T22:00:00Z"],
    ["2026-q4", "America/New_York", "2026-10-01T04:00:00Z", "2027-01-01T05:00:00Z"],
    ["2026-09", "UTC", "2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z"],
    ["2026-02", "Asia/Tokyo", "2026-01-31T15:00:00Z", "2026-02-28T15:00:00Z"],
    ["last-24h", "UTC", "2026-11-28T10:30:00Z", "2026-11-29T10:30:00Z"],
    ["last-7d", "UTC", "2026-11-22T10:30:00Z", "2026-11-29T10:30:00Z"],
    ["last-90d", "UTC", "2026-08-31T10:30:00Z", "2026-11-29T10:30:00Z"],
    ["previous-quarter", "UTC", "2026-07-01T00:00:00Z", "2026-10-01T00:00:00Z"],
    ["previous-month", "UTC", "2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z"],
    ["yesterday", "Europe/Paris", "2026-11-27T23:00:00Z", "2026-11-28T23:00:00Z"],
  ])("%s in %s", (expression, zone, from, to) => {
    const period = resolvePeriod(expression, zone, NOW);
    expect(period.from).toBe(from);
    expect(period.to).toBe(to);
    expect(period.timezone).toBe(zone);
  });

  it("labels quarters canonically, including a previous-quarter rule", () => {
    expect(resolvePeriod("2026-q3", "UTC", NOW).label).toBe("2026-Q3");
    expect(resolvePeriod("previous-quarter", "UTC", new Date("2026-01-15T00:00:00Z")).label).toBe("2025-Q4");
  });

  it.each(["2026-Q5", "2026-13", "last-0d", "last-24x", "Q3", "", "tomorrow"])(
    "refuses %j with the accepted forms",
    (expression) => {
      expect(() => resolvePeriod(expression, "UTC", NOW)).toThrow(InputError);
      expect(() => resolvePeriod(expression, "UTC", NOW)).toThrow(/expected 2026-Q3, 2026-09, last-24h/);
    },
  );
});

describe("customPeriod", () => {
  it("reads dates in the configured zone", () => {
    const period = customPeriod("2026-03-01", "2026-03-02", "Europe/Paris");
    expect(period).toMatchObject({ label: "custom", from: "2026-02-28T23:00:00Z", to: "2026-03-01T23:00:00Z" });
  });
  it("refuses an end before the start, and bad dates", () => {
    expect(() => customPeriod("2026-03-02", "2026-03-01", "UTC")).toThrow(/must be after/);
    expect(() => customPeriod("yesterday", "2026-03-01", "UTC")).toThrow(/--from "yesterday"/);
  });
});

describe("periodDays", () => {
  it("lists calendar days in the period's zone, across a DST change", () => {
    const days = periodDays(resolvePeriod("2026-03", "Europe/Paris", NOW));
    expect(days).toHaveLength(31);
    expect(days[0]).toBe("2026-03-01");
    expect(days.at(-1)).toBe("2026-03-31");
    expect(periodDays(resolvePeriod("2026-Q3", "UTC", NOW))).toHaveLength(92);
  });
  it("counts partial days of a rolling window", () => {
    expect(periodDays(resolvePeriod("last-24h", "UTC", NOW))).toEqual(["2026-11-28", "2026-11-29"]);
  });
});
