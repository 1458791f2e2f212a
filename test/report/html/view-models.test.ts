/**
 * What report.html is built from, before any template: the ATT&CK view and
 * technique details, the framework sections, the gaps and changes, the
 * trend chart's coordinates, the next actions and the swatches, pinned value
 * for value from the small fixture org (no page is rendered here).
 */
import { describe, expect, it } from "vitest";
import type { TechniqueResult } from "../../../src/assess/schema.js";
import type { PlanAction } from "../../../src/plan/plan.js";
import type { ReportInput, RunTrendPoint } from "../../../src/report/contract.js";
import { actionsView } from "../../../src/report/html/actions-view.js";
import { attackSection, TABLE_RULES_LISTED } from "../../../src/report/html/attack-view.js";
import { controlData, EVIDENCE_LISTED, frameworkSections } from "../../../src/report/html/framework-view.js";
import { changesView, gapsView } from "../../../src/report/html/gaps-view.js";
import { SCORE_SWATCHES, STATUS_SWATCHES, scoreLabel, statusLabel } from "../../../src/report/html/swatches.js";
import { TREND_MAX_RUNS, TREND_MIN_HISTORY, trendPointOf, trendView } from "../../../src/report/html/trend-chart.js";
import { assessed, reportInput } from "../data/fixtures/report-input.js";

/** The fixture with its assessment changed by `edit` (a deep copy). */
function edited(edit: (input: ReportInput) => void, base: ReportInput = reportInput()): ReportInput {
  const input = { ...base, assessment: structuredClone(base.assessment) };
  edit(input);
  return input;
}

const techniqueOf = (input: ReportInput, id: string): TechniqueResult =>
  input.assessment.attack!.techniques.find((technique) => technique.id === id)!;

describe("swatches", () => {
  it("list statuses in report order with the PDF's labels and colours, and name scores and statuses", () => {
    expect(STATUS_SWATCHES.map((swatch) => swatch.status)).toEqual([
      "pass",
      "partial",
      "fail",
      "unknown",
      "manual",
      "accepted",
      "not_applicable",
    ]);
    expect(STATUS_SWATCHES[2]).toEqual({ status: "fail", label: "FAIL", fill: "#D55E00", text: "#000000" });
    expect(SCORE_SWATCHES).toHaveLength(6);
    expect(scoreLabel(0)).toBe("No coverage");
    expect(scoreLabel(5)).toBe("Operated");
    expect(() => scoreLabel(6)).toThrow("no ATT&CK score 6 on the ladder");
    expect(statusLabel("not_applicable")).toBe("N/A");
  });
});

