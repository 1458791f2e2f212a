/**
 * What report.html shows, from the fixture org assessed by the real engine:
 * the matrix (catalog order and names, labelled cells), each technique's
 * detail, the control tables, gaps, changes and the trend, and which view
 * opens first for each kind of pack.
 */
import { describe, expect, it } from "vitest";
import type { RunTrendPoint } from "../../../src/report/contract.js";
import { attackSection } from "../../../src/report/html/attack-view.js";
import type { ReportData } from "../../../src/report/html/page.js";
import { renderHtmlReport } from "../../../src/report/html/page.js";
import { trendPointOf, trendView } from "../../../src/report/html/trend-chart.js";
import { ATTACK } from "../../assess/fixtures/catalogs.js";
import { assessed } from "../data/fixtures/report-input.js";
import { htmlInput } from "./fixtures/html-input.js";
import { dataBlockText } from "./fixtures/html-parts.js";

const dataOf = (html: string) => JSON.parse(dataBlockText(html)) as ReportData;
const technique = (data: ReportData, id: string) => data.attack!.techniques.find((candidate) => candidate.id === id)!;

describe("the ATT&CK matrix", () => {
  it("has one column per tactic in the catalog's order, named from the catalog", async () => {
    // A renamed tactic (as ATT&CK v19 renamed TA0005) shows under its new name.
    const attack = {
      ...ATTACK,
      tactics: ATTACK.tactics.map((tactic) =>
        tactic.id === "TA0002" ? { ...tactic, name: "Renamed Execution" } : tactic,
      ),
    };
    const html = await renderHtmlReport(htmlInput("attack", { attack }));
    const headings = [...html.matchAll(/<h3 id="tactic-([a-z-]+)" class="tactic-name">([^<]*) <span/g)].map((match) => [
      match[1],
      match[2],
    ]);
    expect(headings).toEqual([
      ["initial-access", "Initial Access"],
      ["execution", "Renamed Execution"],
      ["credential-access", "Credential Access"],
    ]);
  });

  it("shows top-level techniques as cells coloured by score and labelled with the score and its name", async () => {
    const html = await renderHtmlReport(htmlInput("attack"));
    const cells = [
      ...html.matchAll(
        /<button type="button" class="cell score-(\d)" data-technique="([^"]+)" aria-haspopup="dialog"><span class="cell-score">([^<]+)<\/span>/g,
      ),
    ].map((match) => [match[2], match[1], match[3]]);
    // Initial Access sorts by name: Phishing before Valid Accounts. Revoked T1000 and sub-technique T1110.001 have no cell.
    expect(cells).toEqual([
      ["T1566", "0", "0 No coverage"],
      ["T1078", "3", "3 Effective"],
      ["T1059", "2", "2 Paper coverage"],
      ["T1110", "4", "4 Validated"],
    ]);
    expect(html).toContain(
      '<p id="matrix-count" class="count" role="status" aria-live="polite">Showing all 4 cells</p>',
    );
  });

  it("offers every platform, tactic and score as a filter", async () => {
    const section = attackSection(htmlInput("attack"));
    expect(section.view!.platforms).toEqual(["IaaS", "Linux", "Windows"]);
    expect(section.view!.columns.map((column) => column.shortname)).toEqual([
      "initial-access",
      "execution",
      "credential-access",
    ]);
    expect(section.view!.legend.map((swatch) => swatch.score)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(section.view!.gaps).toBe(3);
  });
});

