/**
 * Edges of report.html's view models: several disabled rules and
 * sub-techniques under one technique, rules of one name, techniques and
 * tactics the catalog does not know, platforms out of order, controls with a
 * display label, trend points missing half a figure or only the current run,
 * and what the page template is given for gaps, changes, actions and trend.
 */
import { describe, expect, it } from "vitest";
import type { ReportInput, RunTrendPoint } from "../../../src/report/contract.js";
import { attackSection } from "../../../src/report/html/attack-view.js";
import { changesView, gapsView } from "../../../src/report/html/gaps-view.js";
import { renderHtmlReport } from "../../../src/report/html/page.js";
import { HTML_PARTIALS, htmlTemplateKey } from "../../../src/report/html/templates.js";
import { trendView } from "../../../src/report/html/trend-chart.js";
import { detectionRule } from "../../assess/fixtures/snapshot-builder.js";
import { assessed, orgParts, reportInput } from "../data/fixtures/report-input.js";

describe("technique details, edges", () => {
  it("lists every disabled rule of a technique, rules of one name by id, and every sub-technique by id", () => {
    const part = orgParts().rules;
    if (part === undefined || part === "error") throw new Error("the fixture org has detection rules");
    const rules = [
      ...part.rules,
      detectionRule({
        id: "r-off-b",
        name: "Another phishing rule",
        enabled: false,
        tags: ["technique:T1566-phishing"],
      }),
      detectionRule({
        id: "r-off-a",
        name: "Another phishing rule",
        enabled: false,
        tags: ["technique:T1566-phishing"],
      }),
    ];
    const base = reportInput({ parts: { rules: { rules } } });
    const input = { ...base, assessment: structuredClone(base.assessment) };
    const techniques = input.assessment.attack!.techniques;
    const sub = techniques.find((technique) => technique.id === "T1110.001")!;
    techniques.push({ ...sub, id: "T1110.010" }, { ...sub, id: "T1110.002" });
    const { details } = attackSection(input);
    const phishing = details.find((detail) => detail.id === "T1566")!;
    expect(phishing.rules.map((rule) => [rule.id, rule.state])).toEqual([
      ["r-off-a", "disabled"],
      ["r-off-b", "disabled"],
      ["r-phish", "disabled"],
    ]);
    expect(details.find((detail) => detail.id === "T1110")!.subs).toEqual(["T1110.001", "T1110.002", "T1110.010"]);
  });

  it("names a tactic the catalog lacks by its shortname, first, and gives a technique it lacks no platforms", () => {
    const base = reportInput();
    const input: ReportInput = {
      ...base,
      assessment: structuredClone(base.assessment),
      attack: {
        ...base.attack!,
        techniques: base.attack!.techniques.map((technique) =>
          technique.id === "T1078" ? { ...technique, platforms: ["Windows", "Azure AD", "Linux"] } : technique,
        ),
      },
    };
    const valid = input.assessment.attack!.techniques.find((technique) => technique.id === "T1078")!;
    valid.tactics = ["initial-access", "lateral-movement"];
    input.assessment.attack!.techniques.push({ ...valid, id: "T9999", name: "Not in the catalog", tactics: [] });
    const { view, details } = attackSection(input);
    expect(details.find((detail) => detail.id === "T1078")!.tactics).toEqual(["lateral-movement", "Initial Access"]);
    expect(details.find((detail) => detail.id === "T1078")!.platforms).toEqual(["Azure AD", "Linux", "Windows"]);
    expect(details.find((detail) => detail.id === "T9999")!.platforms).toEqual([]);
    expect(view!.platforms).toEqual(["Azure AD", "IaaS", "Linux", "Windows"]);
  });
});

describe("gaps and changes, edges", () => {
  it("show a control by the framework's own label", () => {
    const base = reportInput();
    const input = { ...base, assessment: structuredClone(base.assessment) };
    input.assessment.frameworks[0]!.controls.find((control) => control.id === "3")!.label = "3-L";
    const row = gapsView(input, true).rows.find((candidate) => candidate.key === "test-fw:3")!;
    expect(row.id).toBe("3-L");
    const before = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z" }), label: "prev" };
    before.assessment = structuredClone(before.assessment);
    const control = before.assessment.frameworks[0]!.controls.find((candidate) => candidate.id === "3")!;
    control.findings = control.findings.map((finding) => ({ ...finding, reason_code: "no_rule" }));
    control.label = "3-L";
    const changed = changesView({ ...input, previous: before }, true)!.changed_gaps;
    expect(changed.find((gap) => gap.id === "3-L")).toEqual({
      framework: "Test framework",
      id: "3-L",
      title: "Unmapped",
      before: "No rule",
      after: "Source silent",
    });
  });
});

