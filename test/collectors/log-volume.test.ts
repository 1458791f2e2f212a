/**
 * Log volume per source per day, field by field: what the collector asks of
 * the logs aggregate API and what it makes of the daily buckets that come
 * back (shaped like logs-aggregate/group-by.json, whose recorded answer is
 * empty), through the official client over HTTP on 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import { GROUPS_PER_PAGE } from "../../src/collectors/log-sources.js";
import type { Period } from "../../src/snapshot/schema.js";
import { collectRecorded, okData } from "../helpers/collect-recorded.js";
import { type WirePage, wireRoute } from "../helpers/wire-route.js";

const NOW = new Date("2026-08-21T12:00:00Z");
const PATH = "/api/v2/logs/analytics/aggregate";
/** 1 to 3 July 2026 in Paris (UTC+2): days start at 22:00 UTC the evening before. */
const PARIS: Period = {
  label: "custom",
  from: "2026-06-30T22:00:00Z",
  to: "2026-07-03T22:00:00Z",
  timezone: "Europe/Paris",
};

function bucket(source: unknown, points: unknown[]) {
  return { by: { source }, computes: { c0: points } };
}

async function collectVolume(pages: WirePage[], period: Period = PARIS) {
  const run = await collectRecorded({
    routes: [wireRoute("POST", PATH, pages)],
    only: ["log_sources"],
    period,
    now: NOW,
  });
  await run.dispose();
  return run;
}

describe("log volume per source", () => {
  it("asks one daily count grouped by source over the period in its time zone, and follows the cursor", async () => {
    const run = await collectVolume([
      { body: { meta: { page: { after: "next-groups" } }, data: { buckets: [] } } },
      { cursor: "next-groups", body: { data: { buckets: [] } } },
    ]);
    const asked = {
      compute: [{ aggregation: "count", type: "timeseries", interval: "1d" }],
      filter: { from: PARIS.from, to: PARIS.to, query: "*", indexes: ["*"] },
      group_by: [{ facet: "source", limit: GROUPS_PER_PAGE }],
      options: { timezone: "Europe/Paris" },
    };
    expect(run.requests.map((request) => request.body)).toEqual([asked, { ...asked, page: { cursor: "next-groups" } }]);
    expect(okData(run.parts, "log_sources")).toEqual({ period_days: 3, sources: [] });
    expect(run.parts.log_sources.warnings).toEqual([]);
  });

  it("sums each source's counts per local day, rounded, across pages; skips empty points and blank sources", async () => {
    const run = await collectVolume([
      {
        body: {
          meta: { page: { after: "p2" } },
          data: {
            buckets: [
              bucket("nginx", [
                { time: "2026-06-30T22:00:00.000Z", value: 10 },
                // 23:30 UTC on 1 July is 2 July in Paris.
                { time: "2026-07-01T23:30:00.000Z", value: 2.6 },
                { time: "2026-07-02T10:00:00.000Z", value: 0 },
                { time: "2026-07-02T11:00:00.000Z", value: -4 },
                { value: 7 },
                { time: "2026-07-02T12:00:00.000Z" },
                { time: "not a time", value: 5 },
              ]),
              bucket("   ", [{ time: "2026-07-01T10:00:00.000Z", value: 99 }]),
              bucket(null, [{ time: "2026-07-01T10:00:00.000Z", value: 99 }]),
              bucket("auditd", [{ time: "2026-07-02T00:00:00.000Z", value: 0 }]),
            ],
          },
        },
      },
      {
        cursor: "p2",
        body: {
          data: {
            buckets: [
              bucket("nginx", [{ time: "2026-07-01T06:00:00.000Z", value: 1.2 }]),
              bucket(" cloudtrail ", [{ time: "2026-07-03T21:59:59.000Z", value: 4 }]),
              { by: { source: "sshd" } },
            ],
          },
        },
      },
    ]);
    expect(okData(run.parts, "log_sources")).toEqual({
      period_days: 3,
      sources: [
        { source: "auditd", days: [], total: 0, last_seen: null },
        {
          source: "cloudtrail",
          days: [{ date: "2026-07-03", count: 4 }],
          total: 4,
          last_seen: "2026-07-02T22:00:00Z",
        },
        {
          source: "nginx",
          days: [
            { date: "2026-07-01", count: 11 },
            { date: "2026-07-02", count: 3 },
          ],
          total: 14,
          last_seen: "2026-07-01T22:00:00Z",
        },
        { source: "sshd", days: [], total: 0, last_seen: null },
      ],
    });
    expect(run.parts.log_sources.warnings).toEqual([]);
  });

  it("leaves out, and counts, buckets of days outside the period", async () => {
    const run = await collectVolume([
      {
        body: {
          data: {
            buckets: [
              bucket("nginx", [
                { time: "2026-06-30T21:59:59.000Z", value: 3 },
                { time: "2026-07-02T08:00:00.000Z", value: 5 },
                { time: "2026-07-03T22:00:00.000Z", value: 8 },
              ]),
              bucket("okta", [{ time: "2026-07-04T10:00:00.000Z", value: 1 }]),
            ],
          },
        },
      },
    ]);
    expect(okData(run.parts, "log_sources").sources).toEqual([
      { source: "nginx", days: [{ date: "2026-07-02", count: 5 }], total: 5, last_seen: "2026-07-01T22:00:00Z" },
      { source: "okta", days: [], total: 0, last_seen: null },
    ]);
    expect(run.parts.log_sources.warnings).toEqual([
      "3 daily log-volume bucket(s) the API returned for days outside the period were left out",
    ]);
  });

  it("fails rather than lose a group that does not say which source it counts", async () => {
    for (const by of [undefined, { service: "web" }]) {
      const run = await collectVolume([
        { body: { data: { buckets: [bucket("nginx", []), { by, computes: { c0: [] } }] } } },
      ]);
      expect(run.parts.log_sources).toMatchObject({
        status: "error",
        error:
          "Datadog returned a log volume group without its source (no `by.source`); the counts cannot be attributed",
      });
    }
  });

  it("reads a numeric source as its text", async () => {
    const run = await collectVolume([
      { body: { data: { buckets: [bucket(42, [{ time: "2026-07-01T10:00:00.000Z", value: 1 }])] } } },
    ]);
    expect(okData(run.parts, "log_sources").sources.map((source) => [source.source, source.total])).toEqual([
      ["42", 1],
    ]);
  });

  it("reads a page without groups or paging as no sources", async () => {
    const run = await collectVolume([{ body: { meta: {} } }]);
    expect(okData(run.parts, "log_sources")).toEqual({ period_days: 3, sources: [] });
    expect(run.requests).toHaveLength(1);
  });

  it("lists a source's days in date order whatever order the buckets come in, the last one its last seen", async () => {
    const run = await collectVolume([
      {
        body: {
          meta: { page: { after: "p2" } },
          data: {
            buckets: [
              bucket("nginx", [
                { time: "2026-07-02T10:00:00.000Z", value: 2 },
                { time: "2026-06-30T23:00:00.000Z", value: 1 },
              ]),
            ],
          },
        },
      },
      {
        cursor: "p2",
        body: { data: { buckets: [bucket("nginx", [{ time: "2026-07-01T10:00:00.000Z", value: 4 }])] } },
      },
    ]);
    expect(okData(run.parts, "log_sources").sources).toEqual([
      {
        source: "nginx",
        days: [
          // 23:00 UTC on 30 June is 1 July in Paris.
          { date: "2026-07-01", count: 5 },
          { date: "2026-07-02", count: 2 },
        ],
        total: 7,
        last_seen: "2026-07-01T22:00:00Z",
      },
    ]);
  });
});
