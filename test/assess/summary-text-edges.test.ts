/**
 * The terminal summary's ordering and trimming: worst controls in the order
 * fail, unknown, partial, at most eight with the rest counted, roll-up parents
 * left out, informational findings not explaining a status, ids padded to the
 * longest shown, and tactics the matrix order does not name listed after it.
 */
import { describe, expect, it } from "vitest";
import type { Assessment, ControlResult, Finding, TechniqueResult } from "../../src/assess/schema.js";
import { summaryLines } from "../../src/assess/summary-text.js";

const finding = (status: Finding["status"], reason: string, informational = false): Finding => ({
  check: "manual",
  status,
  reason,
  evidence: [],
  message_id: "m",
  data: {},
  reason_code: null,
  rationale: null,
  informational,
});
const control = (id: string, status: ControlResult["status"], fields: Partial<ControlResult> = {}): ControlResult => ({
  id,
  title: `Control ${id}`,
  parent: null,
  monitoring_relevant: true,
  status,
  status_from: "own",
  findings: [finding(status === "manual" ? "manual" : (status as Finding["status"]), `${id} is ${status}`)],
  attestations: [],
  ...fields,
});
const SUMMARY = { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 };

function assessment(controls: ControlResult[], attack: Assessment["attack"] = null): Assessment {
  return {
    period: { label: "2026-Q3", from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z" },
    collected_at: "2026-10-01T06:00:00Z",
    complete: true,
    snapshot_warnings: [],
    frameworks: [{ id: "fw", name: "FW", version: "1", summary: SUMMARY, controls }],
    attack,
  } as unknown as Assessment;
}

describe("worst controls", () => {
  it("lists fail, then unknown, then partial, padding ids to the longest shown", () => {
    const lines = summaryLines(
      assessment([
        control("p.1", "partial"),
        control("u", "unknown"),
        control("f.10", "fail"),
        control("ok", "pass"),
        control("m", "manual"),
      ]),
    );
    expect(lines.slice(-4)).toEqual([
      "  Worst controls:",
      "    fail     f.10  f.10 is fail",
      "    unknown  u     u is unknown",
      "    partial  p.1   p.1 is partial",
    ]);
  });

  it("shows eight and counts the rest, leaving out parents that roll up their children", () => {
    const many = Array.from({ length: 10 }, (_, i) => control(`c${i}`, "fail"));
    const parent = control("parent", "fail", { status_from: "children" });
    const lines = summaryLines(assessment([parent, ...many]));
    expect(lines.slice(-2)).toEqual(["    fail     c7  c7 is fail", "    … and 2 more"]);
    expect(lines.filter((line) => line.startsWith("    fail"))).toHaveLength(8);
    expect(lines.some((line) => line.includes("parent"))).toBe(false);
    const eight = summaryLines(assessment(many.slice(0, 8)));
    expect(eight.at(-1)).toBe("    fail     c7  c7 is fail");
  });

  it("says nothing of worst controls when none fails, is unknown or partial", () => {
    expect(summaryLines(assessment([control("ok", "pass")])).at(-1)).toBe(
      "FW 1: 1 controls: pass 0, partial 0, fail 0, unknown 0, manual 0, accepted 0, n/a 0",
    );
  });

  it("explains a status by a counted finding only, and by the mix of counted ones otherwise", () => {
    const lines = summaryLines(
      assessment([
        control("a", "fail", {
          findings: [finding("fail", "noted only", true), finding("pass", "ok"), finding("partial", "half")],
        }),
      ]),
    );
    expect(lines.at(-1)).toBe("    fail     a  checks: 1 pass, 1 partial");
  });
});

describe("ATT&CK lines", () => {
  const technique = (id: string, tactics: string[], score: number, parent: string | null = null) =>
    ({ id, tactics, score, parent }) as unknown as TechniqueResult;
  it("counts parents only, names tactics the order leaves out after it, and says nothing of missing evidence without any", () => {
    const attack = {
      version: "18.1",
      gap_below: 3,
      missing_evidence: [],
      techniques: [
        technique("T1", ["execution", "a-very-long-tactic-name"], 5),
        technique("T2", ["execution"], 2),
        technique("T1.001", ["execution"], 0, "T1"),
      ],
    } as unknown as Assessment["attack"];
    expect(summaryLines(assessment([], attack), ["execution", "initial-access"]).slice(-5)).toEqual([
      "MITRE ATT&CK 18.1: 2 techniques; below 3 is a gap",
      "  tactic                      0   1   2   3   4   5",
      "  execution                   0   0   1   0   0   1",
      "  initial-access              0   0   0   0   0   0",
      "  a-very-long-tactic-name     0   0   0   0   0   1",
    ]);
  });
});

describe("the summary's head", () => {
  it("says nothing of incomplete evidence for a complete snapshot", () => {
    expect(summaryLines(assessment([]))).toEqual([
      "Assessment for 2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z), collected 2026-10-01T06:00:00Z",
      "",
      "FW 1: 0 controls: pass 0, partial 0, fail 0, unknown 0, manual 0, accepted 0, n/a 0",
    ]);
  });
  it("lists failed collectors only, and every part missing for ATT&CK, in the order given", () => {
    const incomplete = {
      ...assessment([], {
        version: "18.1",
        gap_below: 3,
        missing_evidence: ["signals", "agents"],
        techniques: [],
      } as unknown as Assessment["attack"]),
      complete: false,
      snapshot_warnings: ["rules: rule #3 has no id", "signals: collector failed: HTTP 500"],
    } as Assessment;
    const lines = summaryLines(incomplete);
    expect(lines.slice(0, 3)).toEqual([
      "Assessment for 2026-Q3 (2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z), collected 2026-10-01T06:00:00Z",
      "Incomplete evidence: controls that need it are unknown.",
      "  signals: collector failed: HTTP 500",
    ]);
    expect(lines.slice(-3)).toEqual([
      "MITRE ATT&CK 18.1: 0 techniques; below 3 is a gap",
      "  tactic     0   1   2   3   4   5",
      "  scores are lower bounds: signals, agents evidence missing",
    ]);
  });
});
