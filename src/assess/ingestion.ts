/**
 * When a Datadog log source counts as "ingesting": the single definition
 * used by rule effectiveness, ATT&CK visibility and the scoring ladder.
 *
 * A source is ingesting when it has data on at least one day among the last
 * `recent_days` days of the period. Recent data is asked for, not just any
 * data, because a source that went silent in the first month of a quarter
 * does not feed the rules that read it today.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { sourceMatches } from "../query/index.js";
import type { LogSourceVolume, Period } from "../snapshot/schema.js";

export const IngestionPolicy = z
  .object({
    /** Days at the end of the period in which a source must have data to count as ingesting. */
    recent_days: z.number().int().positive().default(7),
  })
  .strict();
export type IngestionPolicy = z.infer<typeof IngestionPolicy>;

/** Computed windows, by period end, zone and length: asked for once per source per check. */
const windowStarts = new Map<string, string>();

/** First calendar day (period time zone) of the recent window. */
export function recentWindowStart(period: Period, policy: IngestionPolicy): string {
  const key = `${period.to} ${period.timezone} ${policy.recent_days}`;
  let start = windowStarts.get(key);
  if (start === undefined) {
    const end = DateTime.fromISO(period.to, { zone: period.timezone });
    // `to` is exclusive: a period ending at midnight ends on the day before.
    start = end
      .minus({ milliseconds: 1 })
      .startOf("day")
      .minus({ days: policy.recent_days - 1 })
      .toISODate()!;
    windowStarts.set(key, start);
  }
  return start;
}

export function daysWithData(volume: LogSourceVolume): number {
  return volume.days.filter((day) => day.count > 0).length;
}

export function isIngesting(volume: LogSourceVolume, period: Period, policy: IngestionPolicy): boolean {
  const from = recentWindowStart(period, policy);
  return volume.days.some((day) => day.count > 0 && day.date >= from);
}

/** Lower-case names of the sources that are ingesting. */
export function ingestingSources(
  volumes: readonly LogSourceVolume[],
  period: Period,
  policy: IngestionPolicy,
): Set<string> {
  return new Set(
    volumes.filter((volume) => isIngesting(volume, period, policy)).map((volume) => volume.source.toLowerCase()),
  );
}

/** Ingesting sources a lower-case source pattern (`cloudtrail`, `azure.*`) matches. */
export function ingestingMatches(pattern: string, ingesting: ReadonlySet<string>): string[] {
  return [...ingesting].filter((source) => sourceMatches(pattern.toLowerCase(), source)).sort();
}
