/**
 * Whether an enabled rule is effective: it can actually see what it is meant
 * to detect. Shared by the rule_effectiveness check and ATT&CK scoring.
 *
 * - A rule that fired in the period is effective: a signal is direct proof
 *   that it saw data, which beats any inference.
 * - A Workload Protection rule is effective when enough hosts run the CWS
 *   agent (`min_cws_host_share` of all hosts).
 * - Any other rule is effective when a log source it reads is ingesting
 *   (see ingestion.ts). A rule whose source is unknown cannot be shown
 *   effective.
 */
import { z } from "zod";
import type { AgentHost, Period, Snapshot } from "../snapshot/schema.js";
import { meetsShare } from "./figures.js";
import { IngestionPolicy, ingestingMatches, ingestingSources } from "./ingestion.js";
import { ruleSources } from "./rule-sources.js";
import { isWorkloadProtection, type SecurityRule } from "./security-rules.js";
import { partDataOrNull } from "./snapshot-parts.js";

export const EffectivenessPolicy = z
  .object({
    ingestion: IngestionPolicy.prefault({}),
    /** Share of hosts (0–1) that must run Workload Protection for its rules to count as effective. */
    min_cws_host_share: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type EffectivenessPolicy = z.infer<typeof EffectivenessPolicy>;

/** What the judgement needs from the snapshot, computed once per assessment. */
export interface EffectivenessEvidence {
  period: Period;
  /** Lower-case names of ingesting log sources. */
  ingesting: ReadonlySet<string>;
  cwsHosts: number;
  totalHosts: number;
  /** Rules with at least one signal in the period. */
  fired: ReadonlySet<string>;
}

export type RuleVerdict =
  | { effective: true; via: "fired" | "source" | "cws"; sources: string[] }
  | { effective: false; why: "source_silent" | "source_unknown" | "agents_missing"; sources: string[] };

export function cwsHostCounts(hosts: readonly AgentHost[]): { cwsHosts: number; totalHosts: number } {
  return { cwsHosts: hosts.filter((host) => host.cws_enabled).length, totalHosts: hosts.length };
}

export function judgeRule(rule: SecurityRule, evidence: EffectivenessEvidence, policy: EffectivenessPolicy): RuleVerdict {
  const sources = ruleSources(rule);
  const patterns = sources.kind === "unknown" ? [] : sources.sources;
  const readable = [...new Set(patterns.flatMap((pattern) => ingestingMatches(pattern, evidence.ingesting)))].sort();

  if (evidence.fired.has(rule.id)) return { effective: true, via: "fired", sources: readable };
  if (isWorkloadProtection(rule)) {
    if (meetsShare(evidence.cwsHosts, evidence.totalHosts, policy.min_cws_host_share)) {
      return { effective: true, via: "cws", sources: [] };
    }
    return { effective: false, why: "agents_missing", sources: [] };
  }
  if (sources.kind === "unknown") return { effective: false, why: "source_unknown", sources: [] };
  if (readable.length > 0) return { effective: true, via: "source", sources: readable };
  return { effective: false, why: "source_silent", sources: patterns };
}

/**
 * Collects the evidence from the snapshot. A failed part contributes nothing,
 * which can only make rules look less effective: checks never get here with
 * a failed part, and ATT&CK scores then become lower bounds.
 */
export function gatherEffectivenessEvidence(snapshot: Snapshot, policy: EffectivenessPolicy): EffectivenessEvidence {
  const logSources = partDataOrNull(snapshot, "log_sources");
  const agents = partDataOrNull(snapshot, "agents");
  const signals = partDataOrNull(snapshot, "signals");
  return {
    period: snapshot.period,
    ingesting: ingestingSources(logSources?.sources ?? [], snapshot.period, policy.ingestion),
    ...cwsHostCounts(agents?.hosts ?? []),
    fired: new Set((signals?.by_rule ?? []).filter((rule) => rule.count > 0).map((rule) => rule.rule_id)),
  };
}
