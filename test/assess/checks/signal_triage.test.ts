import { describe, expect, it } from "vitest";
import { evaluate, type Params, params as paramsSchema } from "../../../src/assess/checks/signal_triage.js";
import { Thresholds } from "../../../src/config/schema.js";
import { runCheckTable } from "../check-table.js";
import { buildSnapshot, signals, triageStats } from "../fixtures/snapshot-builder.js";

// Buckets: ≤15 min, ≤60, ≤240, ≤1440, ≤10080 (7 days), unbounded. Config SLA: critical 60, high 240.
const snap = (critical: ReturnType<typeof triageStats> | null, high: ReturnType<typeof triageStats> | null = null) => {
  const bySeverity: Record<string, ReturnType<typeof triageStats>> = {};
  if (critical) bySeverity.critical = critical;
  if (high) bySeverity.high = high;
  return buildSnapshot({ signals: signals({ triage_by_severity: bySeverity }) });
};

runCheckTable("signal_triage", {
  pass: [
    {
      name: "all within SLA at the bucket bound (critical ≤60, high ≤240)",
      snapshot: snap(triageStats([5, 5]), triageStats([0, 0, 10])),
      messageId: "triageMet",
      data: {
        met: 20,
        considered: 20,
        pct: 100,
        stale: 0,
        per_severity: ["critical: 10 of 10 within 60 min", "high: 10 of 10 within 240 min"],
      },
      evidence: ["severity:critical", "severity:high", "2026-07-01T00:00:00Z/2026-10-01T00:00:00Z"],
      reasonCode: null,
    },
    {
      name: "exactly 90% within SLA",
      snapshot: snap(triageStats([9, 0, 1])),
      messageId: "triageMet",
      data: { met: 9, considered: 10, pct: 90 },
    },
    {
      name: "signals still open but younger than the SLA are not judged yet",
      snapshot: snap(triageStats([10], [3])),
      messageId: "triageMet",
      data: { met: 10, considered: 10 },
    },
    {
      name: "mapping sla_minutes overrides the config",
      snapshot: snap(triageStats([0, 0, 10])),
      params: { severities: ["critical"], sla_minutes: { critical: 240 } },
      messageId: "triageMet",
      data: { met: 10 },
    },
    {
      name: "config thresholds decide the SLA",
      snapshot: snap(triageStats([0, 0, 10])),
      params: { severities: ["critical"] },
      thresholds: { triage_sla_minutes: { critical: 240 } },
      messageId: "triageMet",
    },
    {
      name: "medium severity with its own SLA",
      snapshot: buildSnapshot({ signals: signals({ triage_by_severity: { medium: triageStats([0, 0, 0, 4]) } }) }),
      params: { severities: ["medium"], sla_minutes: { medium: 1440 } },
      messageId: "triageMet",
      data: { met: 4 },
    },
  ],
  partial: [
    {
      name: "signals without a recorded triage state count as missed",
      snapshot: snap({ ...triageStats([1]), count: 20 }),
      messageId: "triageShort",
      data: {
        met: 1,
        considered: 20,
        pct: 5,
        per_severity: ["critical: 1 of 20 within 60 min (19 without a triage state)"],
      },
    },
    {
      name: "89% within SLA: the straddling bucket counts as missed",
      snapshot: snap(triageStats([8, 0, 1]), null),
      thresholds: { triage_sla_minutes: { critical: 100 } },
      messageId: "triageShort",
      data: { met: 8, considered: 9, pct: 88.8, per_severity: ["critical: 8 of 9 within 100 min"] },
      reasonCode: "triage_sla_missed",
    },
    {
      name: "good SLA but one signal still open past 7 days",
      snapshot: snap(triageStats([10], [0, 0, 0, 0, 0, 1])),
      messageId: "triageShort",
      data: { met: 10, considered: 11, stale: 1 },
    },
    {
      name: "signals that left open without a time count as missed",
      snapshot: snap(triageStats([8], [], 2)),
      messageId: "triageShort",
      data: { met: 8, considered: 10, per_severity: ["critical: 8 of 10 within 60 min (2 untimed)"] },
    },
  ],
  fail: [
    {
      name: "nothing left open within SLA",
      snapshot: snap(triageStats([0, 0, 0, 5])),
      messageId: "triageMissed",
      data: { met: 0, considered: 5 },
      reasonCode: "triage_sla_missed",
    },
  ],
  unknown: [
    {
      name: "no high or critical signals in the period",
      snapshot: snap(null),
      messageId: "noSignals",
      data: { severities: "critical or high" },
      reasonCode: "evidence_unavailable",
    },
    {
      name: "signals collector failed",
      snapshot: buildSnapshot({ signals: "error" }),
      messageId: "collectorFailed",
      data: { collectors: ["signals"] },
    },
  ],
});

describe("signal_triage given params the schema did not check", () => {
  // The schema refuses a severity without an SLA; evaluate still refuses to judge one against no SLA at all.
  const params: Params = { severities: ["medium"], min_within_sla_share: 0.9, max_open_days: 7 };
  const snapshot = buildSnapshot({ signals: signals({ triage_by_severity: { medium: triageStats([4]) } }) });
  it("is refused by the schema", () => {
    expect(paramsSchema.safeParse(params).success).toBe(false);
  });
  it("throws naming the severity instead of judging it", () => {
    expect(() => evaluate(params, snapshot, { thresholds: Thresholds.parse({}) })).toThrow(
      "no triage SLA for medium; the params schema should have refused it",
    );
  });
});
