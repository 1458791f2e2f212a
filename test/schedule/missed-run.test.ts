/** Missed runs: the previous scheduled time in the job's zone, and whether the index has a run for it. */
import { describe, expect, it } from "vitest";
import { INDEX_FORMAT, type RunEntry, type RunIndex } from "../../src/schedule/history-index.js";
import { missedScheduledTime, previousScheduledTime } from "../../src/schedule/missed-run.js";

function at(cron: string, timezone: string, now: string): string {
  const previous = previousScheduledTime(cron, timezone, new Date(now));
  if (!previous.ok) throw new Error(previous.why);
  return previous.at.toISOString();
}

describe("previousScheduledTime", () => {
  it.each([
    ["0 2 * * *", "UTC", "2026-11-29T09:30:00Z", "2026-11-29T02:00:00.000Z"],
    ["0 2 * * *", "UTC", "2026-11-29T01:59:59Z", "2026-11-28T02:00:00.000Z"],
    ["0 2 * * *", "Europe/Paris", "2026-11-29T09:30:00Z", "2026-11-29T01:00:00.000Z"],
    ["0 6 1 1,4,7,10 *", "UTC", "2026-11-29T09:30:00Z", "2026-10-01T06:00:00.000Z"],
    ["*/10 * * * * *", "UTC", "2026-11-29T09:30:07Z", "2026-11-29T09:30:00.000Z"],
  ])("%s in %s before %s is %s", (cron, timezone, now, expected) => {
    expect(at(cron, timezone, now)).toBe(expected);
  });

  it("declines expressions the two cron libraries would read differently", () => {
    expect(previousScheduledTime("0 0 15W * *", "UTC", new Date())).toMatchObject({
      ok: false,
      why: expect.stringContaining('"0 0 15W * *"'),
    });
    expect(previousScheduledTime("0 2 1 * 1", "UTC", new Date())).toEqual({
      ok: false,
      why: "both day of month and day of week are restricted, which cron libraries read differently",
    });
  });
});

describe("missedScheduledTime", () => {
  const scheduled = new Date("2026-11-29T02:00:00Z");
  const index = (startedAt: string[]): RunIndex => ({
    format: INDEX_FORMAT,
    job: "nightly",
    kind: "gap",
    runs: startedAt.map(
      (started, i): RunEntry => ({
        id: `2026-11-2${i}T000000Z`,
        status: "failed",
        trigger: "schedule",
        started_at: started,
        finished_at: started,
        period: null,
        pack_dir: null,
        missing_evidence: [],
        summary: null,
        error: "x",
      }),
    ),
  });

  it("is the scheduled time when the last run started before it, or when the job never ran", () => {
    expect(missedScheduledTime(index(["2026-11-27T02:00:01Z", "2026-11-28T02:00:01Z"]), scheduled)).toEqual(scheduled);
    expect(missedScheduledTime(index([]), scheduled)).toEqual(scheduled);
  });

  it("is null when a run started at or after it (failed runs count: the schedule was kept)", () => {
    expect(missedScheduledTime(index(["2026-11-29T02:00:00.200Z"]), scheduled)).toBeNull();
  });
});