describe("the trend, edges", () => {
  const point = (date: string, fields: Partial<RunTrendPoint> = {}): RunTrendPoint => ({
    collected_at: `${date}T06:00:00Z`,
    attack_covered: null,
    attack_total: null,
    controls_passing: {},
    controls_total: {},
    ...fields,
  });

  it("skips a run missing either half of a figure", () => {
    const history = [
      point("2026-08-01", { attack_covered: 1, attack_total: null, controls_passing: { "test-fw": 1 } }),
      point("2026-09-01", { attack_covered: null, attack_total: 4, controls_total: { "test-fw": 7 } }),
    ];
    const view = trendView({ ...reportInput(), history })!;
    expect(view.table.rows.map((row) => row.cells)).toEqual([
      ["–", "–"],
      ["–", "–"],
      ["40.0% (2 of 5)", "14.3% (1 of 7)"],
    ]);
  });

  it("draws the current run alone at the left edge when the history holds only it", () => {
    const input = reportInput();
    const now = input.snapshot.collected_at;
    const same = { ...point("x"), collected_at: now, attack_covered: 1, attack_total: 1 };
    const view = trendView({ ...input, history: [same, same] })!;
    expect(view.runs).toBe(1);
    expect(view.x_labels).toEqual([
      { x: "48.0", label: "2026-10-01", anchor: "start" },
      { x: "48.0", label: "2026-10-01", anchor: "end" },
    ]);
    expect(view.series[0]!.segments).toEqual(["48.0,127.2"]);
  });
});

describe("what the page template is given", () => {
  it("the gaps (technique details only with the catalog), changes, actions, trend, frameworks and statuses", async () => {
    const files: Record<string, string> = Object.fromEntries(HTML_PARTIALS.map((name) => [`${name}.hbs`, ""]));
    files["report.hbs"] = [
      "gaps={{gaps.controls}}/{{gaps.techniques}}:{{#each gaps.rows}}{{#if technique}}T{{else}}c{{/if}}{{/each}}",
      "changes={{#if changes}}{{changes.label}}{{else}}none{{/if}}",
      "actions={{#each actions.rows}}{{rank}};{{/each}}",
      "trend={{#if trend}}{{trend.runs}}{{else}}none{{/if}}",
      "frameworks={{#each frameworks}}{{id}};{{/each}}",
      "statuses={{#each statuses}}{{label}};{{/each}}",
      "title={{facts.report.title}}",
      "",
    ].join("\n");
    files["style.css.hbs"] = "";
    files["app.js"] = "";
    const templates = Object.fromEntries(Object.entries(files).map(([file, text]) => [htmlTemplateKey(file), text]));
    const base = { ...reportInput(), kind: "gap" as const, templates };
    const previous = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z" }), label: "prev" };
    const history = [1, 2].map((day) => ({
      collected_at: `2026-09-0${day}T06:00:00Z`,
      attack_covered: 1,
      attack_total: 5,
      controls_passing: {},
      controls_total: {},
    }));
    const plan = {
      candidates: 1,
      actions: [
        {
          rank: 1,
          edit: "e",
          summary: "s",
          gain: 1,
          techniques: [],
          controls: [],
          cumulative: { techniques: [], controls: [] },
        },
      ],
    };
    const html = await renderHtmlReport({ ...base, previous, history, plan } as ReportInput);
    expect(html).toBe(
      [
        "gaps=4/3:ccccTTT",
        "changes=prev",
        "actions=1;",
        "trend=3",
        "frameworks=test-fw;",
        "statuses=PASS;PARTIAL;FAIL;UNKNOWN;MANUAL;ACCEPTED;N/A;",
        "title=Gap report",
        "",
      ].join("\n"),
    );
    const bare = await renderHtmlReport({ ...base, attack: null });
    expect(bare.split("\n").slice(0, 4)).toEqual(["gaps=4/3:ccccccc", "changes=none", "actions=", "trend=none"]);
  });
});

describe("the changes the page template is given", () => {
  it("flag a new technique gap as a technique only when the ATT&CK catalog is at hand", async () => {
    const files: Record<string, string> = Object.fromEntries(HTML_PARTIALS.map((name) => [`${name}.hbs`, ""]));
    files["report.hbs"] =
      "{{#each changes.new_gaps}}{{#if technique}}T{{else}}c{{/if}}{{/each}}|{{#each changes.closed_gaps}}{{#if technique}}T{{else}}c{{/if}}{{/each}}";
    files["style.css.hbs"] = "";
    files["app.js"] = "";
    const templates = Object.fromEntries(Object.entries(files).map(([file, text]) => [htmlTemplateKey(file), text]));
    // The previous run assessed the framework alone, so every technique gap of this run is new.
    const previous = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z", frameworks: ["test-fw"] }), label: "prev" };
    const base = { ...reportInput(), kind: "gap" as const, templates, previous };
    expect(await renderHtmlReport(base)).toBe("TTT|");
    expect(await renderHtmlReport({ ...base, attack: null })).toBe("ccc|");
  });
});
