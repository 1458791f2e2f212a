/**
 * A fleet table: one row per control or technique, its label, the fleet's
 * value and one column per org of a column group (org-columns.ts). The first
 * two rows repeat on every page the table runs onto: a running header naming
 * the framework (or ATT&CK) and the column group, then the column headers,
 * org names included. Section rows (a requirement, a tactic) are shaded and
 * may carry a bookmark; being body rows, they never repeat (outline.ts).
 */
import type { Content, ContentText, TableCell } from "pdfmake/interfaces.js";
import { type OutlineEntry, outlineEntry } from "../../report/pdf/blocks/outline.js";
import { GRID_LAYOUT } from "../../report/pdf/document.js";
import { FLEET_COLUMN_WIDTH, groupLabel, ORG_COLUMN_WIDTH, type OrgColumnGroup } from "./org-columns.js";

export interface GridItem {
  kind: "item";
  label: ContentText;
  fleet: TableCell;
  /** The org's cell, or null where the org does not assess it. */
  orgCell(org: string): TableCell | null;
  /** A top-level row (a requirement): shaded, bookmarked when `bookmark` is set. */
  shaded?: boolean;
  bookmark?: OutlineEntry;
}

/** A row across the whole table naming what follows (a tactic). */
export interface GridSection {
  kind: "section";
  text: ContentText;
  bookmark?: OutlineEntry;
}

export type GridRow = GridItem | GridSection;

export interface OrgGrid {
  /** What the table lists, repeated at the top of every page it runs onto. */
  running: string;
  labelHeader: string;
  fleetHeader: string;
  group: OrgColumnGroup;
  rows: readonly GridRow[];
}

const SHADE = "#F2F2F2";

/** Shown where an org does not assess the framework (or ATT&CK). */
export const NOT_ASSESSED = "—";

export function notAssessedCell(): ContentText {
  return { text: NOT_ASSESSED, style: "cell", alignment: "center", color: "#555555" };
}

function withBookmark<T extends object>(cell: T, bookmark: OutlineEntry | undefined): T {
  return bookmark === undefined ? cell : { ...cell, ...outlineEntry(bookmark) };
}

function itemRow(row: GridItem, orgs: readonly string[]): TableCell[] {
  const fill = row.shaded ? { fillColor: SHADE } : {};
  const label = withBookmark({ ...row.label, ...fill, ...(row.shaded ? { bold: true } : {}) }, row.bookmark);
  return [label, row.fleet, ...orgs.map((org) => row.orgCell(org) ?? { ...notAssessedCell(), ...fill })];
}

function sectionRow(row: GridSection, columns: number): TableCell[] {
  const cell: TableCell = withBookmark({ ...row.text, colSpan: columns, fillColor: SHADE, bold: true }, row.bookmark);
  return [cell, ...Array.from({ length: columns - 1 }, (): TableCell => "")];
}

export function orgGridTable(grid: OrgGrid): Content {
  const { orgs } = grid.group;
  const columns = 2 + orgs.length;
  const group = groupLabel(grid.group);
  const running: TableCell[] = [
    {
      text: [
        { text: grid.running, bold: true },
        ...(group === "" ? [] : [{ text: `  ·  ${group}`, color: "#333333" }]),
      ],
      style: "cell",
      colSpan: columns,
    },
    ...Array.from({ length: columns - 1 }, (): TableCell => ""),
  ];
  const header: TableCell[] = [
    { text: grid.labelHeader, style: "tableHeader" },
    { text: grid.fleetHeader, style: "tableHeader", alignment: "center" },
    // Org names break after their dashes when longer than the column.
    ...orgs.map((org): TableCell => ({ text: org, style: "tableHeader", fontSize: 7, alignment: "center" })),
  ];
  const body = grid.rows.map((row) => (row.kind === "item" ? itemRow(row, orgs) : sectionRow(row, columns)));
  return {
    table: {
      headerRows: 2,
      dontBreakRows: true,
      widths: ["*", FLEET_COLUMN_WIDTH, ...orgs.map(() => ORG_COLUMN_WIDTH)],
      body: [running, header, ...body],
    },
    layout: GRID_LAYOUT,
    margin: [0, 4, 0, 8],
  };
}
