/**
 * Log volume, indexes and archives collected from real recorded responses;
 * each snapshot field checked against the wire.
 */
import { describe, expect, it } from "vitest";
import { okData, useRecordedCollection, utcPeriod } from "../helpers/collect-recorded.js";
import { bodyOf, loadRecording, recordedItems } from "../helpers/recordings.js";
import { composedListRoute, recordedRoute } from "../helpers/replay-server.js";

type Wire = Record<string, unknown>;
const NOW = new Date("2026-08-21T12:00:00Z");

describe("log volume per source (logs aggregate)", () => {
  const recording = loadRecording("logs-aggregate", "group-by");
  // The recording was made on 2024-10-01; a one-day period around it.
  const period = utcPeriod("2024-10-01", "2024-10-02");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["log_sources"],
    period,
    now: NOW,
  }));

  it("sends a daily count grouped by source over the period, and reads the recorded (empty) answer as no source", () => {
    expect(run().parts.log_sources.status).toBe("ok");
    expect(run().requests).toHaveLength(1);
    expect(run().requests[0]!.body).toMatchObject({
      compute: [{ aggregation: "count", type: "timeseries", interval: "1d" }],
      filter: { query: "*", indexes: ["*"] },
      group_by: [{ facet: "source" }],
      options: { timezone: "UTC" },
    });
    expect((bodyOf(recording.exchanges[0]!.response) as { data: { buckets: unknown[] } }).data.buckets).toEqual([]);
    expect(okData(run().parts, "log_sources")).toEqual({ period_days: 1, sources: [] });
  });
});

describe("log indexes", () => {
  const recording = loadRecording("log-indexes", "list");
  const run = useRecordedCollection(() => ({
    routes: [recordedRoute(recording)],
    only: ["log_indexes"],
    period: utcPeriod("2026-07-01", "2026-08-01"),
    now: NOW,
  }));

  it("keeps every index with its filter, retention and Flex retention day counts as the wire says", () => {
    expect(run().parts.log_indexes.status).toBe("ok");
    const { indexes } = okData(run().parts, "log_indexes");
    const wire = recordedItems<Wire>(recording, "indexes");
    expect(indexes).toEqual(
      wire.map((index) => ({
        name: index.name,
        filter: (index.filter as Wire | undefined)?.query ?? null,
        retention_days: index.num_retention_days ?? null,
        flex_retention_days: index.num_flex_logs_retention_days ?? null,
      })),
    );
    expect(indexes.find((index) => index.name === "main")).toEqual({
      name: "main",
      filter: "",
      retention_days: 15,
      flex_retention_days: 0,
    });
    expect(indexes.find((index) => index.name === "tf-testaccdatadoglogsindex-basic-local-1725992495")).toEqual({
      name: "tf-testaccdatadoglogsindex-basic-local-1725992495",
      filter: "test:query",
      retention_days: 15,
      flex_retention_days: 180,
    });
  });
});

describe("log archives", () => {
  const gcs = loadRecording("log-archives", "gcs");
  const azure = loadRecording("log-archives", "azure");
  const run = useRecordedCollection(() => {
    // No recording of the archives list exists anywhere; the list wrapper is composed around two archives read back by id.
    const route = composedListRoute(
      "GET",
      "/api/v2/logs/config/archives",
      "data",
      [gcs.exchanges[0]!, azure.exchanges[0]!],
      (body) => (body as Wire).data,
    );
    return { routes: [route], only: ["log_archives"], period: utcPeriod("2026-07-01", "2026-08-01"), now: NOW };
  });

  it("keeps each archive's name, query, state and destination type as the wire says", () => {
    expect(run().parts.log_archives.status).toBe("ok");
    expect(okData(run().parts, "log_archives").archives).toEqual([
      {
        id: "QWPTxu_fRN61TTtx1YS76w",
        name: "my first gcs archive",
        query: "service:tata",
        state: "UNKNOWN",
        destination_type: "gcs",
      },
      {
        id: "bO4tLXR4SuyhZcAabz0xpA",
        name: "my first azure archive",
        query: "service:toto",
        state: "UNKNOWN",
        destination_type: "azure",
      },
    ]);
  });
});
