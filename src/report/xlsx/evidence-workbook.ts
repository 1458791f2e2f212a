/**
 * evidence.xlsx: the evidence pack as one workbook for auditors who sample
 * and annotate in Excel. A cover, one control matrix per framework, ATT&CK
 * coverage, the gaps, an evidence sheet (one row per control and evidence
 * reference) and the populations, each up to the row cap.
 *
 * Every table reuses the CSV's columns and row builders, so a cell here
 * equals the same cell of the CSV (without the CSV's formula apostrophe).
 * Links: a control's id leads to its first row on the evidence sheet, and an
 * evidence reference to the population row it names (a rule, a host, a log
 * source's first day) when that row is within the cap.
 */
import type { EvidenceRef } from "../../assess/schema.js";
import type { Snapshot } from "../../snapshot/schema.js";
import type { ReportInput } from "../contract.js";
import { AGENT_COLUMNS, agentRows } from "../csv/populations/agents.js";
import { POPULATION_INDEX, POPULATIONS } from "../csv/populations/files.js";
import { LOG_SOURCE_COLUMNS, logSourceRows } from "../csv/populations/log-sources.js";
import { RULE_CHANGE_COLUMNS, ruleChangeRows } from "../csv/populations/rule-changes.js";
import { agentRuleRows, detectionRuleRows, RULE_COLUMNS } from "../csv/populations/rules.js";
import { SIGNAL_COLUMNS, type SignalLine, signalsOfLines } from "../csv/populations/signals.js";
import type { Column } from "../csv/write-csv.js";
import { evidenceFilesOf, evidenceRefText } from "../evidence-refs.js";
import { ATTACK_COVERAGE_COLUMNS, ATTACK_COVERAGE_CSV, techniqueRows } from "../formats/attack-coverage-csv.js";
import { CONTROL_COLUMNS, type ControlRow, controlRows, controlsCsvPath } from "../formats/controls-csv.js";
import { GAP_COLUMNS, GAPS_CSV, gapRows } from "../formats/gaps-csv.js";
import { addCoverSheet, COVER_SHEET, fillCoverSheet } from "./cover-sheet.js";
import { SheetNames } from "./sheet-names.js";
import { cellTarget, DATE_ONLY, DATE_TIME, type SheetTable, type WrittenTable, writeTable } from "./table-sheet.js";
import { newWorkbook } from "./workbook-file.js";

/** Rows per sheet at most: every host of the bench's large org (20,000), and a sample of its signals to filter. */
export const ROW_CAP = 25_000;

export const SHEETS = {
  attack: "ATT&CK coverage",
  gaps: "Gaps",
  evidence: "Evidence",
  rules: "Rules",
  agents: "Agents",
  logSources: "Log sources",
  ruleChanges: "Rule changes",
  signals: "Signals",
} as const;

/** The evidence sheet's columns: not a CSV of its own, it spreads the controls CSVs' `evidence` cells a row each. */
interface EvidenceRow {
  framework: string;
  control: string;
  ref: EvidenceRef;
  snapshot: Snapshot;
}

const EVIDENCE_COLUMNS: readonly Column<EvidenceRow>[] = [
  { header: "framework", cell: (row) => row.framework },
  { header: "control_id", cell: (row) => row.control },
  { header: "evidence", cell: (row) => evidenceRefText(row.ref) },
  { header: "label", cell: (row) => row.ref.label ?? null },
  { header: "file", cell: (row) => evidenceFilesOf([row.ref], row.snapshot)[0] ?? null },
];

/** Each control's evidence references, once each, in the order the controls CSV lists them. */
function evidenceRowsOf(rows: readonly ControlRow[]): EvidenceRow[] {
  return rows.flatMap((row) => {
    const seen = new Set<string>();
    return row.evidence
      .filter((ref) => {
        const text = evidenceRefText(ref);
        if (seen.has(text)) return false;
        seen.add(text);
        return true;
      })
      .map((ref) => ({ framework: row.framework.id, control: row.control.id, ref, snapshot: row.snapshot }));
  });
}

/** Where each `type:id` reference lands: its first row on a population sheet, within the cap. */
function populationTargets<T>(
  targets: Map<string, string>,
  sheet: string,
  type: string,
  rows: readonly T[] | null,
  idOf: (row: T) => string,
  cap: number,
): void {
  (rows ?? []).slice(0, cap).forEach((row, index) => {
    const key = `${type}:${idOf(row)}`;
    if (!targets.has(key)) targets.set(key, cellTarget(sheet, index + 2));
  });
}

function signalRows(input: ReportInput): { rows: AsyncIterable<SignalLine>; total: number } | null {
  const part = input.snapshot.collectors.signals;
  if (part.status !== "ok" || part.data.population_file === null) return null;
  const lines = input.openPopulation(part.data.population_file);
  return lines === null ? null : { rows: signalsOfLines(lines, part.data.population_file), total: part.data.total };
}

