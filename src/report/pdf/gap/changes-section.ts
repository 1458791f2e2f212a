/**
 * "Changes since <previous run>": new, closed and changed gaps, rules added,
 * removed, enabled or disabled, and log sources gone silent or back, from
 * computeChanges. Every list says "None." when empty, so an empty list is
 * never mistaken for a missing section.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import { type Changes, computeChanges, type RuleRef } from "../../changes.js";
import type { ReportInput } from "../../contract.js";
import { CHANGES_JSON } from "../../formats/changes-json.js";
import { GAP_REASON_LABELS } from "../../gaps.js";
import type { NarrativeContext } from "../../templates.js";
import { outlinedHeading, sectionId } from "../blocks/outline.js";
import { GRID_LAYOUT } from "../document.js";
import { frameworkNames } from "../framework-names.js";
import { narrative } from "../narrative.js";
import { gapTable } from "./gap-table.js";

export function changesHeading(label: string): string {
  return `Changes since ${label}`;
}

const NONE: Content = { text: "None.", style: "narrative" };
/** Rules listed per list; a wholesale change (a new org, a bulk import) is left to changes.json. */
export const MAX_RULES_LISTED = 50;

function ruleTable(rules: readonly RuleRef[]): Content[] {
  if (rules.length === 0) return [NONE];
  const header: TableCell[] = ["Rule", "ID", "Type"].map((text): TableCell => ({ text, style: "tableHeader" }));
  const rows = rules.slice(0, MAX_RULES_LISTED).map((rule): TableCell[] => [
    { text: rule.name, style: "cell" },
    { text: rule.id, style: "cell" },
    { text: rule.type, style: "cell" },
  ]);
  const more: Content[] =
    rules.length > MAX_RULES_LISTED
      ? [{ text: `… and ${rules.length - MAX_RULES_LISTED} more in ${CHANGES_JSON}.`, style: "note" }]
      : [];
  return [
    {
      table: { headerRows: 1, dontBreakRows: true, widths: ["56%", "22%", "22%"], body: [header, ...rows] },
      layout: GRID_LAYOUT,
    },
    ...more,
  ];
}

function changedTable(changed: Changes["changed_gaps"], names: ReadonlyMap<string, string>): Content {
  if (changed.length === 0) return NONE;
  const header: TableCell[] = ["Framework", "ID", "Title", "Reason before", "Reason now"].map(
    (text): TableCell => ({ text, style: "tableHeader" }),
  );
  const rows = changed.map(({ gap, before, after }): TableCell[] => [
    { text: names.get(gap.framework) ?? gap.framework, style: "cell" },
    { text: gap.id, style: "cell", bold: true },
    { text: gap.title, style: "cell" },
    { text: GAP_REASON_LABELS[before], style: "cell" },
    { text: GAP_REASON_LABELS[after], style: "cell", bold: true },
  ]);
  return {
    table: { headerRows: 1, dontBreakRows: true, widths: ["15%", "11%", "44%", "15%", "15%"], body: [header, ...rows] },
    layout: GRID_LAYOUT,
  };
}

function sources(list: readonly string[]): Content {
  return list.length === 0 ? NONE : { text: list.join(", "), style: "narrative" };
}

export function changesSection(input: ReportInput, context: NarrativeContext): Content[] {
  if (input.previous === null) return [];
  const changes = computeChanges({ snapshot: input.snapshot, assessment: input.assessment }, input.previous);
  const names = frameworkNames(input.assessment);
  const gaps = (list: Changes["new_gaps"]) => (list.length === 0 ? NONE : gapTable(list, { framework: names }));
  const h2 = (text: string, count: number): Content => ({ text: `${text} (${count})`, style: "h2" });
  return [
    {
      ...outlinedHeading(changesHeading(changes.previous.label), "h1", { id: sectionId("changes") }),
      pageBreak: "before",
    },
    ...narrative(input, context, "changes-intro"),
    ...changes.notes.map((note): Content => ({ text: note, style: "note" })),
    h2("New gaps", changes.new_gaps.length),
    gaps(changes.new_gaps),
    h2("Closed gaps", changes.closed_gaps.length),
    gaps(changes.closed_gaps),
    h2("Gaps with a new reason", changes.changed_gaps.length),
    changedTable(changes.changed_gaps, names),
    h2("Rules added", changes.rules_added.length),
    ...ruleTable(changes.rules_added),
    h2("Rules removed", changes.rules_removed.length),
    ...ruleTable(changes.rules_removed),
    h2("Rules enabled", changes.rules_enabled.length),
    ...ruleTable(changes.rules_enabled),
    h2("Rules disabled", changes.rules_disabled.length),
    ...ruleTable(changes.rules_disabled),
    h2("Log sources gone silent", changes.sources_silent.length),
    sources(changes.sources_silent),
    h2("Log sources back", changes.sources_back.length),
    sources(changes.sources_back),
  ];
}
