/**
 * What each collector asked the Datadog API, for the evidence pack's
 * appendix. report/ may not import collectors/ (DESIGN's walls), so the
 * descriptions are kept as data here, keyed by the snapshot's collector ids.
 */
import { z } from "zod";
import { parseOrThrow } from "../../errors.js";
import { COLLECTOR_IDS, type CollectorId } from "../../snapshot/schema.js";
import data from "./collector-notes.json" with { type: "json" };

const CollectorNote = z.object({ title: z.string().min(1), call: z.string().min(1) }).strict();
export type CollectorNote = z.infer<typeof CollectorNote>;

const CollectorNotesFile = z
  .object({ $comment: z.string(), collectors: z.record(z.string(), CollectorNote) })
  .strict()
  .refine((file) => COLLECTOR_IDS.every((id) => id in file.collectors), {
    path: ["collectors"],
    message: "expected a note for every collector",
  });

const notes = parseOrThrow(CollectorNotesFile, data, "src/report/pdf/collector-notes.json").collectors;

export function collectorNote(id: CollectorId): CollectorNote {
  return notes[id] ?? { title: id, call: "(no description)" };
}
