/**
 * What a notification says: the shared run message (title, lines, alert
 * type) for compared, first, incomplete and failed runs, the gauges sent to
 * Datadog, and the structured log line formats.
 */
import { describe, expect, it } from "vitest";
import type { RunEntry } from "../../src/schedule/history-index.js";
import { createLogger } from "../../src/schedule/log.js";
import type { RunReport } from "../../src/schedule/notify/contract.js";
import { runGauges } from "../../src/schedule/notify/datadog-metrics.js";
import { runMessage } from "../../src/schedule/notify/run-message.js";
import { gap } from "./failing-gap.js";

const ENTRY: RunEntry = {
  id: "2026-11-29T020000Z",
  status: "complete",
  trigger: "schedule",
  started_at: "2026-11-29T02:00:00.000Z",
  finished_at: "2026-11-29T02:00:09.000Z",
  period: { label: "last-24h", from: "2026-11-28T02:00:00Z", to: "2026-11-29T02:00:00Z", timezone: "UTC" },
  pack_dir: "2026-11-29T020000Z",
  missing_evidence: [],
  summary: {
    collected_at: "2026-11-29T02:00:00.500Z",
    frameworks: {
      "pci-dss-4.0.1": { pass: 40, partial: 3, fail: 7, unknown: 0, manual: 12, accepted: 1, not_applicable: 2 },
    },
    attack: { covered: 30, total: 120, gap_below: 3, by_score: [50, 20, 20, 15, 10, 5] },
    gaps: 109,
    new_gaps: 2,
    closed_gaps: 1,
    collect_seconds: 2.25,
    duration_seconds: 9,
  },
  error: null,
};

function report(
  run: Partial<RunEntry> = {},
  changes: RunReport["changes"] = {
    previous: "2026-11-28T020000Z",
    new_gaps: [gap("10.2.1"), gap("10.4.1")],
    closed_gaps: [gap("11.5.1")],
  },
): RunReport {
  return {
    job: { name: "nightly-gap", kind: "gap" },
    run: { ...ENTRY, ...run },
    changes,
    pack: "nightly-gap/2026-11-29T020000Z",
  };
}

describe("runMessage", () => {
  it("titles a compared run with its new and closed gaps and warns when gaps opened", () => {
    const message = runMessage(report());
    expect(message.title).toBe("ddproof nightly-gap: 109 gaps (2 new, 1 closed)");
    expect(message.alertType).toBe("warning");
    expect(message.lines).toEqual([
      "gap run 2026-11-29T020000Z for last-24h (2026-11-28T02:00:00Z to 2026-11-29T02:00:00Z): complete evidence",
      "pci-dss-4.0.1: pass 40, partial 3, fail 7, unknown 0, manual 12, accepted 1",
      "MITRE ATT&CK: 30 of 120 techniques at score 3 or more",
      "Gaps: 109 (2 new, 1 closed since run 2026-11-28T020000Z)",
      "New: pci-dss-4.0.1:10.2.1, pci-dss-4.0.1:10.4.1",
      "Closed: pci-dss-4.0.1:11.5.1",
      "Pack: nightly-gap/2026-11-29T020000Z",
    ]);
  });

  it("is informational when nothing opened, and names up to ten gaps", () => {
    const closed = Array.from({ length: 12 }, (_, i) => gap(`1.${i + 1}`));
    const message = runMessage(report({}, { previous: "2026-11-28T020000Z", new_gaps: [], closed_gaps: closed }));
    expect(message.alertType).toBe("info");
    expect(message.lines).toContain(
      `Closed: ${closed
        .slice(0, 10)
        .map((g) => `pci-dss-4.0.1:${g.id}`)
        .join(", ")} and 2 more`,
    );
  });

  it("says when there was nothing to compare with, and warns about incomplete evidence", () => {
    const message = runMessage(report({ status: "incomplete", missing_evidence: ["signals", "audit"] }, null));
    expect(message.title).toBe("ddproof nightly-gap: 109 gaps");
    expect(message.alertType).toBe("warning");
    expect(message.lines[0]).toMatch(/: INCOMPLETE evidence, not collected: signals, audit$/);
    expect(message.lines).toContain("Gaps: 109 (no earlier run to compare with)");
  });

  it("reports a failed run as an error with its reason", () => {
    const message = runMessage(
      report({ status: "failed", summary: null, period: null, pack_dir: null, error: "abandoned: shutdown" }, null),
    );
    expect(message).toEqual({
      title: "ddproof nightly-gap: run failed",
      lines: ["gap run 2026-11-29T020000Z failed: abandoned: shutdown"],
      alertType: "error",
    });
  });
});

describe("runGauges", () => {
  it("has a control count per framework and status, techniques per score, the coverage ratio and the collect time", () => {
    const gauges = runGauges(report());
    expect(gauges.filter((g) => g.metric === "ddproof.controls").map((g) => [g.tags[2], g.value])).toEqual([
      ["status:pass", 40],
      ["status:partial", 3],
      ["status:fail", 7],
      ["status:unknown", 0],
      ["status:manual", 12],
      ["status:accepted", 1],
      ["status:not_applicable", 2],
    ]);
    expect(gauges.filter((g) => g.metric === "ddproof.attack.techniques").map((g) => [g.tags[1], g.value])).toEqual([
      ["score:0", 50],
      ["score:1", 20],
      ["score:2", 20],
      ["score:3", 15],
      ["score:4", 10],
      ["score:5", 5],
    ]);
    expect(gauges.find((g) => g.metric === "ddproof.attack.coverage_ratio")).toEqual({
      metric: "ddproof.attack.coverage_ratio",
      value: 0.25,
      tags: ["job:nightly-gap"],
    });
    expect(gauges.at(-1)).toEqual({
      metric: "ddproof.collect.duration_seconds",
      value: 2.25,
      tags: ["job:nightly-gap"],
    });
    expect(gauges.every((g) => g.tags[0] === "job:nightly-gap")).toBe(true);
  });

  it("sends nothing for a failed run", () => {
    expect(runGauges(report({ status: "failed", summary: null }, null))).toEqual([]);
  });
});

describe("structured log lines", () => {
  const clock = () => new Date("2026-11-29T02:00:00.120Z");

  it("are one JSON object per line with time, level, msg, job and run", () => {
    const lines: string[] = [];
    createLogger("json", (line) => lines.push(line), clock)
      .with({ job: "nightly-gap", run: "2026-11-29T020000Z" })
      .warn("notification failed", { target: "slack", skipped: undefined });
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      {
        time: "2026-11-29T02:00:00.120Z",
        level: "warn",
        msg: "notification failed",
        job: "nightly-gap",
        run: "2026-11-29T020000Z",
        target: "slack",
      },
    ]);
  });

  it("are readable text with key=value fields, quoted when needed", () => {
    const lines: string[] = [];
    const log = createLogger("text", (line) => lines.push(line), clock);
    log.info("scheduler starting", { jobs: "a,b" });
    log.with({ job: "nightly-gap" }).error("run failed", { error: "Datadog answered HTTP 500" });
    expect(lines).toEqual([
      "2026-11-29T02:00:00.120Z info  scheduler starting jobs=a,b",
      '2026-11-29T02:00:00.120Z error nightly-gap run failed error="Datadog answered HTTP 500"',
    ]);
  });
});
