/** An index entry for history tests: a complete run with its pack, unless `fields` say otherwise. */
import type { RunEntry } from "../../src/schedule/history-index.js";

export function runEntry(id: string, startedAt: string, fields: Partial<RunEntry> = {}): RunEntry {
  return {
    id,
    status: "complete",
    trigger: "schedule",
    started_at: startedAt,
    finished_at: startedAt,
    period: null,
    pack_dir: id,
    missing_evidence: [],
    summary: null,
    error: null,
    ...fields,
  };
}
