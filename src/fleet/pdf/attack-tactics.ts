/**
 * The fleet's ATT&CK view for a detection engineer: the score ladder, the
 * count of techniques per tactic and weakest score, then tactic by tactic
 * (the catalog's matrix order and names) every top-level technique with its
 * weakest org's score and each org's score beside it, digits on the shared
 * score colours; `—` where an org does not assess ATT&CK. Sub-technique
 * scores per org are in the workbook's ATT&CK sheet.
 */
import type { Content, TableCell } from "pdfmake/interfaces.js";
import type { AttackTactic } from "../../catalogs/attack/schema.js";
import { tacticScoreTable } from "../../report/pdf/attack/tactic-scores.js";
import { tacticSectionId, techniquesByTactic } from "../../report/pdf/blocks/heatmap-grid.js";
import { compactScoreLegend } from "../../report/pdf/blocks/legend.js";
import { outlineAnchor, outlineEntry, sectionId } from "../../report/pdf/blocks/outline.js";
import { swatchText } from "../../report/pdf/blocks/status-label.js";
import { scoreSwatch } from "../../report/pdf/presentation.js";
import type { FleetReportInput } from "../contract.js";
import type { FleetAttack, FleetTechnique } from "../schema.js";
import { orgsNotAssessing, WEAKEST_NOTE } from "./fleet-facts.js";
import { groupTitle, type OrgColumnGroup, orgColumnGroups } from "./org-columns.js";
import { type GridRow, NOT_ASSESSED, orgGridTable } from "./org-grid.js";

export const ATTACK_HEADING = "MITRE ATT&CK by tactic";
const ATTACK_ID = sectionId("attack");
export const NO_FLEET_ATTACK_TEXT = "No org assessed MITRE ATT&CK, so the fleet has no ATT&CK view.";
export const NO_CATALOG_TEXT =
  "The ATT&CK catalog was not given to this report, so tactics cannot be named or ordered; the workbook's ATT&CK sheet lists every technique's scores.";

export function tacticTitle(tactic: Pick<AttackTactic, "name" | "id">): string {
  return `${tactic.name} (${tactic.id})`;
}

function scoreCell(score: number): TableCell {
  return swatchText(scoreSwatch(score), String(score), 7.5);
}

function techniqueRows(technique: FleetTechnique): GridRow {
  return {
    kind: "item",
    label: { text: [{ text: technique.id, bold: true }, ` ${technique.name}`], style: "cell" },
    fleet: scoreCell(technique.score),
    orgCell: (org) => {
      const score = technique.orgs[org];
      return score === undefined ? null : scoreCell(score);
    },
  };
}

function groupTable(
  attack: FleetAttack,
  tactics: readonly AttackTactic[],
  group: OrgColumnGroup,
  split: boolean,
): Content[] {
  const columns = techniquesByTactic(tactics, attack.techniques);
  const anchorId = split ? sectionId("attack", `orgs-${group.index + 1}`) : ATTACK_ID;
  const rows = tactics.flatMap((tactic, i): GridRow[] => {
    const own = columns[i] ?? [];
    // The first group's tactic rows are the destinations the tactic summary links to.
    const id = group.index === 0 ? tacticSectionId(tactic) : sectionId("tactic", tactic.shortname, String(group.index));
    return [
      {
        kind: "section",
        text: {
          text: [tacticTitle(tactic), { text: `   ${own.length} techniques`, bold: false, color: "#333333" }],
          style: "cell",
        },
        bookmark: { id, parent: anchorId, title: tacticTitle(tactic) },
      },
      ...own.map(techniqueRows),
    ];
  });
  const table = orgGridTable({
    running: `MITRE ATT&CK ${attack.version}`,
    labelHeader: "Technique",
    fleetHeader: "Weakest",
    group,
    rows,
  });
  if (!split) return [table];
  return [
    {
      ...outlineAnchor({ id: anchorId, parent: ATTACK_ID, title: groupTitle(group) }),
      ...(group.index === 0 ? {} : { pageBreak: "before" as const }),
    },
    table,
  ];
}

export function attackTactics(input: FleetReportInput): Content[] {
  const { fleet } = input;
  const heading: Content = {
    text: ATTACK_HEADING,
    style: "h1",
    pageBreak: "before",
    ...outlineEntry({ id: ATTACK_ID, title: ATTACK_HEADING }),
  };
  const attack = fleet.attack;
  if (attack === null) return [heading, { text: NO_FLEET_ATTACK_TEXT, style: "narrative" }];
  const catalog = input.attack ?? null;
  if (catalog === null) return [heading, { text: NO_CATALOG_TEXT, style: "narrative" }];
  const missing = orgsNotAssessing(fleet, attack.orgs);
  const groups = orgColumnGroups(fleet.orgs.map((org) => org.name));
  return [
    heading,
    {
      text: [
        `ATT&CK ${attack.version}, tactics in matrix order. ${WEAKEST_NOTE} Techniques scoring below ${attack.gap_below} are gaps.`,
        missing.length === 0 ? "" : ` Not assessed by ${missing.join(", ")} (${NOT_ASSESSED} in their columns).`,
        " Sub-techniques and every org's score of each: the workbook's ATT&CK sheet.",
      ].join(""),
      style: "note",
    },
    compactScoreLegend(),
    { text: "Techniques per tactic and weakest score", style: "h2" },
    tacticScoreTable(catalog.tactics, attack.techniques),
    { text: "", pageBreak: "after" },
    ...groups.flatMap((group) => groupTable(attack, catalog.tactics, group, groups.length > 1)),
  ];
}
