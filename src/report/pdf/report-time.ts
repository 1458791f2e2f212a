/**
 * Times as the PDF reports print them: minutes in the period's time zone,
 * with the zone's name. Always from the inputs (never the wall clock), and
 * formatted by hand rather than through the locale, so bytes do not depend
 * on the machine.
 */
import { DateTime } from "luxon";
import type { Period } from "../../snapshot/schema.js";

/** Fixed so digits never follow the machine's locale. */
const LOCALE = "en-US";

/** `2026-10-01 06:00 UTC` */
export function formatInstant(iso: string, zone: string): string {
  const time = DateTime.fromISO(iso, { zone, locale: LOCALE });
  return time.isValid ? `${time.toFormat("yyyy-LL-dd HH:mm")} ${zone}` : iso;
}

/** Whole days the period spans (a quarter is 92). */
export function periodDays(period: Period): number {
  const from = DateTime.fromISO(period.from, { zone: period.timezone });
  const to = DateTime.fromISO(period.to, { zone: period.timezone });
  return Math.max(0, Math.round(to.diff(from, "days").days));
}

/** `2026-Q3 (2026-07-01 00:00 to 2026-10-01 00:00 UTC)` */
export function periodText(period: Period): string {
  const from = DateTime.fromISO(period.from, { zone: period.timezone, locale: LOCALE }).toFormat("yyyy-LL-dd HH:mm");
  return `${period.label} (${from} to ${formatInstant(period.to, period.timezone)})`;
}