describe("the ATT&CK view", () => {
  it("has a column per tactic with its top-level techniques by name, and the counts and filters", () => {
    const { view, unavailable } = attackSection(reportInput());
    expect(unavailable).toBeNull();
    expect(TABLE_RULES_LISTED).toBe(8);
    expect({ ...view, legend: undefined, table: undefined }).toEqual({
      version: "18.1",
      gap_below: 3,
      gap_label: "Effective",
      columns: [
        {
          tactic_id: "TA0001",
          shortname: "initial-access",
          name: "Initial Access",
          cells: [
            { id: "T1566", name: "Phishing", score: 0, score_label: "No coverage", gap: true, mark: "" },
            { id: "T1078", name: "Valid Accounts", score: 3, score_label: "Effective", gap: false, mark: "" },
          ],
        },
        {
          tactic_id: "TA0002",
          shortname: "execution",
          name: "Execution",
          cells: [
            {
              id: "T1059",
              name: "Command and Scripting Interpreter",
              score: 2,
              score_label: "Paper coverage",
              gap: true,
              mark: "",
            },
          ],
        },
        {
          tactic_id: "TA0006",
          shortname: "credential-access",
          name: "Credential Access",
          cells: [{ id: "T1110", name: "Brute Force", score: 4, score_label: "Validated", gap: false, mark: "" }],
        },
      ],
      cells: 4,
      techniques: 4,
      sub_techniques: 1,
      gaps: 3,
      platforms: ["IaaS", "Linux", "Windows"],
      notice:
        "© 2025 The MITRE Corporation. This work is reproduced and distributed with the permission of The MITRE Corporation.",
    });
    expect(view!.legend).toBe(SCORE_SWATCHES);
    expect(view!.table.map((row) => [row.detail.id, row.sub, row.rules_listed.length, row.rules_more])).toEqual([
      ["T1059", false, 2, 0],
      ["T1078", false, 1, 0],
      ["T1110", false, 1, 0],
      ["T1110.001", true, 0, 0],
      ["T1566", false, 1, 0],
    ]);
  });

  it("details each technique: rules fired first, disabled last, tactics by name, sub-techniques, reason", () => {
    const { details } = attackSection(reportInput());
    expect(details.map((detail) => detail.id)).toEqual(["T1059", "T1078", "T1110", "T1110.001", "T1566"]);
    expect(details[0]).toEqual({
      id: "T1059",
      name: "Command and Scripting Interpreter",
      parent: null,
      score: 2,
      score_label: "Paper coverage",
      gap: true,
      tactics: ["Execution"],
      platforms: ["IaaS", "Linux", "Windows"],
      reason: "source_silent",
      reason_label: "Source silent",
      reason_text: "1 enabled rule(s) (r-formula) but none is effective: the log sources they read are not ingesting",
      disposition: null,
      rules: [
        {
          id: "r-formula",
          name: '=HYPERLINK("http://x","y")',
          enabled: true,
          effective: false,
          fired: false,
          state: "not effective",
        },
        { id: "a-nc", name: "Netcat executed", enabled: false, effective: false, fired: false, state: "disabled" },
      ],
      sources: ["runtime-security-agent"],
      log_sources: ["ebpf:syscalls"],
      subs: [],
    });
    expect(details[2]!.rules).toEqual([
      { id: "r-brute", name: "Brute force on Windows", enabled: true, effective: true, fired: true, state: "fired" },
    ]);
    expect(details[2]!.subs).toEqual(["T1110.001"]);
    expect(details[1]!.rules[0]!.state).toBe("effective");
    expect(details[4]!.rules).toEqual([
      {
        id: "r-phish",
        name: "Phishing link clicked",
        enabled: false,
        effective: false,
        fired: false,
        state: "disabled",
      },
    ]);
    expect(details[3]).toMatchObject({ parent: "T1110", score: 0, gap: true, subs: [] });
  });

  it("orders rules by state, then name, then id, names unknown rules by id, and marks dispositions", () => {
    const input = edited((copy) => {
      const brute = techniqueOf(copy, "T1110");
      brute.rules.enabled = ["r-zz", "r-valid", "r-brute", "r-aa", "r-formula"];
      brute.rules.effective = ["r-valid", "r-formula", "r-brute"];
      brute.rules.fired = ["r-brute"];
      brute.disposition = "accepted";
      brute.score = 1;
      brute.tactics = ["credential-access", "execution", "initial-access"];
      techniqueOf(copy, "T1566").disposition = "not_applicable";
    });
    const { view, details } = attackSection(input);
    const brute = details.find((detail) => detail.id === "T1110")!;
    expect(brute.rules.map((rule) => [rule.id, rule.state])).toEqual([
      ["r-brute", "fired"],
      ["r-formula", "effective"],
      ["r-valid", "effective"],
      ["r-aa", "not effective"],
      ["r-zz", "not effective"],
    ]);
    expect(brute.rules[1]!.name).toBe('=HYPERLINK("http://x","y")');
    expect(brute.rules[3]).toEqual({
      id: "r-aa",
      name: "r-aa",
      enabled: true,
      effective: false,
      fired: false,
      state: "not effective",
    });
    // Tactics in the catalog's matrix order.
    expect(brute.tactics).toEqual(["Initial Access", "Execution", "Credential Access"]);
    // Below the threshold but accepted: no gap.
    expect(brute.gap).toBe(false);
    const cell = (id: string) =>
      view!.columns.flatMap((column) => column.cells).find((candidate) => candidate.id === id)!;
    expect(cell("T1110").mark).toBe(" (accepted)");
    expect(cell("T1566").mark).toBe(" (n/a)");
    expect(view!.table.find((row) => row.detail.id === "T1110")!.mark).toBe(" (accepted)");
    expect(view!.gaps).toBe(2);
    expect(view!.cells).toBe(6);
    // Listed under each of its tactics, sorted by name there.
    expect(view!.columns[0]!.cells.map((c) => c.id)).toEqual(["T1110", "T1566", "T1078"]);
  });

  it("sorts techniques of the same name by id, and lists 8 rules in the table with the rest counted", () => {
    const input = edited((copy) => {
      const brute = techniqueOf(copy, "T1110");
      brute.name = "Valid Accounts";
      brute.tactics = ["initial-access"];
      brute.rules.enabled = Array.from({ length: 11 }, (_, i) => `r-${String(i).padStart(2, "0")}`);
    });
    const { view } = attackSection(input);
    expect(view!.columns[0]!.cells.map((c) => c.id)).toEqual(["T1566", "T1078", "T1110"]);
    const row = view!.table.find((candidate) => candidate.detail.id === "T1110")!;
    expect(row.rules_listed.map((rule) => rule.id)).toEqual([
      "r-00",
      "r-01",
      "r-02",
      "r-03",
      "r-04",
      "r-05",
      "r-06",
      "r-07",
    ]);
    expect(row.rules_more).toBe(3);
  });

  it("says why there is no matrix", () => {
    expect(
      attackSection(
        edited((copy) => {
          copy.assessment.attack = null;
        }),
      ),
    ).toEqual({
      view: null,
      details: [],
      unavailable: "MITRE ATT&CK was not among the assessed frameworks, so this report has no ATT&CK coverage.",
    });
    expect(attackSection({ ...reportInput(), attack: null })).toEqual({
      view: null,
      details: [],
      unavailable:
        "The ATT&CK catalog was not loaded, so the matrix cannot be drawn (the assessment still lists every technique's score).",
    });
  });

  it("labels a gap threshold off the ladder by its number", () => {
    const input = edited((copy) => {
      copy.assessment.attack!.gap_below = 9;
    });
    expect(attackSection(input).view!.gap_label).toBe("9");
  });
});

