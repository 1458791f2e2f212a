/**
 * The ATT&CK view of report.html: the Enterprise matrix (one column per
 * tactic, in the catalog's matrix order, names from the catalog), the
 * filter choices, the score legend and the technique table. The matrix
 * shows top-level techniques, under every tactic they belong to, sorted by
 * name as ATT&CK's own matrix shows them; sub-techniques are in each
 * technique's detail and in the table.
 */
import type { ReportInput } from "../contract.js";
import { compareText } from "../id-order.js";
import { SCORE_SWATCHES, type ScoreSwatch } from "./swatches.js";
import { type TechniqueDetail, type TechniqueRule, techniqueDetails } from "./technique-details.js";

/** Rules the printable table lists per technique; the dialog lists them all. */
export const TABLE_RULES_LISTED = 8;

export interface MatrixCell {
  id: string;
  name: string;
  score: number;
  score_label: string;
  gap: boolean;
  /** " (accepted)" or " (n/a)" for a recorded disposition, else "". */
  mark: string;
}

export interface MatrixColumn {
  tactic_id: string;
  shortname: string;
  name: string;
  cells: MatrixCell[];
}

export interface TechniqueTableRow {
  detail: TechniqueDetail;
  sub: boolean;
  rules_listed: TechniqueRule[];
  rules_more: number;
  mark: string;
}

export interface AttackView {
  version: string;
  gap_below: number;
  gap_label: string;
  columns: MatrixColumn[];
  cells: number;
  techniques: number;
  sub_techniques: number;
  gaps: number;
  legend: readonly ScoreSwatch[];
  platforms: string[];
  table: TechniqueTableRow[];
  notice: string;
}

export type AttackSection =
  | { view: AttackView; details: TechniqueDetail[]; unavailable: null }
  | { view: null; details: []; unavailable: string };

const DISPOSITION_MARK: Record<NonNullable<TechniqueDetail["disposition"]>, string> = {
  accepted: " (accepted)",
  not_applicable: " (n/a)",
};

const UNAVAILABLE = {
  notAssessed: "MITRE ATT&CK was not among the assessed frameworks, so this report has no ATT&CK coverage.",
  noCatalog:
    "The ATT&CK catalog was not loaded, so the matrix cannot be drawn (the assessment still lists every technique's score).",
} as const;

const markOf = (detail: TechniqueDetail) => (detail.disposition === null ? "" : DISPOSITION_MARK[detail.disposition]);

function matrixColumns(input: ReportInput, details: readonly TechniqueDetail[]): MatrixColumn[] {
  const byId = new Map(details.map((detail) => [detail.id, detail]));
  const topLevel = input.assessment.attack!.techniques.filter((technique) => technique.parent === null);
  return input.attack!.tactics.map((tactic) => ({
    tactic_id: tactic.id,
    shortname: tactic.shortname,
    name: tactic.name,
    cells: topLevel
      .filter((technique) => technique.tactics.includes(tactic.shortname))
      .sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id))
      .map((technique) => {
        const detail = byId.get(technique.id)!;
        return {
          id: detail.id,
          name: detail.name,
          score: detail.score,
          score_label: detail.score_label,
          gap: detail.gap,
          mark: markOf(detail),
        };
      }),
  }));
}

function tableRow(detail: TechniqueDetail): TechniqueTableRow {
  const listed = detail.rules.slice(0, TABLE_RULES_LISTED);
  return {
    detail,
    sub: detail.parent !== null,
    rules_listed: listed,
    rules_more: detail.rules.length - listed.length,
    mark: markOf(detail),
  };
}

export function attackSection(input: ReportInput): AttackSection {
  const attack = input.assessment.attack;
  if (attack === null) return { view: null, details: [], unavailable: UNAVAILABLE.notAssessed };
  if (input.attack === null) return { view: null, details: [], unavailable: UNAVAILABLE.noCatalog };
  const details = techniqueDetails(attack, input.attack, input.snapshot);
  const columns = matrixColumns(input, details);
  const subTechniques = details.filter((detail) => detail.parent !== null).length;
  return {
    view: {
      version: attack.version,
      gap_below: attack.gap_below,
      gap_label: SCORE_SWATCHES[attack.gap_below]?.label ?? String(attack.gap_below),
      columns,
      cells: columns.reduce((sum, column) => sum + column.cells.length, 0),
      techniques: details.length - subTechniques,
      sub_techniques: subTechniques,
      gaps: details.filter((detail) => detail.gap).length,
      legend: SCORE_SWATCHES,
      platforms: [...new Set(details.flatMap((detail) => detail.platforms))].sort(compareText),
      table: details.map(tableRow),
      notice: input.attack.notice,
    },
    details,
    unavailable: null,
  };
}
