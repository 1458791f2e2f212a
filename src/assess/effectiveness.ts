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
 * - A deprecated rule is never effective, whatever else holds: Datadog no
 *   longer maintains it, so at best it is paper coverage.
 * - A correlation rule (`signal_correlation`) reads other rules' signals, not
 *   logs: it can only fire when every rule it chains exists, is enabled and
 *   is effective, and its sources are theirs.
 */
import { z } from "zod";
import type { AgentHost, Period, Snapshot } from "../snapshot/schema.js";
import { meetsShare } from "./figures.js";
import { IngestionPolicy, ingestingMatches, ingestingSources } from "./ingestion.js";
import { ruleSources } from "./rule-sources.js";
import { chainsRules, isWorkloadProtection, populationOf, type SecurityRule } from "./security-rules.js";
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
  /** Every rule by id, and detection rules by their out-of-the-box definition, for correlation rules' chains. */
  rulesById: ReadonlyMap<string, SecurityRule>;
  rulesByDefaultId: ReadonlyMap<string, SecurityRule[]>;
}

export type RuleVerdict =
  | { effective: true; via: "fired" | "source" | "cws" | "chain"; sources: string[] }
  | { effective: false; why: IneffectiveWhy; sources: string[] };

export const INEFFECTIVE_WHYS = [
  "source_silent",
  "source_unknown",
  "agents_missing",
  "deprecated",
  "chain_ineffective",
] as const;
export type IneffectiveWhy = (typeof INEFFECTIVE_WHYS)[number];

export function cwsHostCounts(hosts: readonly AgentHost[]): { cwsHosts: number; totalHosts: number } {
  return { cwsHosts: hosts.filter((host) => host.cws_enabled).length, totalHosts: hosts.length };
}

export function judgeRule(
  rule: SecurityRule,
  evidence: EffectivenessEvidence,
  policy: EffectivenessPolicy,
): RuleVerdict {
  return judge(rule, evidence, policy, new Set());
}

/**
 * Verdicts already reached for rules that chain nothing, by what they depend
 * on: the ingesting sources, whether enough hosts run Workload Protection and
 * whether the rule fired. Rules never change once built, and every check
 * judging a rule, and every action `ddproof plan` weighs, asks again.
 */
const verdicts = new WeakMap<SecurityRule, Map<string, RuleVerdict[]>>();
const ingestingKeys = new WeakMap<ReadonlySet<string>, string>();

function judgeOnce(rule: SecurityRule, evidence: EffectivenessEvidence, policy: EffectivenessPolicy): RuleVerdict {
  let ingesting = ingestingKeys.get(evidence.ingesting);
  if (ingesting === undefined) {
    ingesting = [...evidence.ingesting].sort().join("\n");
    ingestingKeys.set(evidence.ingesting, ingesting);
  }
  let byIngesting = verdicts.get(rule);
  if (byIngesting === undefined) {
    byIngesting = new Map();
    verdicts.set(rule, byIngesting);
  }
  let known = byIngesting.get(ingesting);
  if (known === undefined) {
    known = [];
    byIngesting.set(ingesting, known);
  }
  const slot =
    (meetsShare(evidence.cwsHosts, evidence.totalHosts, policy.min_cws_host_share) ? 2 : 0) +
    (evidence.fired.has(rule.id) ? 1 : 0);
  let verdict = known[slot];
  if (verdict === undefined) {
    verdict = judgeUnchained(rule, evidence, policy);
    known[slot] = verdict;
  }
  return verdict;
}

/** The rules a correlation rule chains; null in the list for a chained rule that does not exist. */
export function chainedRules(
  rule: SecurityRule,
  evidence: Pick<EffectivenessEvidence, "rulesById" | "rulesByDefaultId">,
): Array<SecurityRule | null> {
  return rule.queries
    .filter((query) => query.chained_rule_id !== null || query.chained_default_rule_id !== null)
    .map((query) => {
      if (query.chained_rule_id !== null) return evidence.rulesById.get(query.chained_rule_id) ?? null;
      // An out-of-the-box definition may have several instances; an enabled one is the one that runs.
      const instances = evidence.rulesByDefaultId.get(query.chained_default_rule_id!) ?? [];
      return instances.find((instance) => instance.enabled) ?? instances[0] ?? null;
    });
}