describe("the framework view", () => {
  it("gives each control its key, depth, status, verdict, evidence and the pack's files", () => {
    const [section, ...others] = frameworkSections(reportInput());
    expect(others).toEqual([]);
    expect(EVIDENCE_LISTED).toBe(6);
    expect({ ...section, controls: undefined }).toEqual({
      index: 0,
      id: "test-fw",
      name: "Test framework",
      version: "1.0",
      counts: [
        { status: "pass", label: "PASS", count: 1 },
        { status: "partial", label: "PARTIAL", count: 3 },
        { status: "fail", label: "FAIL", count: 1 },
        { status: "manual", label: "MANUAL", count: 2 },
      ],
      controls: undefined,
    });
    expect(section!.controls.map((row) => [row.key, row.id, row.depth, row.status_label])).toEqual([
      ["0/0", "1", 0, "PARTIAL"],
      ["0/1", "1.1", 1, "PASS"],
      ["0/2", "1.2", 1, "MANUAL"],
      ["0/3", "2", 0, "PARTIAL"],
      ["0/4", "2.1", 1, "PARTIAL"],
      ["0/5", "2.2", 1, "MANUAL"],
      ["0/6", "3", 0, "FAIL"],
    ]);
    expect(section!.controls[1]).toEqual({
      key: "0/1",
      id: "1.1",
      title: "Cloud audit logs arrive",
      depth: 1,
      status: "pass",
      status_label: "PASS",
      reason: "1 of 1 log sources had data on at least 90% of the 92 days (required 1): cloudtrail 100%",
      reason_label: null,
      evidence: [
        "source:cloudtrail (92 of 92 days with data)",
        "query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z",
      ],
      evidence_more: 0,
      files: ["populations/log-sources.csv"],
      findings: [],
    });
    expect(section!.controls[6]).toMatchObject({
      reason_label: "Source silent",
      evidence: ["query_window:2026-07-01T00:00:00Z/2026-10-01T00:00:00Z"],
      files: [],
    });
  });

  it("links evidence files only in packs that hold the populations", () => {
    const files = (kind: ReportInput["kind"]) => frameworkSections({ ...reportInput(), kind })[0]!.controls[1]!.files;
    expect(files("evidence")).toEqual(["populations/log-sources.csv"]);
    expect(files("gap")).toEqual([]);
    expect(files("attack")).toEqual([]);
  });

  it("indents to three levels at most, cuts evidence after 6, shows every finding of a control with several, and uses the framework's id", () => {
    const input = edited((copy) => {
      const controls = copy.assessment.frameworks[0]!.controls;
      const [first, second] = controls;
      const deep = ["d1", "d2", "d3", "d4"].map((id, i) => ({
        ...structuredClone(second!),
        id,
        label: `${id.toUpperCase()}-label`,
        parent: i === 0 ? "1.1" : `d${i}`,
      }));
      controls.push(...deep);
      const finding = second!.findings[0]!;
      second!.findings = [
        { ...finding, evidence: Array.from({ length: 8 }, (_, i) => ({ type: "rule" as const, id: `r${i}` })) },
        { ...finding, status: "fail", reason: "Second check", informational: true },
      ];
      first!.parent = null;
    });
    const rows = frameworkSections(input)[0]!.controls;
    expect(rows.slice(-4).map((row) => [row.id, row.depth])).toEqual([
      ["D1-label", 2],
      ["D2-label", 3],
      ["D3-label", 3],
      ["D4-label", 3],
    ]);
    const several = rows[1]!;
    expect(several.evidence).toEqual(["rule:r0", "rule:r1", "rule:r2", "rule:r3", "rule:r4", "rule:r5"]);
    expect(several.evidence_more).toBe(2);
    expect(several.findings).toEqual([
      {
        status: "pass",
        status_label: "PASS",
        reason: "1 of 1 log sources had data on at least 90% of the 92 days (required 1): cloudtrail 100%",
        informational: false,
      },
      { status: "fail", status_label: "FAIL", reason: "Second check", informational: true },
    ]);
  });

  it("gives the search and filter data of every control", () => {
    const data = controlData(frameworkSections(reportInput()));
    expect(data).toHaveLength(7);
    expect(data[6]).toEqual({
      key: "0/6",
      id: "3",
      title: "Unmapped",
      status: "fail",
      reason: "None of the 1 log sources had data in the period: missing-source no data",
    });
  });
});

