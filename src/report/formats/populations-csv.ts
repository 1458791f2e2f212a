/**
 * The `populations/` folder of an evidence pack: the full lists behind every
 * evidence reference, as CSV.
 *
 * A file whose collector failed is not written at all: an empty file with a
 * header would read as "there were none". Instead populations/index.csv has
 * one row per file and collector part saying what was written (with its row
 * count) or what was omitted and why. rules.csv holds detection rules and
 * agent rules, so it is written when either part succeeded. For signals.csv
 * the row count is the snapshot's signal total: the file is streamed later,
 * when the pack is written.
 */
import { formatMessage } from "../../assess/message-format.js";
import type { CollectorId, Snapshot } from "../../snapshot/schema.js";
import type { RenderedFile, ReportFormat, ReportInput } from "../contract.js";
import { AGENT_COLUMNS, agentRows } from "../csv/populations/agents.js";
import { POPULATION_INDEX, POPULATIONS, type PopulationFile } from "../csv/populations/files.js";
import { LOG_SOURCE_COLUMNS, logSourceRows } from "../csv/populations/log-sources.js";
import { RULE_CHANGE_COLUMNS, ruleChangeRows } from "../csv/populations/rule-changes.js";
import { agentRuleRows, detectionRuleRows, RULE_COLUMNS } from "../csv/populations/rules.js";
import { SIGNAL_COLUMNS, signalsOfLines } from "../csv/populations/signals.js";
import { type Column, csvChunks, csvText } from "../csv/write-csv.js";

export interface IndexRow {
  file: string;
  collector: CollectorId;
  rows: number | null;
  status: "written" | "omitted";
  note: string;
}

const INDEX_COLUMNS: readonly Column<IndexRow>[] = [
  { header: "file", cell: (row) => row.file },
  { header: "collector", cell: (row) => row.collector },
  { header: "rows", cell: (row) => row.rows },
  { header: "status", cell: (row) => row.status },
  { header: "note", cell: (row) => row.note },
];

const NOTES = {
  noPopulationFile: "the snapshot names no signal population file (it was collected without one)",
  populationMissing: "the signal population file {{file}} was not found beside the snapshot",
} as const;

function failure(snapshot: Snapshot, part: CollectorId): string {
  const collected = snapshot.collectors[part];
  return collected.status === "error" ? `collector failed: ${collected.error}` : "";
}

/** A table file made from one or more parts; each part gives its rows, or null when it failed. */
function tableFile<T>(
  file: PopulationFile,
  columns: readonly Column<T>[],
  parts: ReadonlyArray<[CollectorId, T[] | null]>,
  snapshot: Snapshot,
  index: IndexRow[],
): RenderedFile[] {
  const written = parts.filter(([, rows]) => rows !== null);
  for (const [collector, rows] of parts) {
    index.push(
      rows === null
        ? { file: file.path, collector, rows: null, status: "omitted", note: failure(snapshot, collector) }
        : { file: file.path, collector, rows: rows.length, status: "written", note: "" },
    );
  }
  if (written.length === 0) return [];
  return [
    {
      path: file.path,
      text: csvText(
        columns,
        written.flatMap(([, rows]) => rows!),
      ),
    },
  ];
}

function signalsFile(input: ReportInput, index: IndexRow[]): RenderedFile[] {
  const part = input.snapshot.collectors.signals;
  const row = { file: POPULATIONS.signals.path, collector: "signals" as const };
  if (part.status !== "ok") {
    index.push({ ...row, rows: null, status: "omitted", note: failure(input.snapshot, "signals") });
    return [];
  }
  const name = part.data.population_file;
  // Opened once here to learn whether the file exists; that stream serves the first read.
  let opened = name === null ? null : input.openPopulation(name);
  if (name === null || opened === null) {
    const note = name === null ? NOTES.noPopulationFile : formatMessage(NOTES.populationMissing, { file: name });
    index.push({ ...row, rows: null, status: "omitted", note });
    return [];
  }
  index.push({ ...row, rows: part.data.total, status: "written", note: "" });
  return [
    {
      path: POPULATIONS.signals.path,
      chunks: () => {
        const lines = opened ?? input.openPopulation(name);
        opened = null;
        if (lines === null)
          throw new Error(`the signal population file ${name} disappeared while the pack was written`);
        return csvChunks(SIGNAL_COLUMNS, signalsOfLines(lines, name));
      },
    },
  ];
}

export function renderPopulations(input: ReportInput): RenderedFile[] {
  const { snapshot } = input;
  const index: IndexRow[] = [];
  const files = [
    ...tableFile(
      POPULATIONS.rules,
      RULE_COLUMNS,
      [
        ["rules", detectionRuleRows(snapshot)],
        ["agent_rules", agentRuleRows(snapshot)],
      ],
      snapshot,
      index,
    ),
    ...tableFile(POPULATIONS.agents, AGENT_COLUMNS, [["agents", agentRows(snapshot)]], snapshot, index),
    ...tableFile(
      POPULATIONS.logSources,
      LOG_SOURCE_COLUMNS,
      [["log_sources", logSourceRows(snapshot)]],
      snapshot,
      index,
    ),
    ...tableFile(POPULATIONS.ruleChanges, RULE_CHANGE_COLUMNS, [["audit", ruleChangeRows(snapshot)]], snapshot, index),
    ...signalsFile(input, index),
  ];
  return [...files, { path: POPULATION_INDEX, text: csvText(INDEX_COLUMNS, index) }];
}

export const format: ReportFormat = {
  id: "populations-csv",
  kinds: ["evidence"],
  description:
    "populations/*.csv: every rule, host, log-source day, rule change and signal of the period, with an index of what was written",
  async render(input) {
    return renderPopulations(input);
  },
};