describe("a technique's detail", () => {
  it("lists the rules behind it with enabled, effective and fired, the disabled ones last", async () => {
    const data = dataOf(await renderHtmlReport(htmlInput("attack")));
    expect(technique(data, "T1110").rules).toEqual([
      { id: "r-brute", name: "Brute force on Windows", enabled: true, effective: true, fired: true, state: "fired" },
    ]);
    expect(technique(data, "T1059").rules.map((rule) => [rule.id, rule.state])).toEqual([
      ["r-formula", "not effective"],
      ["a-nc", "disabled"],
    ]);
  });

  it("gives the typed reason for a gap, and says whether it is one", async () => {
    const data = dataOf(await renderHtmlReport(htmlInput("attack")));
    const phishing = technique(data, "T1566");
    expect(phishing).toMatchObject({ score: 0, gap: true, reason: "rule_disabled", reason_label: "Rule disabled" });
    expect(phishing.reason_text).toBe(
      "Only disabled rules detect this technique; ingesting sources that can see it: none",
    );
    expect(phishing.rules.map((rule) => [rule.name, rule.state])).toEqual([["Phishing link clicked", "disabled"]]);
    expect(technique(data, "T1059")).toMatchObject({ gap: true, reason_label: "Source silent" });
    expect(technique(data, "T1110")).toMatchObject({ gap: false, reason_label: "Covered", score_label: "Validated" });
  });

  it("names the visible log sources in Datadog's and ATT&CK's words, its tactics and its sub-techniques", async () => {
    const data = dataOf(await renderHtmlReport(htmlInput("attack")));
    expect(technique(data, "T1110")).toMatchObject({
      sources: ["windows.security"],
      log_sources: ["WinEventLog:Security"],
      tactics: ["Credential Access"],
      platforms: ["IaaS", "Linux", "Windows"],
      subs: ["T1110.001"],
    });
    expect(technique(data, "T1110.001")).toMatchObject({ parent: "T1110", score: 0, reason: "no_rule" });
    expect(data.attack!.gap_below).toBe(3);
    expect(data.attack!.scores.map((step) => step.label)).toEqual([
      "No coverage",
      "Visibility only",
      "Paper coverage",
      "Effective",
      "Validated",
      "Operated",
    ]);
  });

  it("is also printed as a table, every technique and sub-technique with its rules by name", async () => {
    const html = await renderHtmlReport(htmlInput("attack"));
    expect(html).toContain("<li>Brute force on Windows (fired)</li>");
    expect(html).toContain(
      '<tr class="sub">\n<th scope="row"><button type="button" class="link" data-technique="T1110.001"',
    );
  });
});

describe("the framework view", () => {
  it("lists every control with its status, typed reason and evidence, and the data the filters read", async () => {
    const html = await renderHtmlReport(htmlInput("evidence"));
    const rows = [
      ...html.matchAll(
        /<tr data-control="([^"]+)" class="depth-(\d)">\n<th scope="row" class="control-id">([^<]+)<\/th>\n<td>[^<]*<\/td>\n<td><span class="swatch status-([a-z_]+)">([^<]+)<\/span>/g,
      ),
    ].map((match) => [match[3], match[2], match[4], match[5]]);
    expect(rows).toEqual([
      ["1", "0", "partial", "PARTIAL"],
      ["1.1", "1", "pass", "PASS"],
      ["1.2", "1", "manual", "MANUAL"],
      ["2", "0", "partial", "PARTIAL"],
      ["2.1", "1", "partial", "PARTIAL"],
      ["2.2", "1", "manual", "MANUAL"],
      ["3", "0", "fail", "FAIL"],
    ]);
    expect(html).toContain(
      "<strong>Source silent.</strong> Only 0 of 1 log sources had data on at least 90% of the 92 days; required 1: okta 10.8%",
    );
    expect(html).toContain("<li>source:okta (10 of 92 days with data)</li>");
    expect(html).toContain(
      '<a class="population" href="populations/log-sources.csv">Full list: populations/log-sources.csv</a>',
    );
    const data = dataOf(html);
    expect(data.controls.map((control) => [control.key, control.id, control.status])).toContainEqual([
      "0/6",
      "3",
      "fail",
    ]);
  });
});

