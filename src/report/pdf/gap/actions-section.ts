/**
 * "Next actions" in gap-report.pdf: the ranked actions of `ddproof plan`,
 * each with the `whatif` edit that states it, why, its gain and what it
 * moves alone and together with the actions above it. Absent when the
 * input has no plan; a plan with no action says so.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { PlanAction } from "../../../plan/plan.js";
import type { ReportInput } from "../../contract.js";
import { outlinedHeading, sectionId } from "../blocks/outline.js";
import { GRID_LAYOUT } from "../document.js";

export const ACTIONS_HEADING = "Next actions";

const cell = (text: string, alignment: "left" | "right" = "left"): TableCell => ({ text, style: "cell", alignment });

function counts(changes: Pick<PlanAction, "techniques" | "controls">): string {
  const up = changes.techniques.filter((change) => change.to > change.from).length;
  return `${up} technique${up === 1 ? "" : "s"} up, ${changes.controls.length} control${changes.controls.length === 1 ? "" : "s"} moved`;
}

function moves(action: PlanAction): string {
  return [
    ...action.techniques.map((change) => `${change.id} ${change.from} to ${change.to}`),
    ...action.controls.map((change) => `${change.framework} ${change.id} ${change.from} to ${change.to}`),
  ].join(", ");
}

export function actionsSection(input: ReportInput): Content[] {
  if (input.plan === undefined || input.plan === null) return [];
  const { actions, candidates } = input.plan;
  const intro = {
    text:
      actions.length === 0
        ? `None of the ${candidates} candidate changes read from the evidence would raise coverage.`
        : `The changes that would raise coverage most, ranked from ${candidates} candidates read from the evidence. Each counts only what the actions above it have not already changed; each is an edit \`ddproof whatif\` takes, so its effect can be checked offline.`,
    style: "narrative",
  };
  const heading: Content = {
    ...outlinedHeading(ACTIONS_HEADING, "h1", { id: sectionId("next-actions") }),
    pageBreak: "before",
  };
  if (actions.length === 0) return [heading, intro];
  return [heading, intro, actionsTable(actions)];
}

/** The ranked actions as a table: rank, the edit with its summary and what it moves, gain, effect. */
export function actionsTable(actions: readonly PlanAction[]): Content {
  const rows = actions.map((action): TableCell[] => [
    cell(String(action.rank), "right"),
    {
      stack: [
        { text: action.edit, style: "cell", bold: true },
        { text: action.summary, style: "cell" },
        { text: `Moves: ${moves(action)}`, style: "cell", color: "#4a4a4a" },
      ],
    },
    cell(String(action.gain), "right"),
    cell(`${counts(action)}; with the actions above: ${counts(action.cumulative)}`),
  ]);
  return {
    table: {
      headerRows: 1,
      dontBreakRows: true,
      widths: [18, "*", 30, 110],
      body: [["#", "Action", "Gain", "Effect"].map((text): TableCell => ({ text, style: "tableHeader" })), ...rows],
    },
    layout: GRID_LAYOUT,
    margin: [0, 0, 0, 8],
  };
}
