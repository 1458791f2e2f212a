/**
 * The run message line by line at its edges: a fleet run's line per org
 * (compared, first, incomplete, failed with and without a reason), the next
 * actions (three at most), the gap lists at ten and eleven names, what is
 * left out when there is nothing to say, and when a run counts as failed.
 */
import { describe, expect, it } from "vitest";
import type { RunEntry } from "../../src/schedule/history-index.js";
import type { RunReport } from "../../src/schedule/notify/contract.js";
import { NAMED_ACTIONS, runMessage } from "../../src/schedule/notify/run-message.js";
import { gap } from "./failing-gap.js";
import { runEntry } from "./run-entry.js";

const SUMMARY: NonNullable<RunEntry["summary"]> = {
  collected_at: "2026-11-29T02:00:00.500Z",
  frameworks: {
    "pci-dss-4.0.1": { pass: 4, partial: 1, fail: 2, unknown: 0, manual: 3, accepted: 0, not_applicable: 1 },
    "soc2-2017": { pass: 9, partial: 0, fail: 1, unknown: 2, manual: 0, accepted: 1, not_applicable: 0 },
  },
  attack: null,
  gaps: 9,
  new_gaps: 0,
  closed_gaps: 0,
  collect_seconds: 1.5,
  duration_seconds: 9,
};

function entry(fields: Partial<RunEntry> = {}): RunEntry {
  return runEntry("2026-11-29T020000Z", "2026-11-29T02:00:00.000Z", {
    finished_at: "2026-11-29T02:00:09.000Z",
    period: { label: "last-24h", from: "2026-11-28T02:00:00Z", to: "2026-11-29T02:00:00Z", timezone: "UTC" },
    summary: SUMMARY,
    ...fields,
  });
}

const gaps = (count: number) => Array.from({ length: count }, (_, i) => gap(`CC${i + 1}`, "soc2-2017"));
const keys = (count: number) => gaps(count).map((g) => `soc2-2017:${g.id}`);

function report(fields: Partial<RunReport> = {}, run: Partial<RunEntry> = {}): RunReport {
  return { job: { name: "fleet-nightly", kind: "gap" }, run: entry(run), changes: null, pack: null, ...fields };
}

const ORGS: RunReport["orgs"] = [
  {
    name: "ap-south",
    run: entry(),
    changes: { previous: "2026-11-28T020000Z", new_gaps: gaps(2), closed_gaps: gaps(3) },
    pack: "fleet-nightly/ap-south/2026-11-29T020000Z",
  },
  {
    name: "eu-west",
    run: entry({ status: "incomplete", missing_evidence: ["signals"], summary: { ...SUMMARY, gaps: 4 } }),
    changes: null,
    pack: "fleet-nightly/eu-west/2026-11-29T020000Z",
  },
  {
    name: "us-east",
    run: entry({ status: "failed", summary: null, period: null, pack_dir: null, error: "Datadog answered HTTP 403" }),
    changes: null,
    pack: null,
  },
  {
    name: "us-west",
    run: entry({ status: "failed", summary: null, period: null, pack_dir: null, error: null }),
    changes: null,
    pack: null,
  },
  {
    name: "us-south",
    run: entry({ status: "failed", error: "killed" }),
    changes: null,
    pack: null,
  },
  {
    name: "zz-odd",
    run: entry({ status: "complete", summary: null, error: null }),
    changes: null,
    pack: null,
  },
];

const ORG_LINES = [
  "Org ap-south: complete evidence, 9 gaps (2 new, 3 closed since run 2026-11-28T020000Z)",
  "Org eu-west: INCOMPLETE evidence, not collected: signals, 4 gaps (no earlier run to compare with)",
  "Org us-east: no pack, the run failed: Datadog answered HTTP 403",
  "Org us-west: no pack, the run failed: unknown error",
  "Org us-south: no pack, the run failed: killed",
  "Org zz-odd: no pack, the run failed: unknown error",
];

