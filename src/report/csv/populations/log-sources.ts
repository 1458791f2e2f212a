/**
 * populations/log-sources.csv: one row per log source per day of the period
 * (days without data included, with count 0), so a reader can recount the
 * "share of days with data" and see when a source went silent. Each row
 * repeats the source's total, last-seen time and whether it counts as
 * ingesting by the assessment's own definition (assess/ingestion.ts).
 */
import { IngestionPolicy, isIngesting } from "../../../assess/ingestion.js";
import { periodDays } from "../../../config/period.js";
import type { LogSourceVolume, Snapshot } from "../../../snapshot/schema.js";
import { compareText } from "../../id-order.js";
import type { Column } from "../write-csv.js";

export interface SourceDayRow {
  volume: LogSourceVolume;
  date: string;
  count: number;
  ingesting: boolean;
}

export const LOG_SOURCE_COLUMNS: readonly Column<SourceDayRow>[] = [
  { header: "source", cell: (row) => row.volume.source },
  { header: "date", cell: (row) => row.date },
  { header: "count", cell: (row) => row.count },
  { header: "source_total", cell: (row) => row.volume.total },
  { header: "source_last_seen", cell: (row) => row.volume.last_seen },
  { header: "ingesting", cell: (row) => row.ingesting },
];

export function logSourceRows(snapshot: Snapshot): SourceDayRow[] | null {
  const part = snapshot.collectors.log_sources;
  if (part.status !== "ok") return null;
  const policy = IngestionPolicy.parse({});
  const periodDates = periodDays(snapshot.period);
  const volumes = [...part.data.sources].sort((a, b) => compareText(a.source, b.source));
  return volumes.flatMap((volume) => {
    const counts = new Map(volume.days.map((day) => [day.date, day.count]));
    const ingesting = isIngesting(volume, snapshot.period, policy);
    // Days the collector reported outside the period's calendar are kept, never dropped.
    const dates = [...new Set([...periodDates, ...counts.keys()])].sort();
    return dates.map((date) => ({ volume, date, count: counts.get(date) ?? 0, ingesting }));
  });
}