describe("the gaps view", () => {
  it("lists every gap, worst first, with its swatch class, status in words and typed reason", () => {
    const view = gapsView(reportInput(), true);
    expect(view.controls).toBe(4);
    expect(view.techniques).toBe(3);
    expect(view.rows.map((row) => [row.key, row.swatch, row.status_label, row.technique])).toEqual([
      ["test-fw:3", "status-fail", "FAIL", false],
      ["test-fw:2.1", "status-partial", "PARTIAL", false],
      ["test-fw:1.2", "status-manual", "MANUAL", false],
      ["test-fw:2.2", "status-manual", "MANUAL", false],
      ["mitre-attack:T1110.001", "score-0", "0 No coverage", true],
      ["mitre-attack:T1566", "score-0", "0 No coverage", true],
      ["mitre-attack:T1059", "score-2", "2 Paper coverage", true],
    ]);
    expect(view.rows[0]).toEqual({
      key: "test-fw:3",
      framework: "Test framework",
      id: "3",
      title: "Unmapped",
      swatch: "status-fail",
      status_label: "FAIL",
      reason_label: "Source silent",
      reason: "None of the 1 log sources had data in the period: missing-source no data",
      technique: false,
    });
    expect(view.rows[4]!.framework).toBe("MITRE ATT&CK 18.1");
    expect(gapsView(reportInput(), false).rows.map((row) => row.technique)).toEqual(Array(7).fill(false));
  });
});