describe("a fleet run's message", () => {
  it("has a line per org after the fleet's gaps, and before the actions and the pack", () => {
    const message = runMessage(
      report({
        orgs: ORGS,
        changes: { previous: "2026-11-28T020000Z", new_gaps: [], closed_gaps: gaps(1) },
        pack: "fleet-nightly/fleet/2026-11-29T020000Z",
        actions: [{ rank: 1, edit: "enable r-phish", summary: "closes 2 gaps" }],
      }),
    );
    expect(message).toEqual({
      title: "ddproof fleet-nightly: 9 gaps (0 new, 1 closed)",
      lines: [
        "gap run 2026-11-29T020000Z for last-24h (2026-11-28T02:00:00Z to 2026-11-29T02:00:00Z): complete evidence",
        "pci-dss-4.0.1: pass 4, partial 1, fail 2, unknown 0, manual 3, accepted 0",
        "soc2-2017: pass 9, partial 0, fail 1, unknown 2, manual 0, accepted 1",
        "Gaps: 9 (0 new, 1 closed since run 2026-11-28T020000Z)",
        "Closed: soc2-2017:CC1",
        ...ORG_LINES,
        "Next action 1: enable r-phish (closes 2 gaps)",
        "Pack: fleet-nightly/fleet/2026-11-29T020000Z",
      ],
      alertType: "info",
    });
  });

  it("still names each org when the fleet's run failed, and an unknown error when none was kept", () => {
    const message = runMessage(
      report({ orgs: ORGS }, { status: "failed", summary: null, period: null, pack_dir: null, error: null }),
    );
    expect(message).toEqual({
      title: "ddproof fleet-nightly: run failed",
      lines: ["gap run 2026-11-29T020000Z failed: unknown error", ...ORG_LINES],
      alertType: "error",
    });
  });
});

describe("runMessage at its edges", () => {
  it("names the first three next actions only, in the order given", () => {
    expect(NAMED_ACTIONS).toBe(3);
    const actions = [1, 2, 3, 4].map((rank) => ({ rank, edit: `edit ${rank}`, summary: `summary ${rank}` }));
    const message = runMessage(report({ actions }));
    expect(message.lines.filter((line) => line.startsWith("Next action"))).toEqual([
      "Next action 1: edit 1 (summary 1)",
      "Next action 2: edit 2 (summary 2)",
      "Next action 3: edit 3 (summary 3)",
    ]);
  });

  it("lists exactly ten gaps without a count, and counts the eleventh", () => {
    const ten = runMessage(
      report({ changes: { previous: "2026-11-28T020000Z", new_gaps: gaps(10), closed_gaps: [] } }),
    );
    expect(ten.lines).toContain(`New: ${keys(10).join(", ")}`);
    const eleven = runMessage(
      report({ changes: { previous: "2026-11-28T020000Z", new_gaps: gaps(11), closed_gaps: [] } }),
    );
    expect(eleven.lines).toContain(`New: ${keys(10).join(", ")} and 1 more`);
    expect(eleven.title).toBe("ddproof fleet-nightly: 9 gaps (11 new, 0 closed)");
    expect(eleven.alertType).toBe("warning");
  });

  it("leaves out the ATT&CK line, empty gap lists, org lines and the pack when there are none", () => {
    const message = runMessage(report({ changes: { previous: "2026-11-28T020000Z", new_gaps: [], closed_gaps: [] } }));
    expect(message).toEqual({
      title: "ddproof fleet-nightly: 9 gaps (0 new, 0 closed)",
      lines: [
        "gap run 2026-11-29T020000Z for last-24h (2026-11-28T02:00:00Z to 2026-11-29T02:00:00Z): complete evidence",
        "pci-dss-4.0.1: pass 4, partial 1, fail 2, unknown 0, manual 3, accepted 0",
        "soc2-2017: pass 9, partial 0, fail 1, unknown 2, manual 0, accepted 1",
        "Gaps: 9 (0 new, 0 closed since run 2026-11-28T020000Z)",
      ],
      alertType: "info",
    });
  });

  it("is informational for a complete first run", () => {
    const message = runMessage(report({ actions: [] }));
    expect(message.title).toBe("ddproof fleet-nightly: 9 gaps");
    expect(message.alertType).toBe("info");
    expect(message.lines.at(-1)).toBe("Gaps: 9 (no earlier run to compare with)");
  });

  it("reports a failed run as failed, a run without figures or without a period too, with its reason", () => {
    for (const run of [{ status: "failed" as const }, { summary: null }, { period: null }]) {
      expect(runMessage(report({}, { ...run, error: "disk full" }))).toEqual({
        title: "ddproof fleet-nightly: run failed",
        lines: ["gap run 2026-11-29T020000Z failed: disk full"],
        alertType: "error",
      });
    }
  });
});
