/**
 * The gaps view of report.html: every gap with its typed reason (the gap
 * model of gaps.ts, shared with gaps.csv and the gap report PDF), and the
 * changes since the previous run when there is one (changes.ts).
 */
import type { ControlStatus } from "../../assess/schema.js";
import { type Changes, computeChanges, type RuleRef } from "../changes.js";
import type { ReportInput } from "../contract.js";
import { GAP_REASON_LABELS, type Gap, gapKey, gapsOf } from "../gaps.js";
import { frameworkNames } from "../pdf/framework-names.js";
import { formatInstant } from "../pdf/report-time.js";
import { scoreLabel, statusLabel } from "./swatches.js";

export interface GapRow {
  /** The gap's key (gaps.ts `gapKey`), by which "Next actions" highlight it. */
  key: string;
  framework: string;
  id: string;
  title: string;
  /** Stylesheet class of the status swatch: `status-fail`, `score-0`, … */
  swatch: string;
  status_label: string;
  reason_label: string;
  reason: string;
  /** A technique gap whose detail the list can open (the report has it only with the ATT&CK catalog). */
  technique: boolean;
}

export interface CoverageChange {
  what: string;
  before: number;
  after: number;
  /** "+3", "−2" or "±0". */
  delta: string;
}

export interface ChangesView {
  label: string;
  collected_at: string;
  period: string;
  new_gaps: GapRow[];
  closed_gaps: GapRow[];
  changed_gaps: Array<{ framework: string; id: string; title: string; before: string; after: string }>;
  rule_lists: Array<{ title: string; rules: RuleRef[] }>;
  source_lists: Array<{ title: string; sources: string[] }>;
  coverage: CoverageChange[];
  notes: string[];
}

export interface GapsView {
  rows: GapRow[];
  controls: number;
  techniques: number;
}

/** `detailed`: whether the report can open technique details (it needs the ATT&CK catalog). */
function gapRow(gap: Gap, names: ReadonlyMap<string, string>, detailed: boolean): GapRow {
  const technique = gap.subject === "technique" && gap.score !== null;
  return {
    key: gapKey(gap),
    framework: names.get(gap.framework) ?? gap.framework,
    id: gap.label ?? gap.id,
    title: gap.title,
    swatch: technique ? `score-${gap.score}` : `status-${gap.status}`,
    status_label: technique ? `${gap.score} ${scoreLabel(gap.score!)}` : statusLabel(gap.status as ControlStatus),
    reason_label: GAP_REASON_LABELS[gap.reason_code],
    reason: gap.reason,
    technique: technique && detailed,
  };
}

export function gapsView(input: ReportInput, detailed: boolean): GapsView {
  const names = frameworkNames(input.assessment);
  const gaps = gapsOf(input.assessment);
  const techniques = gaps.filter((gap) => gap.subject === "technique").length;
  return { rows: gaps.map((gap) => gapRow(gap, names, detailed)), controls: gaps.length - techniques, techniques };
}

function delta(before: number, after: number): string {
  const difference = after - before;
  return difference > 0 ? `+${difference}` : difference < 0 ? `\u2212${-difference}` : "\u00b10";
}

function coverageChanges(
  changes: Changes,
  names: ReadonlyMap<string, string>,
  attackAssessed: boolean,
): CoverageChange[] {
  const { coverage } = changes;
  const rows: CoverageChange[] = [];
  if (attackAssessed) {
    const { attack_covered_before: before, attack_covered_after: after } = coverage;
    rows.push({ what: "ATT&CK techniques covered", before, after, delta: delta(before, after) });
  }
  const ids = [
    ...new Set([...Object.keys(coverage.controls_passing_after), ...Object.keys(coverage.controls_passing_before)]),
  ];
  for (const id of ids) {
    const before = coverage.controls_passing_before[id] ?? 0;
    const after = coverage.controls_passing_after[id] ?? 0;
    rows.push({ what: `${names.get(id) ?? id}: controls passing`, before, after, delta: delta(before, after) });
  }
  return rows;
}

export function changesView(input: ReportInput, detailed: boolean): ChangesView | null {
  if (input.previous === null) return null;
  const changes = computeChanges({ snapshot: input.snapshot, assessment: input.assessment }, input.previous);
  const names = frameworkNames(input.assessment);
  const rows = (gaps: readonly Gap[]) => gaps.map((gap) => gapRow(gap, names, detailed));
  return {
    label: changes.previous.label,
    collected_at: formatInstant(changes.previous.collected_at, input.snapshot.period.timezone),
    period: changes.previous.period,
    new_gaps: rows(changes.new_gaps),
    closed_gaps: rows(changes.closed_gaps),
    changed_gaps: changes.changed_gaps.map(({ gap, before, after }) => ({
      framework: names.get(gap.framework) ?? gap.framework,
      id: gap.label ?? gap.id,
      title: gap.title,
      before: GAP_REASON_LABELS[before],
      after: GAP_REASON_LABELS[after],
    })),
    rule_lists: [
      { title: "Rules added", rules: changes.rules_added },
      { title: "Rules removed", rules: changes.rules_removed },
      { title: "Rules enabled", rules: changes.rules_enabled },
      { title: "Rules disabled", rules: changes.rules_disabled },
    ],
    source_lists: [
      { title: "Log sources gone silent", sources: changes.sources_silent },
      { title: "Log sources back", sources: changes.sources_back },
    ],
    coverage: coverageChanges(
      changes,
      names,
      input.assessment.attack !== null || input.previous.assessment.attack !== null,
    ),
    notes: changes.notes,
  };
}