describe("the changes view", () => {
  const previous = () => {
    const run = assessed({ parts: { rules: { rules: [] } }, collectedAt: "2026-09-30T06:00:00Z" });
    return { ...run, label: "prev" };
  };

  it("is absent without a previous run", () => {
    expect(changesView(reportInput(), true)).toBeNull();
  });

  it("lists gaps closed and changed, rules and sources, and coverage before and after with its delta", () => {
    const view = changesView({ ...reportInput(), previous: previous() }, true)!;
    expect({ ...view, closed_gaps: view.closed_gaps.map((row) => row.key) }).toEqual({
      label: "prev",
      collected_at: "2026-09-30 06:00 UTC",
      period: "2026-Q3",
      new_gaps: [],
      closed_gaps: ["mitre-attack:T1078", "mitre-attack:T1110"],
      changed_gaps: [
        { framework: "MITRE ATT&CK 18.1", id: "T1566", title: "Phishing", before: "No rule", after: "Rule disabled" },
        {
          framework: "MITRE ATT&CK 18.1",
          id: "T1059",
          title: "Command and Scripting Interpreter",
          before: "Rule disabled",
          after: "Source silent",
        },
      ],
      rule_lists: [
        {
          title: "Rules added",
          rules: [
            { id: "r-formula", name: '=HYPERLINK("http://x","y")', type: "log_detection" },
            { id: "r-brute", name: "Brute force on Windows", type: "log_detection" },
            { id: "r-phish", name: "Phishing link clicked", type: "log_detection" },
            { id: "r-valid", name: "Root login", type: "log_detection" },
          ],
        },
        { title: "Rules removed", rules: [] },
        { title: "Rules enabled", rules: [] },
        { title: "Rules disabled", rules: [] },
      ],
      source_lists: [
        { title: "Log sources gone silent", sources: [] },
        { title: "Log sources back", sources: [] },
      ],
      coverage: [
        { what: "ATT&CK techniques covered", before: 0, after: 2, delta: "+2" },
        { what: "Test framework: controls passing", before: 1, after: 1, delta: "±0" },
      ],
      notes: [],
    });
    expect(view.closed_gaps[0]).toEqual({
      key: "mitre-attack:T1078",
      framework: "MITRE ATT&CK 18.1",
      id: "T1078",
      title: "Valid Accounts",
      swatch: "score-1",
      status_label: "1 Visibility only",
      reason_label: "No rule",
      reason: "No enabled rule detects this technique; ingesting sources that can see it: cloudtrail",
      technique: true,
    });
    expect(changesView({ ...reportInput(), previous: previous() }, false)!.closed_gaps[0]!.technique).toBe(false);
  });

  it("counts a fall with a minus sign, and a framework only one run assessed", () => {
    const now = reportInput({ parts: { rules: { rules: [] } } });
    const before = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z" }), label: "prev" };
    before.assessment = structuredClone(before.assessment);
    before.assessment.frameworks[0]!.summary.pass = 3;
    before.assessment.frameworks.push({ ...before.assessment.frameworks[0]!, id: "gone-fw", name: "Gone" });
    const view = changesView({ ...now, previous: before }, true)!;
    expect(view.coverage).toEqual([
      { what: "ATT&CK techniques covered", before: 2, after: 0, delta: "\u22122" },
      { what: "Test framework: controls passing", before: 3, after: 1, delta: "\u22122" },
      { what: "gone-fw: controls passing", before: 3, after: 0, delta: "\u22123" },
    ]);
  });

  it("leaves ATT&CK out of the coverage when neither run assessed it", () => {
    const now = reportInput({ frameworks: ["test-fw"] });
    const before = { ...assessed({ frameworks: ["test-fw"], collectedAt: "2026-09-30T06:00:00Z" }), label: "prev" };
    expect(changesView({ ...now, previous: before }, false)!.coverage.map((row) => row.what)).toEqual([
      "Test framework: controls passing",
    ]);
    const onlyBefore = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z" }), label: "prev" };
    expect(changesView({ ...now, previous: onlyBefore }, false)!.coverage[0]!.what).toBe("ATT&CK techniques covered");
  });
});