describe("gaps, changes and the trend", () => {
  it("lists every gap, worst first, technique gaps opening their detail", async () => {
    const html = await renderHtmlReport(htmlInput("gap"));
    const list = html.slice(html.indexOf('id="gap-list-title"'));
    const ids = [
      ...list.matchAll(
        /<th scope="row">(?:<button type="button" class="link" data-technique="[^"]+" aria-haspopup="dialog">)?([^<]+)</g,
      ),
    ].map((match) => match[1]);
    expect(ids).toEqual(["3", "2.1", "1.2", "2.2", "T1110.001", "T1566", "T1059"]);
    expect(html).toContain(
      '<button type="button" class="link" data-technique="T1566" aria-haspopup="dialog">T1566</button>',
    );
    expect(html).toContain("No earlier run was given to compare with");
  });

  it("shows what changed since the previous run", async () => {
    // Before, control 2.1 passed: it is a new gap now.
    const { snapshot, assessment } = assessed();
    const before = structuredClone(assessment);
    Object.assign(before.frameworks[0]!.controls.find((control) => control.id === "2.1")!, {
      status: "pass",
      findings: [],
    });
    const html = await renderHtmlReport(
      htmlInput("gap", { previous: { snapshot, assessment: before, label: "2026-Q2 pack" } }),
    );
    expect(html).toContain('<h3 id="changes-title">Changes since 2026-Q2 pack</h3>');
    expect(html).toMatch(/<h4>New gaps \(1\)<\/h4>[\s\S]*?<th scope="row">2\.1<\/th>/);
    expect(html).toContain("<strong>Closed gaps (0):</strong> none.");
  });

  const point = (collected_at: string, covered: number, passing: number): RunTrendPoint => ({
    collected_at,
    attack_covered: covered,
    attack_total: 5,
    controls_passing: { "test-fw": passing },
    controls_total: { "test-fw": 7 },
  });

  it("draws no chart without two earlier runs", async () => {
    expect(trendView(htmlInput("gap", { history: [point("2026-09-01T00:00:00Z", 1, 1)] }))).toBeNull();
    expect(await renderHtmlReport(htmlInput("gap"))).not.toContain("<svg");
  });

  it("charts ATT&CK coverage and each framework's passing share over the earlier runs and this one", async () => {
    const input = htmlInput("gap", {
      history: [point("2026-08-01T06:00:00Z", 0, 0), point("2026-09-01T06:00:00Z", 1, 1)],
    });
    expect(trendPointOf(input.snapshot.collected_at, input.assessment)).toEqual({
      collected_at: "2026-10-01T06:00:00Z",
      attack_covered: 2,
      attack_total: 5,
      controls_passing: { "test-fw": 1 },
      controls_total: { "test-fw": 7 },
    });
    const trend = trendView(input)!;
    expect(trend.series.map((series) => series.name)).toEqual([
      "ATT&CK techniques covered",
      "Test framework: controls passing",
    ]);
    // Plot from x 48 to 624, y 204 (0%) to 12 (100%).
    expect(trend.series[0]!.segments).toEqual(["48.0,204.0 336.0,165.6 624.0,127.2"]);
    expect(trend.table.rows.map((row) => [row.run, ...row.cells])).toEqual([
      ["2026-08-01 06:00 UTC", "0.0% (0 of 5)", "0.0% (0 of 7)"],
      ["2026-09-01 06:00 UTC", "20.0% (1 of 5)", "14.3% (1 of 7)"],
      ["2026-10-01 06:00 UTC", "40.0% (2 of 5)", "14.3% (1 of 7)"],
    ]);
    const html = await renderHtmlReport(input);
    expect(html).toContain('<h3 id="trend-title">Coverage over the last 3 runs</h3>');
    expect(html).toContain('<polyline points="48.0,204.0 336.0,165.6 624.0,127.2"></polyline>');
  });

  it("breaks a line where a run lacks the figure, and does not count the current run twice", () => {
    const gap = { ...point("2026-09-01T06:00:00Z", 0, 0), attack_covered: null, attack_total: null };
    const trend = trendView(
      htmlInput("gap", { history: [point("2026-08-01T06:00:00Z", 1, 1), gap, point("2026-10-01T06:00:00Z", 2, 1)] }),
    )!;
    expect(trend.runs).toBe(3);
    expect(trend.series[0]!.segments).toEqual(["48.0,165.6", "624.0,127.2"]);
  });
});