function judge(
  rule: SecurityRule,
  evidence: EffectivenessEvidence,
  policy: EffectivenessPolicy,
  visiting: Set<string>,
): RuleVerdict {
  if (rule.is_deprecated) return { effective: false, why: "deprecated", sources: [] };
  if (chainsRules(rule)) return judgeChain(rule, evidence, policy, visiting);
  return judgeOnce(rule, evidence, policy);
}

function judgeUnchained(rule: SecurityRule, evidence: EffectivenessEvidence, policy: EffectivenessPolicy): RuleVerdict {
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
 * A correlation rule follows the rules it chains. Its own signals still
 * prove it works, but only once its chain holds: a correlation rule can only
 * fire when what it chains fired. A chain that loops back is not effective.
 */
function judgeChain(
  rule: SecurityRule,
  evidence: EffectivenessEvidence,
  policy: EffectivenessPolicy,
  visiting: Set<string>,
): RuleVerdict {
  if (visiting.has(rule.id)) return { effective: false, why: "chain_ineffective", sources: [] };
  visiting.add(rule.id);
  const verdicts = chainedRules(rule, evidence).map((chained) =>
    chained === null || !chained.enabled ? null : judge(chained, evidence, policy, visiting),
  );
  visiting.delete(rule.id);
  const sources = [...new Set(verdicts.flatMap((verdict) => verdict?.sources ?? []))].sort();
  if (verdicts.some((verdict) => verdict === null || !verdict.effective))
    return { effective: false, why: "chain_ineffective", sources };
  return { effective: true, via: evidence.fired.has(rule.id) ? "fired" : "chain", sources };
}

/**
 * Collects the evidence from the snapshot. A failed part contributes nothing,
 * which can only make rules look less effective: checks never get here with
 * a failed part, and ATT&CK scores then become lower bounds.
 */
const gathered = new WeakMap<Snapshot, Map<string, EffectivenessEvidence>>();

export function gatherEffectivenessEvidence(snapshot: Snapshot, policy: EffectivenessPolicy): EffectivenessEvidence {
  // Snapshots are never changed once read: every check of one assessment shares the evidence.
  let byPolicy = gathered.get(snapshot);
  if (byPolicy === undefined) {
    byPolicy = new Map();
    gathered.set(snapshot, byPolicy);
  }
  const key = JSON.stringify(policy);
  let evidence = byPolicy.get(key);
  if (evidence === undefined) {
    evidence = gatherNow(snapshot, policy);
    byPolicy.set(key, evidence);
  }
  return evidence;
}

function gatherNow(snapshot: Snapshot, policy: EffectivenessPolicy): EffectivenessEvidence {
  const logSources = partDataOrNull(snapshot, "log_sources");
  const agents = partDataOrNull(snapshot, "agents");
  const signals = partDataOrNull(snapshot, "signals");
  return {
    period: snapshot.period,
    ingesting: ingestingSources(logSources?.sources ?? [], snapshot.period, policy.ingestion),
    ...cwsHostCounts(agents?.hosts ?? []),
    fired: new Set((signals?.by_rule ?? []).filter((rule) => rule.count > 0).map((rule) => rule.rule_id)),
    ...ruleIndexes(populationOf(snapshot)),
  };
}

export function ruleIndexes(
  population: readonly SecurityRule[],
): Pick<EffectivenessEvidence, "rulesById" | "rulesByDefaultId"> {
  const rulesByDefaultId = new Map<string, SecurityRule[]>();
  for (const rule of population) {
    if (rule.default_rule_id !== null)
      rulesByDefaultId.set(rule.default_rule_id, [...(rulesByDefaultId.get(rule.default_rule_id) ?? []), rule]);
  }
  return { rulesById: new Map(population.map((rule) => [rule.id, rule])), rulesByDefaultId };
}
