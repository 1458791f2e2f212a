/**
 * The table joining Datadog log `source` values to ATT&CK log-source names
 * (`mappings/attack-log-sources.yaml`), used for ATT&CK visibility. Rows may
 * name Datadog sources with `*` wildcards. A row marked
 * `workload_protection` is also satisfied when enough hosts run the
 * Workload Protection agent, whose events are not always indexed as logs.
 */
import { z } from "zod";
import { sourceMatches } from "../query/index.js";

const NonEmpty = z.string().trim().min(1);

export const SourceMapRow = z
  .object({
    /** Datadog log `source` values (lower case; `*` wildcards). */
    datadog: z.array(NonEmpty).min(1),
    /** ATT&CK log-source names: v18 `AWS:CloudTrail`, or older `Process: Process Creation`. */
    attack: z.array(NonEmpty).min(1),
    /** Also visible through hosts running Workload Protection. */
    workload_protection: z.boolean().default(false),
    note: NonEmpty.optional(),
  })
  .strict();
export type SourceMapRow = z.infer<typeof SourceMapRow>;

export const SourceMapFile = z
  .object({
    /** Where the ATT&CK names come from, and the notice MITRE asks copies to keep. */
    notice: NonEmpty.optional(),
    sources: z.array(SourceMapRow).min(1),
  })
  .strict();
export type SourceMapFile = z.infer<typeof SourceMapFile>;

export type SourceMap = SourceMapRow[];

/**
 * Adds a user's rows to the shipped table: a user row replaces every shipped
 * row that names one of the same Datadog sources, so an organisation can
 * correct a join without repeating the whole table.
 */
export function mergeSourceMaps(shipped: SourceMap, user: SourceMap): SourceMap {
  const overridden = new Set(user.flatMap((row) => row.datadog.map((source) => source.toLowerCase())));
  const kept = shipped.filter((row) => !row.datadog.some((source) => overridden.has(source.toLowerCase())));
  return [...kept, ...user];
}

/** Rows whose Datadog patterns match a source value. */
export function rowsForSource(map: SourceMap, source: string): SourceMapRow[] {
  return map.filter((row) => row.datadog.some((pattern) => sourceMatches(pattern, source)));
}