describe("the view that opens first", () => {
  for (const [kind, view] of [
    ["attack", "attack"],
    ["evidence", "frameworks"],
    ["gap", "gaps"],
  ] as const) {
    it(`is ${view} in a ${kind} pack, the others a tab away`, async () => {
      const html = await renderHtmlReport(htmlInput(kind));
      expect(dataOf(html).initial_view).toBe(view);
      const selected = [
        ...html.matchAll(/role="tab" id="tab-([a-z]+)" aria-controls="view-\1" aria-selected="true"/g),
      ].map((match) => match[1]);
      expect(selected).toEqual([view]);
      expect(html.match(/role="tabpanel"/g)).toHaveLength(3);
    });
  }
});

describe("without ATT&CK", () => {
  it("says why there is no matrix and keeps the other views", async () => {
    const { snapshot, assessment } = assessed({ frameworks: ["test-fw"] });
    const html = await renderHtmlReport(htmlInput("attack", { snapshot, assessment }));
    expect(html).toContain("MITRE ATT&amp;CK was not among the assessed frameworks");
    expect(dataOf(html).attack).toBeNull();
    expect(html).not.toContain('class="cell ');
    expect(html).toContain('<tr data-control="0/6" class="depth-0">');
  });

  it("says so when the catalog is missing, and lists technique gaps without a detail to open", async () => {
    const html = await renderHtmlReport(htmlInput("gap", { attack: null }));
    expect(html).toContain("The ATT&amp;CK catalog was not loaded, so the matrix cannot be drawn");
    expect(html).toContain('<th scope="row">T1566</th>');
    expect(html).not.toContain("data-technique=");
  });
});

describe("accessibility wiring", () => {
  for (const kind of ["evidence", "gap", "attack"] as const) {
    it(`${kind}: ids are unique, and every aria reference and label names one`, async () => {
      const { snapshot, assessment } = assessed();
      const previous = { snapshot, assessment, label: "earlier" };
      const html = await renderHtmlReport(htmlInput(kind, { previous }));
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((match) => match[1]!);
      expect(ids.length).toBeGreaterThan(10);
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      const references = [...html.matchAll(/\s(?:aria-labelledby|aria-controls|for)="([^"]+)"/g)].flatMap((match) =>
        match[1]!.split(" "),
      );
      expect(references.length).toBeGreaterThan(5);
      for (const reference of references) expect(ids, reference).toContain(reference);
      expect(html).toContain('<html lang="en">');
    });
  }
});

describe("incomplete evidence", () => {
  it("is said at the top, naming the failed collectors", async () => {
    const { snapshot, assessment } = assessed({ parts: { log_sources: "error", signals: "error" } });
    const html = await renderHtmlReport(htmlInput("evidence", { snapshot, assessment }));
    expect(html).toContain("<strong>Evidence is incomplete.</strong> These collectors failed: log_sources, signals.");
  });

  it("leaves evidence unlinked when the pack has no population file for it", async () => {
    // The pack writes populations/log-sources.csv only when the log_sources collector succeeded.
    const { snapshot } = assessed({ parts: { log_sources: "error" } });
    const html = await renderHtmlReport(htmlInput("evidence", { snapshot }));
    expect(html).toContain("<li>source:okta (10 of 92 days with data)</li>");
    expect(html).not.toContain('href="populations/log-sources.csv"');
  });

  it("is not mentioned when every collector succeeded", async () => {
    expect(await renderHtmlReport(htmlInput("evidence"))).not.toContain("Evidence is incomplete");
  });
});