describe("the trend chart", () => {
  const point = (date: string, fields: Partial<RunTrendPoint> = {}): RunTrendPoint => ({
    collected_at: `${date}T06:00:00Z`,
    attack_covered: null,
    attack_total: null,
    controls_passing: {},
    controls_total: {},
    ...fields,
  });

  it("records a run's covered techniques and passing controls", () => {
    const input = reportInput();
    expect(trendPointOf("2026-10-01T06:00:00Z", input.assessment)).toEqual({
      collected_at: "2026-10-01T06:00:00Z",
      attack_covered: 2,
      attack_total: 5,
      controls_passing: { "test-fw": 1 },
      controls_total: { "test-fw": 7 },
    });
    const none = trendPointOf("x", { ...input.assessment, attack: null });
    expect([none.attack_covered, none.attack_total]).toEqual([null, null]);
  });

  it("draws nothing with fewer than two earlier runs", () => {
    expect(TREND_MIN_HISTORY).toBe(2);
    expect(trendView({ ...reportInput(), history: [point("2026-08-01")] })).toBeNull();
  });

  it("places each run's figure on the plot, breaking the line where a run lacks it", () => {
    const history = [
      point("2026-08-01", {
        attack_covered: 1,
        attack_total: 4,
        controls_passing: { "test-fw": 0 },
        controls_total: { "test-fw": 7 },
      }),
      point("2026-09-01", { attack_covered: 3, attack_total: 0 }),
      // The current run, already recorded by the scheduler: not drawn twice.
      point("2026-10-01", { attack_covered: 5, attack_total: 5 }),
    ];
    const view = trendView({ ...reportInput(), history })!;
    expect({ ...view, series: undefined }).toEqual({
      width: 640,
      height: 240,
      axis: { left: 48, right: 624, top: 12, bottom: 204 },
      y_ticks: [
        { y: "204.0", label: "0%" },
        { y: "156.0", label: "25%" },
        { y: "108.0", label: "50%" },
        { y: "60.0", label: "75%" },
        { y: "12.0", label: "100%" },
      ],
      x_labels: [
        { x: "48.0", label: "2026-08-01", anchor: "start" },
        { x: "624.0", label: "2026-10-01", anchor: "end" },
      ],
      series: undefined,
      table: {
        headers: ["ATT&CK techniques covered", "Test framework: controls passing"],
        rows: [
          { run: "2026-08-01 06:00 UTC", cells: ["25.0% (1 of 4)", "0.0% (0 of 7)"] },
          { run: "2026-09-01 06:00 UTC", cells: ["–", "–"] },
          { run: "2026-10-01 06:00 UTC", cells: ["40.0% (2 of 5)", "14.3% (1 of 7)"] },
        ],
      },
      first: "2026-08-01 06:00 UTC",
      last: "2026-10-01 06:00 UTC",
      runs: 3,
    });
    expect(view.series).toEqual([
      {
        index: 0,
        name: "ATT&CK techniques covered",
        segments: ["48.0,156.0", "624.0,127.2"],
        markers: [
          { x: "48.0", y: "156.0", title: "ATT&CK techniques covered, 2026-08-01 06:00 UTC: 25.0% (1 of 4)" },
          { x: "624.0", y: "127.2", title: "ATT&CK techniques covered, 2026-10-01 06:00 UTC: 40.0% (2 of 5)" },
        ],
      },
      {
        index: 1,
        name: "Test framework: controls passing",
        segments: ["48.0,204.0", "624.0,176.6"],
        markers: [
          { x: "48.0", y: "204.0", title: "Test framework: controls passing, 2026-08-01 06:00 UTC: 0.0% (0 of 7)" },
          { x: "624.0", y: "176.6", title: "Test framework: controls passing, 2026-10-01 06:00 UTC: 14.3% (1 of 7)" },
        ],
      },
    ]);
  });

  it("joins consecutive runs into one line, and keeps the last 30 earlier runs", () => {
    expect(TREND_MAX_RUNS).toBe(30);
    const history = Array.from({ length: 32 }, (_, i) =>
      point(`2026-0${1 + Math.floor(i / 28)}-${String(1 + (i % 28)).padStart(2, "0")}`, {
        attack_covered: i,
        attack_total: 40,
      }),
    );
    const view = trendView({ ...reportInput(), history })!;
    expect(view.runs).toBe(31);
    expect(view.first).toBe("2026-01-03 06:00 UTC");
    expect(view.series[0]!.segments).toHaveLength(1);
    expect(view.series[0]!.segments[0]!.split(" ")).toHaveLength(31);
    expect(view.series[0]!.segments[0]!.split(" ").slice(0, 2)).toEqual(["48.0,194.4", "67.2,189.6"]);
    // The earlier runs did not record the framework: only the current run's point.
    expect(view.series[1]!.segments).toEqual(["624.0,176.6"]);
    expect(view.series[1]!.markers).toHaveLength(1);
  });

  it("has no ATT&CK series when ATT&CK was not assessed", () => {
    const input = reportInput({ frameworks: ["test-fw"] });
    const view = trendView({ ...input, history: [point("2026-08-01"), point("2026-09-01")] })!;
    expect(view.table.headers).toEqual(["Test framework: controls passing"]);
    expect(view.series.map((series) => series.index)).toEqual([0]);
  });
});

describe("the next actions", () => {
  it("carries each action's rank, edit, gain, the keys of what it moves and the moves in words", () => {
    const action = {
      rank: 2,
      edit: "--enable-rule r-phish",
      summary: "Enable Phishing link clicked",
      gain: 4,
      techniques: [
        { id: "T1566", from: 0, to: 3 },
        { id: "T1110", from: 4, to: 5 },
      ],
      controls: [{ framework: "test-fw", id: "3", from: "fail", to: "pass" }],
      cumulative: { techniques: [], controls: [] },
    } as unknown as PlanAction;
    const input = { ...reportInput(), plan: { candidates: 3, actions: [action] } } as ReportInput;
    expect(actionsView(input)).toEqual({
      rows: [
        {
          rank: 2,
          edit: "--enable-rule r-phish",
          summary: "Enable Phishing link clicked",
          gain: 4,
          keys: "mitre-attack:T1566\nmitre-attack:T1110\ntest-fw:3",
          moves: "T1566 0 to 3, T1110 4 to 5, test-fw 3 fail to pass",
        },
      ],
    });
    expect(actionsView(reportInput())).toEqual({ rows: [] });
  });
});
