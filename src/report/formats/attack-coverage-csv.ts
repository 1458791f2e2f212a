/**
 * attack-coverage.csv: one row per current ATT&CK technique with its score,
 * the typed reason, the rules at each rung (ids and names, in the same
 * order), the ingesting sources that can see it and any recorded
 * disposition. No file when ATT&CK was not assessed.
 */
import type { TechniqueResult } from "../../assess/schema.js";
import type { ReportFormat, ReportInput } from "../contract.js";
import { type Column, csvText, listCell } from "../csv/write-csv.js";
import { GAP_REASON_LABELS } from "../gaps.js";
import { ruleNamer } from "../rule-names.js";
import { techniqueReason } from "../technique-reason.js";

export const ATTACK_COVERAGE_CSV = "attack-coverage.csv";

export interface TechniqueRow {
  technique: TechniqueResult;
  reason: string;
  ruleName(id: string): string;
}

const names = (row: TechniqueRow, ids: readonly string[]) => listCell(ids.map((id) => row.ruleName(id)));

export const ATTACK_COVERAGE_COLUMNS: readonly Column<TechniqueRow>[] = [
  { header: "technique_id", cell: (row) => row.technique.id },
  { header: "name", cell: (row) => row.technique.name },
  { header: "parent", cell: (row) => row.technique.parent },
  { header: "tactics", cell: (row) => listCell(row.technique.tactics) },
  { header: "score", cell: (row) => row.technique.score },
  { header: "reason_code", cell: (row) => row.technique.reason },
  { header: "reason_label", cell: (row) => GAP_REASON_LABELS[row.technique.reason] },
  { header: "reason", cell: (row) => row.reason },
  { header: "enabled_rule_ids", cell: (row) => listCell(row.technique.rules.enabled) },
  { header: "enabled_rule_names", cell: (row) => names(row, row.technique.rules.enabled) },
  { header: "effective_rule_ids", cell: (row) => listCell(row.technique.rules.effective) },
  { header: "effective_rule_names", cell: (row) => names(row, row.technique.rules.effective) },
  { header: "fired_rule_ids", cell: (row) => listCell(row.technique.rules.fired) },
  { header: "fired_rule_names", cell: (row) => names(row, row.technique.rules.fired) },
  { header: "visible_sources", cell: (row) => listCell(row.technique.visibility.sources) },
  { header: "attack_log_sources", cell: (row) => listCell(row.technique.visibility.log_sources) },
  { header: "disposition", cell: (row) => row.technique.disposition },
];

/** One row per assessed technique, or null when ATT&CK was not assessed (the workbook reuses these). */
export function techniqueRows(input: Pick<ReportInput, "assessment" | "snapshot">): TechniqueRow[] | null {
  const attack = input.assessment.attack;
  if (attack === null) return null;
  const ruleName = ruleNamer(input.snapshot);
  return attack.techniques.map((technique) => ({
    technique,
    reason: techniqueReason(technique, attack),
    ruleName,
  }));
}

export const format: ReportFormat = {
  id: "attack-coverage-csv",
  kinds: ["evidence", "attack"],
  description:
    "attack-coverage.csv: every ATT&CK technique's score 0–5 with the rules and sources behind it, for detection engineers",
  async render(input) {
    const rows = techniqueRows(input);
    if (rows === null) return [];
    return [{ path: ATTACK_COVERAGE_CSV, text: csvText(ATTACK_COVERAGE_COLUMNS, rows) }];
  },
};
