/**
 * Edges of the gap report's sections: a previous run identical to this one
 * (every list empty, each saying "None."), several log sources in one list,
 * and a plan action that leaves a technique's score where it was.
 */
import type { ContentText } from "pdfmake/interfaces.js";
import { describe, expect, it } from "vitest";
import type { PlanAction } from "../../../src/plan/plan.js";
import { actionsTable } from "../../../src/report/pdf/gap/actions-section.js";
import { changesSection } from "../../../src/report/pdf/gap/changes-section.js";
import { narrativeContext } from "../../../src/report/pdf/narrative.js";
import { currentSnapshot, previousSnapshot, reportInput } from "./fixtures/report-input.js";

describe("changes since a run like this one", () => {
  it("says None. under every heading, the changed gaps included", async () => {
    const input = await reportInput({ kind: "gap", previous: currentSnapshot() });
    const section = changesSection(input, narrativeContext(input));
    const none = { text: "None.", style: "narrative" };
    const after = (heading: string) => section[section.findIndex((node) => (node as ContentText).text === heading) + 1];
    for (const heading of [
      "New gaps (0)",
      "Closed gaps (0)",
      "Gaps with a new reason (0)",
      "Rules added (0)",
      "Rules removed (0)",
      "Rules enabled (0)",
      "Rules disabled (0)",
      "Log sources gone silent (0)",
      "Log sources back (0)",
    ])
      expect(after(heading), heading).toEqual(none);
  });

  it("lists several log sources gone silent on one line, comma separated", async () => {
    const current = currentSnapshot();
    const sources = current.collectors.log_sources;
    if (sources.status !== "ok") throw new Error("the fixture's log sources part failed");
    sources.data.sources = sources.data.sources.filter((volume) => volume.source !== "okta");
    const input = await reportInput({ kind: "gap", snapshot: current, previous: previousSnapshot() });
    const section = changesSection(input, narrativeContext(input));
    const at = section.findIndex((node) => (node as ContentText).text === "Log sources gone silent (2)");
    expect(section[at + 1]).toEqual({ text: "github, okta", style: "narrative" });
  });
});

describe("next actions", () => {
  it("counts a technique as up only when its score rises", () => {
    const action = {
      rank: 1,
      edit: "--enable-rule r",
      summary: "s",
      gain: 1,
      techniques: [
        { id: "T1", from: 2, to: 2 },
        { id: "T2", from: 1, to: 3 },
      ],
      controls: [],
      cumulative: { techniques: [{ id: "T1", from: 3, to: 3 }], controls: [] },
    } as unknown as PlanAction;
    const row = (actionsTable([action]) as { table: { body: ContentText[][] } }).table.body[1]!;
    expect(row[3]!.text).toBe(
      "1 technique up, 0 controls moved; with the actions above: 0 techniques up, 0 controls moved",
    );
  });
});
