import { runCheckTable } from "../check-table.js";
import { buildSnapshot, firstDays, lastDays, logSources, sourceVolume } from "../fixtures/snapshot-builder.js";

const snap = (...volumes: ReturnType<typeof sourceVolume>[]) => buildSnapshot({ log_sources: logSources(...volumes) });

runCheckTable("log_source", {
  pass: [
    {
      name: "every day of the period",
      snapshot: snap(sourceVolume("cloudtrail", lastDays(92))),
      params: { sources: ["cloudtrail"] },
      messageId: "enoughSources",
      data: { met: 1, listed: 1, required: 1, min_days_pct: 90, period_days: 92, per_source: ["cloudtrail 100%"] },
      evidence: ["cloudtrail", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z"],
      reasonCode: null,
    },
    {
      name: "exactly half the days at a 0.5 requirement (46 of 92)",
      snapshot: snap(sourceVolume("okta", firstDays(46))),
      params: { sources: ["okta"], min_days_share: 0.5 },
      messageId: "enoughSources",
      data: { met: 1, per_source: ["okta 50%"] },
    },
    {
      name: "83 of 92 days clears the default 90%",
      snapshot: snap(sourceVolume("okta", lastDays(83))),
      params: { sources: ["okta"] },
      messageId: "enoughSources",
      data: { per_source: ["okta 90.2%"] },
    },
    {
      name: "one of several is enough with min_sources 1",
      snapshot: snap(sourceVolume("auth", lastDays(92))),
      params: { sources: ["cloudtrail", "auth", "okta"], min_sources: 1 },
      messageId: "enoughSources",
      data: { met: 1, listed: 3, required: 1, per_source: ["cloudtrail no data", "auth 100%", "okta no data"] },
    },
    {
      name: "a wildcard pattern pools the days of the sources it matches, case-insensitively",
      snapshot: snap(
        sourceVolume("Azure.Activity_Logs", firstDays(46)),
        sourceVolume("azure.activedirectory", lastDays(46)),
      ),
      params: { sources: ["azure.*"] },
      messageId: "enoughSources",
      data: { per_source: ["azure.* 100%"] },
      evidence: ["Azure.Activity_Logs", "azure.activedirectory", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z"],
    },
  ],
  partial: [
    {
      name: "82 of 92 days misses the default 90%",
      snapshot: snap(sourceVolume("okta", lastDays(82))),
      params: { sources: ["okta"] },
      messageId: "tooFewSources",
      data: { met: 0, required: 1, per_source: ["okta 89.1%"] },
      reasonCode: "source_silent",
    },
    {
      name: "45 of 92 days misses a 0.5 requirement",
      snapshot: snap(sourceVolume("okta", firstDays(45))),
      params: { sources: ["okta"], min_days_share: 0.5 },
      messageId: "tooFewSources",
      data: { met: 0, per_source: ["okta 48.9%"] },
    },
    {
      name: "one of two required sources",
      snapshot: snap(sourceVolume("cloudtrail", lastDays(92))),
      params: { sources: ["cloudtrail", "okta"] },
      messageId: "tooFewSources",
      data: { met: 1, listed: 2, required: 2 },
    },
    {
      name: "each_match: one matching source went quiet",
      snapshot: snap(sourceVolume("cloudtrail", lastDays(92)), sourceVolume("nginx", firstDays(10))),
      params: { sources: ["*"], each_match: true },
      messageId: "tooFewSources",
      data: { met: 1, listed: 2, required: 2, per_source: ["cloudtrail 100%", "nginx 10.8%"] },
    },
  ],
  fail: [
    {
      name: "no matching source at all",
      snapshot: snap(sourceVolume("nginx", lastDays(92))),
      params: { sources: ["cloudtrail"] },
      messageId: "noSourceData",
      data: { met: 0, listed: 1, per_source: ["cloudtrail no data"] },
      reasonCode: "source_silent",
    },
    {
      name: "listed but without any day of data",
      snapshot: snap(sourceVolume("cloudtrail", [])),
      params: { sources: ["cloudtrail"] },
      messageId: "noSourceData",
    },
  ],
  unknown: [
    {
      name: "log_sources collector failed",
      snapshot: buildSnapshot({ log_sources: "error" }),
      params: { sources: ["cloudtrail"] },
      messageId: "collectorFailed",
      data: { collectors: ["log_sources"] },
      reasonCode: "evidence_unavailable",
      reasonContains: "the log_sources collector failed",
    },
  ],
});
