/**
 * The small readers every collector shares, value by value: timestamps as
 * Datadog mixes them, the client's wrappers for what it could not parse,
 * and the period as ddproof enforces it on event records.
 */
import { describe, expect, it } from "vitest";
import { PeriodFilter } from "../../src/collectors/period-filter.js";
import { isUnparsed, plainText, rawList } from "../../src/collectors/salvage.js";
import { isoFromDateLike, isoFromEpochMs, isoFromEpochSeconds } from "../../src/collectors/timestamps.js";

describe("timestamps", () => {
  it("reads epoch milliseconds and Dates; zero, negative, infinite, invalid and other kinds are none", () => {
    expect(isoFromEpochMs(1715358872108)).toBe("2024-05-10T16:34:32.108Z");
    expect(isoFromEpochMs(1)).toBe("1970-01-01T00:00:00.001Z");
    expect(isoFromEpochMs(new Date("2026-07-01T00:00:00.250Z"))).toBe("2026-07-01T00:00:00.250Z");
    for (const value of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, "1715358872108", null, undefined, new Date("x")])
      expect(isoFromEpochMs(value), String(value)).toBeNull();
  });

  it("reads epoch seconds as whole seconds, and only numbers", () => {
    expect(isoFromEpochSeconds(1641906477)).toBe("2022-01-11T13:07:57.000Z");
    expect(isoFromEpochSeconds("1641906477")).toBeNull();
    expect(isoFromEpochSeconds(undefined)).toBeNull();
    expect(isoFromEpochSeconds(0)).toBeNull();
  });

  it("normalises an ISO string, a Date or epoch milliseconds; anything else is none", () => {
    expect(isoFromDateLike("2022-04-13T09:21:13.750599")).toBe(new Date("2022-04-13T09:21:13.750599").toISOString());
    expect(isoFromDateLike("2022-04-13T11:21:13+02:00")).toBe("2022-04-13T09:21:13.000Z");
    expect(isoFromDateLike(new Date("2022-04-13T09:21:13.750Z"))).toBe("2022-04-13T09:21:13.750Z");
    expect(isoFromDateLike(1649841673750)).toBe("2022-04-13T09:21:13.750Z");
    for (const value of ["yesterday", "", null, undefined, {}, true, new Date("x")])
      expect(isoFromDateLike(value), String(value)).toBeNull();
  });
});

describe("the client's wrappers", () => {
  it("unwraps an unknown enum value, nested too, and reads anything but a string as none", () => {
    expect(plainText("high")).toBe("high");
    expect(plainText({ _data: "urgent" })).toBe("urgent");
    expect(plainText({ _data: { _data: "deep" } })).toBe("deep");
    expect(plainText({ _data: 5 })).toBeNull();
    expect(plainText(5)).toBeNull();
    expect(plainText(null)).toBeNull();
    expect(plainText({ value: "x" })).toBeNull();
  });

  it("tells an item the client could not fully parse", () => {
    expect(isUnparsed({ _unparsed: true, id: "a" })).toBe(true);
    expect(isUnparsed({ _data: { id: "a" } })).toBe(true);
    expect(isUnparsed(null)).toBe(true);
    expect(isUnparsed("a")).toBe(true);
    expect(isUnparsed({ id: "a" })).toBe(false);
    expect(isUnparsed({ _unparsed: false, id: "a" })).toBe(false);
    expect(isUnparsed({ _unparsed: "true", id: "a" })).toBe(false);
    expect(isUnparsed({ _data: "x", id: "a" })).toBe(false);
  });

  it("lists the raw items under a key, and none when the body has no list there", () => {
    expect(rawList({ data: [1, 2] }, "data")).toEqual([1, 2]);
    expect(rawList({ data: { 0: 1 } }, "data")).toEqual([]);
    expect(rawList({ items: [1] }, "data")).toEqual([]);
    expect(rawList(null, "data")).toEqual([]);
    expect(rawList("data", "data")).toEqual([]);
  });
});

describe("PeriodFilter", () => {
  const period = { from: new Date("2026-07-01T00:00:00Z"), to: new Date("2026-08-01T00:00:00Z") };
  const from = period.from.getTime();
  const to = period.to.getTime();

  it("admits [from, to) and counts every record outside it", () => {
    const filter = new PeriodFilter(period);
    expect([from - 1, from, to - 1, to, to + 1].map((time) => filter.admit(time))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
    expect(filter.count).toBe(3);
  });

  it("keeps a slice's records; one of another slice is left to it uncounted, one outside the period is counted", () => {
    const filter = new PeriodFilter(period);
    const slice = { from: new Date(from + 1000), to: new Date(from + 2000) };
    const records = [from - 5, from + 999, from + 1000, from + 1999, from + 2000, to].map((timestamp) => ({
      timestamp,
    }));
    expect([...filter.keep(slice, records)].map((record) => record.timestamp - from)).toEqual([1000, 1999]);
    expect(filter.count).toBe(2);
    expect(filter.contains(slice, from + 1000)).toBe(true);
    expect(filter.contains(slice, from + 2000)).toBe(false);
    expect(filter.contains(slice, from + 999)).toBe(false);
  });
});
