/**
 * Missed runs: with `run_missed_on_start`, a job whose most recent scheduled
 * time is later than the last run in its index runs once when the daemon
 * starts (a job that never ran counts as missed).
 *
 * node-cron runs the schedule but cannot look backwards, so the previous
 * scheduled time comes from cron-parser, read in the job's time zone. The two
 * disagree in two corners, where missed-run detection is skipped with a
 * warning instead of guessing: expressions cron-parser cannot read (node-cron's
 * `W` day-of-month modifier, `L-n`), and a restricted day of month together
 * with a restricted day of week (node-cron requires both, cron-parser either).
 */
import { CronExpressionParser } from "cron-parser";
import { chronological, type RunIndex } from "./history-index.js";

export type PreviousSchedule = { ok: true; at: Date } | { ok: false; why: string };

function restricted(field: string | undefined): boolean {
  return field !== undefined && field !== "*" && field !== "?";
}

export function previousScheduledTime(cron: string, timezone: string, now: Date): PreviousSchedule {
  const fields = cron.trim().split(/\s+/);
  const [dayOfMonth, dayOfWeek] = fields.length === 6 ? [fields[3], fields[5]] : [fields[2], fields[4]];
  if (restricted(dayOfMonth) && restricted(dayOfWeek)) {
    return {
      ok: false,
      why: "both day of month and day of week are restricted, which cron libraries read differently",
    };
  }
  try {
    return { ok: true, at: CronExpressionParser.parse(cron, { currentDate: now, tz: timezone }).prev().toDate() };
  } catch (error) {
    return { ok: false, why: `cannot work out earlier scheduled times of "${cron}" (${(error as Error).message})` };
  }
}

/** The scheduled time the job missed, or null when its last run is at or after it. */
export function missedScheduledTime(index: RunIndex, previous: Date): Date | null {
  const last = chronological(index.runs).at(-1);
  if (last === undefined) return previous;
  return Date.parse(last.started_at) < previous.getTime() ? previous : null;
}