export async function evidenceWorkbook(input: ReportInput, cap = ROW_CAP): Promise<Uint8Array> {
  const { snapshot } = input;
  const collectedAt = new Date(snapshot.collected_at);
  const file = newWorkbook(collectedAt);
  const { workbook } = file;
  const names = new SheetNames([COVER_SHEET, ...Object.values(SHEETS)]);
  const cover = addCoverSheet(workbook);

  const matrices = input.assessment.frameworks.map((framework) => ({
    framework,
    sheet: names.claim(framework.id),
    rows: controlRows(framework, snapshot),
  }));
  const evidence = evidenceRowsOf(matrices.flatMap((matrix) => matrix.rows));
  const detection = detectionRuleRows(snapshot);
  const agentRules = agentRuleRows(snapshot);
  const rules = detection === null && agentRules === null ? null : [...(detection ?? []), ...(agentRules ?? [])];
  const agents = agentRows(snapshot);
  const logSources = logSourceRows(snapshot);
  const ruleChanges = ruleChangeRows(snapshot);

  const targets = new Map<string, string>();
  populationTargets(targets, SHEETS.rules, "rule", rules, (row) => row.rule.id, cap);
  populationTargets(targets, SHEETS.agents, "host", agents, (host) => host.hostname, cap);
  populationTargets(targets, SHEETS.logSources, "source", logSources, (row) => row.volume.source, cap);
  const firstEvidenceRow = new Map<string, string>();
  evidence.slice(0, cap).forEach((row, index) => {
    const key = `${row.framework}\n${row.control}`;
    if (!firstEvidenceRow.has(key)) firstEvidenceRow.set(key, cellTarget(SHEETS.evidence, index + 2));
  });

  const tables: WrittenTable[] = [];
  for (const matrix of matrices) {
    const table = {
      sheet: matrix.sheet,
      columns: CONTROL_COLUMNS,
      csvPath: controlsCsvPath(matrix.framework),
      link: {
        header: "control_id",
        target: (row: ControlRow) => firstEvidenceRow.get(`${row.framework.id}\n${row.control.id}`) ?? null,
      },
    };
    tables.push(await writeTable(workbook, table, matrix.rows, cap));
  }
  const techniques = techniqueRows(input);
  if (techniques !== null) {
    const table = { sheet: SHEETS.attack, columns: ATTACK_COVERAGE_COLUMNS, csvPath: ATTACK_COVERAGE_CSV };
    tables.push(await writeTable(workbook, table, techniques, cap));
  }
  tables.push(
    await writeTable(workbook, { sheet: SHEETS.gaps, columns: GAP_COLUMNS, csvPath: GAPS_CSV }, gapRows(input), cap),
  );
  const evidenceTable = {
    sheet: SHEETS.evidence,
    columns: EVIDENCE_COLUMNS,
    csvPath: matrices.map((matrix) => controlsCsvPath(matrix.framework)).join(";"),
    link: { header: "evidence", target: (row: EvidenceRow) => targets.get(evidenceRefText(row.ref)) ?? null },
  };
  tables.push(await writeTable(workbook, evidenceTable, evidence, cap));

  const population = async <T>(table: SheetTable<T>, rows: readonly T[] | null) => {
    if (rows !== null) tables.push(await writeTable(workbook, table, rows, cap));
  };
  const rulesTable = { sheet: SHEETS.rules, columns: RULE_COLUMNS, csvPath: POPULATIONS.rules.path };
  await population({ ...rulesTable, dateFormats: { created_at: DATE_TIME, updated_at: DATE_TIME } }, rules);
  const agentsTable = { sheet: SHEETS.agents, columns: AGENT_COLUMNS, csvPath: POPULATIONS.agents.path };
  await population({ ...agentsTable, dateFormats: { last_reported_at: DATE_TIME } }, agents);
  const sourcesTable = { sheet: SHEETS.logSources, columns: LOG_SOURCE_COLUMNS, csvPath: POPULATIONS.logSources.path };
  await population({ ...sourcesTable, dateFormats: { date: DATE_ONLY, source_last_seen: DATE_TIME } }, logSources);
  const changesTable = {
    sheet: SHEETS.ruleChanges,
    columns: RULE_CHANGE_COLUMNS,
    csvPath: POPULATIONS.ruleChanges.path,
  };
  await population({ ...changesTable, dateFormats: { timestamp: DATE_TIME } }, ruleChanges);
  const signals = signalRows(input);
  if (signals !== null) {
    const table = {
      sheet: SHEETS.signals,
      columns: SIGNAL_COLUMNS,
      csvPath: POPULATIONS.signals.path,
      dateFormats: { timestamp: DATE_TIME, triage_updated_at: DATE_TIME },
    };
    tables.push(await writeTable(workbook, table, signals.rows, cap, signals.total));
  }

  fillCoverSheet(cover, {
    title: "ddproof evidence workbook",
    snapshot,
    versions: input.versions,
    tables,
    cap,
    omitted: `A population whose collector failed has no sheet; ${POPULATION_INDEX} says why.`,
  });
  return file.bytes();
}
