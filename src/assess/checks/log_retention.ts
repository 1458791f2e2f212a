/**
 * log_retention — log indexes keep logs searchable long enough and logs are
 * kept for the full retention period, in the index or through a working
 * archive (PCI DSS 10.5.1: twelve months kept, the last three immediately
 * available). Standard and Flex retention both count as searchable, since
 * both are queried without rehydration. How long the archive's bucket keeps
 * objects is outside Datadog's API, so a working archive is taken as
 * covering the retention period and the reason says so.
 */
import { z } from "zod";
import { matchesAnyWildcard } from "../../query/glob.js";
import type { Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import type { EvidenceRef } from "../schema.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "log_retention",
  description: "Compare index retention and archive state with a searchable and a total retention requirement.",
  reads: ["log_indexes", "log_archives"],
  messages: {
    retentionMet:
      "{{ok}} of {{indexes}} indexes keep logs searchable for at least {{min_searchable_days}} days and kept for {{min_retention_days}} (working archives: {{working_archives}}): {{per_index}}",
    retentionShort:
      "Only {{ok}} of {{indexes}} indexes keep logs searchable for at least {{min_searchable_days}} days and kept for {{min_retention_days}} (working archives: {{working_archives}}): {{per_index}}",
    noneRetained:
      "None of the {{indexes}} indexes keeps logs searchable for {{min_searchable_days}} days and kept for {{min_retention_days}} (working archives: {{working_archives}}): {{per_index}}",
    noIndexes: "No log index matches {{patterns}}, so no logs are retained",
  },
} as const;

export const params = z
  .object({
    /** Index names to judge; `*` is a wildcard. */
    indexes: z.array(z.string().trim().min(1)).min(1).default(["*"]),
    /** Days logs must stay immediately searchable. */
    min_searchable_days: z.number().int().positive().default(90),
    /** Days logs must be kept in all, searchable or archived. */
    min_retention_days: z.number().int().positive().default(365),
    /** Archive states (case-insensitive) that count as working. */
    working_archive_states: z.array(z.string().min(1)).min(1).default(["working", "working_auth_legacy"]),
  })
  .strict();
export type Params = z.infer<typeof params>;

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const { indexes } = partData(snapshot, "log_indexes");
  const { archives } = partData(snapshot, "log_archives");
  const judged = indexes.filter((index) => matchesAnyWildcard(p.indexes, index.name));
  if (judged.length === 0) return checkResult("fail", "noIndexes", { patterns: p.indexes }, [], "retention_short");

  const working = archives.filter((archive) =>
    p.working_archive_states.some((state) => state.toLowerCase() === archive.state.toLowerCase()),
  );
  const evidence: EvidenceRef[] = [];
  const perIndex: string[] = [];
  let ok = 0;
  for (const index of judged) {
    const searchable = Math.max(index.retention_days ?? 0, index.flex_retention_days ?? 0);
    const kept = searchable >= p.min_searchable_days && (searchable >= p.min_retention_days || working.length > 0);
    if (kept) ok += 1;
    perIndex.push(`${index.name} ${searchable} days searchable`);
    evidence.push({ type: "index", id: index.name, label: `${searchable} days searchable` });
  }
  for (const archive of archives)
    evidence.push({ type: "archive", id: archive.id, label: `${archive.name} (${archive.state})` });

  const figures = {
    ok,
    indexes: judged.length,
    min_searchable_days: p.min_searchable_days,
    min_retention_days: p.min_retention_days,
    working_archives: working.length,
    per_index: perIndex,
  };
  if (ok === judged.length) return checkResult("pass", "retentionMet", figures, evidence);
  if (ok > 0) return checkResult("partial", "retentionShort", figures, evidence, "retention_short");
  return checkResult("fail", "noneRetained", figures, evidence, "retention_short");
}
