/**
 * Calendar days in a named time zone, for daily buckets that start at local
 * midnight (the logs aggregate `options.timezone`). Uses Intl only, so the
 * simulator needs no date library.
 */
import { DAY_MS } from "./time-units.js";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    // Throws a RangeError for an unknown zone, which callers report as a bad request.
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function zoneOffsetMs(timeZone: string, epochMs: number): number {
  const parts = formatter(timeZone).formatToParts(new Date(epochMs));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wallClock = Date.UTC(
    part("year"),
    part("month") - 1,
    part("day"),
    part("hour"),
    part("minute"),
    part("second"),
  );
  return wallClock - Math.floor(epochMs / 1000) * 1000;
}

/** The instant of local midnight starting the day that contains `epochMs`. */
export function startOfLocalDay(timeZone: string, epochMs: number): number {
  const offset = zoneOffsetMs(timeZone, epochMs);
  const localMidnight = Math.floor((epochMs + offset) / DAY_MS) * DAY_MS;
  // The offset at midnight can differ from the one at `epochMs` (DST change that day).
  return localMidnight - zoneOffsetMs(timeZone, localMidnight - offset);
}

/** Local midnight `days` calendar days after the one starting at `dayStartMs`. */
export function addLocalDays(timeZone: string, dayStartMs: number, days: number): number {
  // Noon of the target day is never ambiguous, whatever the DST rules.
  return startOfLocalDay(timeZone, dayStartMs + days * DAY_MS + DAY_MS / 2);
}
