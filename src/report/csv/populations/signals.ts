/**
 * populations/signals.csv: every signal of the period, streamed from the
 * population file the signals collector wrote beside the snapshot (one JSON
 * object a line). Lines are read, checked and written a batch at a time, so
 * a quarter with millions of signals never sits in memory.
 *
 * A line that is not a signal stops the render with the file and line
 * number: an evidence population with holes in it would be worse than none.
 */
import { z } from "zod";
import { describeZodError, InputError } from "../../../errors.js";
import { parseJsonText } from "../../../io/read-json.js";
import { type Column, listCell } from "../write-csv.js";

/** A line as the signals collector writes it; values are kept as written, even ones ddproof does not know. */
export const SignalLine = z.object({
  id: z.string(),
  timestamp: z.string(),
  severity: z.string(),
  rule_id: z.string().nullable(),
  rule_name: z.string().nullable(),
  triage_state: z.string(),
  triage_updated_at: z.string().nullable(),
  tags: z.array(z.string()),
});
export type SignalLine = z.infer<typeof SignalLine>;

export const SIGNAL_COLUMNS: readonly Column<SignalLine>[] = [
  { header: "id", cell: (signal) => signal.id },
  { header: "timestamp", cell: (signal) => signal.timestamp },
  { header: "severity", cell: (signal) => signal.severity },
  { header: "rule_id", cell: (signal) => signal.rule_id },
  { header: "rule_name", cell: (signal) => signal.rule_name },
  { header: "triage_state", cell: (signal) => signal.triage_state },
  { header: "triage_updated_at", cell: (signal) => signal.triage_updated_at },
  { header: "tags", cell: (signal) => listCell(signal.tags) },
];

function parseLine(text: string, where: string): SignalLine {
  const json = parseJsonText(text, where, "; expected one JSON signal per line");
  const parsed = SignalLine.safeParse(json);
  if (!parsed.success) throw new InputError(describeZodError(where, parsed.error));
  return parsed.data;
}

/** Signals from population lines, one at a time; blank lines are skipped. */
export async function* signalsOfLines(lines: AsyncIterable<string>, file: string): AsyncGenerator<SignalLine> {
  let number = 0;
  for await (const line of lines) {
    number += 1;
    if (line.trim() === "") continue;
    yield parseLine(line, `${file}: line ${number}`);
  }
}
