/**
 * attack-layer.json beyond its schema: the exact layout and selection
 * settings every layer carries, the description with the score ladder, the
 * comment of a technique with no effective or fired rule, incomplete
 * evidence, and no platform filter without the ATT&CK catalog.
 */
import { describe, expect, it } from "vitest";
import { buildAttackLayer } from "../../../src/report/formats/attack-layer.js";
import { reportInput } from "./fixtures/report-input.js";

describe("attack-layer.json settings and wording", () => {
  it("carries the same layout, sorting and selection settings in every layer", () => {
    const layer = buildAttackLayer(reportInput())!;
    const { techniques, metadata, name, description, filters, ...fixed } = layer;
    expect(fixed).toEqual({
      versions: { attack: "18", navigator: "4.9.1", layer: "4.5" },
      domain: "enterprise-attack",
      sorting: 3,
      layout: {
        layout: "side",
        showID: true,
        showName: true,
        showAggregateScores: false,
        countUnscored: false,
        aggregateFunction: "average",
        expandedSubtechniques: "none",
      },
      hideDisabled: false,
      gradient: {
        colors: ["#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"],
        minValue: 0,
        maxValue: 5,
      },
      legendItems: [
        { label: "0: No coverage", color: "#ffffcc" },
        { label: "1: Visibility only", color: "#c7e9b4" },
        { label: "2: Paper coverage", color: "#7fcdbb" },
        { label: "3: Effective", color: "#41b6c4" },
        { label: "4: Validated", color: "#2c7fb8" },
        { label: "5: Operated", color: "#253494" },
      ],
      showTacticRowBackground: true,
      tacticRowBackground: "#dddddd",
      selectTechniquesAcrossTactics: true,
      selectSubtechniquesWithParent: false,
      selectVisibleTechniques: false,
    });
  });

  it("describes the org, period and collection, then the score ladder", () => {
    expect(buildAttackLayer(reportInput())!.description).toBe(
      "Detection coverage of Test org for 2026-Q3, collected 2026-10-01T06:00:00Z. Scores: " +
        "0 no enabled rule, and no ingesting source that ATT&CK says can see it; " +
        "1 an ingesting source matches a log source of the technique's analytics; " +
        "2 an enabled rule exists, but none is effective; " +
        "3 an enabled rule whose source is ingesting (or whose hosts run Workload Protection); " +
        "4 an effective rule fired in the period; " +
        "5 two or more effective rules, one fired, and its high/critical signals met the triage SLA.",
    );
  });

  it("says none for the rungs no rule reached", () => {
    const layer = buildAttackLayer(reportInput())!;
    const comments = Object.fromEntries(layer.techniques.map((entry) => [entry.techniqueID, entry.comment]));
    expect(comments.T1059).toBe(
      "Paper coverage (score 2): 1 enabled rule(s) (r-formula) but none is effective: the log sources they read " +
        'are not ingesting. Enabled: =HYPERLINK("http://x","y") (r-formula). Effective: none. Fired: none.',
    );
    expect(comments.T1078).toBe(
      "Effective (score 3): Covered at score 3: 1 effective rule(s), 0 fired in the period. " +
        "Enabled: Root login (r-valid). Effective: Root login (r-valid). Fired: none.",
    );
    const paper = layer.techniques.find((entry) => entry.techniqueID === "T1059")!;
    expect(paper.metadata).toEqual([
      { name: "Reason", value: "Source silent" },
      { name: "Enabled rules", value: '=HYPERLINK("http://x","y") (r-formula)' },
      { name: "Visible sources", value: "runtime-security-agent" },
      { name: "ATT&CK log sources", value: "ebpf:syscalls" },
    ]);
  });

  it("names the collectors that failed, and filters no platform without the ATT&CK catalog", () => {
    const layer = buildAttackLayer({ ...reportInput({ parts: { agents: "error" } }), attack: null })!;
    expect(layer.metadata.find((entry) => entry.name === "Evidence complete")).toEqual({
      name: "Evidence complete",
      value: "no: agents",
    });
    expect("filters" in layer).toBe(false);
  });
});
