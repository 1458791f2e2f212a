/**
 * Turns a period expression into a concrete [from, to) window.
 *
 * Calendar periods (quarters, months, days) are computed in the configured
 * time zone, so `2026-Q3` in Europe/Paris starts at 2026-07-01T00:00+02:00.
 * Relative periods (`last-24h`) end at `now`.
 */
import { DateTime } from "luxon";
import { InputError } from "../errors.js";
import type { Period } from "../snapshot/schema.js";

export const PERIOD_HELP =
  "2026-Q3, 2026-09, last-24h, last-7d, last-30d, last-90d (any last-<N>h or last-<N>d), " +
  "previous-quarter, previous-month, yesterday, or --from/--to";

function toPeriod(label: string, from: DateTime, to: DateTime, timezone: string): Period {
  return {
    label,
    from: from.toUTC().toISO({ suppressMilliseconds: true })!,
    to: to.toUTC().toISO({ suppressMilliseconds: true })!,
    timezone,
  };
}

export function resolvePeriod(expression: string, timezone: string, now: Date = new Date()): Period {
  const text = expression.trim();
  const zonedNow = DateTime.fromJSDate(now, { zone: timezone });

  let match = /^(\d{4})-Q([1-4])$/i.exec(text);
  if (match) {
    const from = DateTime.fromObject(
      { year: Number(match[1]), month: (Number(match[2]) - 1) * 3 + 1, day: 1 },
      { zone: timezone },
    );
    return toPeriod(`${match[1]}-Q${match[2]}`, from, from.plus({ months: 3 }), timezone);
  }
  match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text);
  if (match) {
    const from = DateTime.fromObject({ year: Number(match[1]), month: Number(match[2]), day: 1 }, { zone: timezone });
    return toPeriod(text, from, from.plus({ months: 1 }), timezone);
  }
  match = /^last-([1-9]\d{0,3})([hd])$/.exec(text);
  if (match) {
    const amount = Number(match[1]);
    const from = match[2] === "h" ? zonedNow.minus({ hours: amount }) : zonedNow.minus({ days: amount });
    return toPeriod(text, from, zonedNow, timezone);
  }
  if (text === "previous-quarter") {
    const from = zonedNow.startOf("quarter").minus({ quarters: 1 });
    return toPeriod(`${from.year}-Q${from.quarter}`, from, from.plus({ months: 3 }), timezone);
  }
  if (text === "previous-month") {
    const from = zonedNow.startOf("month").minus({ months: 1 });
    return toPeriod(from.toFormat("yyyy-MM"), from, from.plus({ months: 1 }), timezone);
  }
  if (text === "yesterday") {
    const from = zonedNow.startOf("day").minus({ days: 1 });
    return toPeriod(from.toISODate()!, from, from.plus({ days: 1 }), timezone);
  }
  throw new InputError(`period "${expression}": expected ${PERIOD_HELP}`);
}

/** A custom window from two ISO timestamps (`--from`/`--to`). */
export function customPeriod(fromText: string, toText: string, timezone: string): Period {
  const from = DateTime.fromISO(fromText, { zone: timezone });
  const to = DateTime.fromISO(toText, { zone: timezone });
  if (!from.isValid) throw new InputError(`--from "${fromText}": expected an ISO date or date-time`);
  if (!to.isValid) throw new InputError(`--to "${toText}": expected an ISO date or date-time`);
  if (to <= from) throw new InputError(`--to "${toText}" must be after --from "${fromText}"`);
  return toPeriod("custom", from, to, timezone);
}

/** Checks a period rule without resolving it (for config validation). */
export function isPeriodRule(expression: string): boolean {
  try {
    resolvePeriod(expression, "UTC");
    return true;
  } catch {
    return false;
  }
}

/** Calendar days of a period in its time zone, as `YYYY-MM-DD`. */
export function periodDays(period: Period): string[] {
  const days: string[] = [];
  const end = DateTime.fromISO(period.to, { zone: period.timezone });
  let day = DateTime.fromISO(period.from, { zone: period.timezone }).startOf("day");
  while (day < end) {
    days.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return days;
}
