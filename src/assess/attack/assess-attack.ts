/**
 * Scores every current ATT&CK technique (revoked and deprecated ones are
 * left out) on the ladder in ladder.ts. A rule tagged with a sub-technique
 * counts for it and for its parent; a parent's visibility is its own log
 * sources plus its sub-techniques'. When a collector the scoring reads
 * failed, scores are lower bounds and the collectors are listed.
 */

import type { AttackCatalog, AttackTechnique } from "../../catalogs/attack/schema.js";
import type { Thresholds } from "../../config/schema.js";
import type { SignalRuleStats, Snapshot } from "../../snapshot/schema.js";
import { ATTACK_FRAMEWORK_ID, type Attestation, attestationsFor } from "../attestations.js";
import { attestedDisposition } from "../control-attestations.js";
import {
  type EffectivenessEvidence,
  EffectivenessPolicy,
  gatherEffectivenessEvidence,
  judgeRule,
} from "../effectiveness.js";
import { meetsShare } from "../figures.js";
import { techniquesCountedFor } from "../rule-techniques.js";
import type { AttackResult, TechniqueResult } from "../schema.js";
import { populationOf, type SecurityRule } from "../security-rules.js";
import { failedCollectors, partDataOrNull } from "../snapshot-parts.js";
import type { SourceMap } from "../source-map.js";
import { slaFigures } from "../triage-sla.js";
import { ladderReason, ladderScore, type TechniqueFacts } from "./ladder.js";
import { buildVisibilityIndex, type VisibilityIndex, visibilityOf } from "./visibility.js";

/** The collector parts ATT&CK scoring reads. */
export const ATTACK_READS = ["rules", "agent_rules", "log_sources", "agents", "signals"] as const;

export interface AttackInput {
  snapshot: Snapshot;
  catalog: AttackCatalog;
  sourceMap: SourceMap;
  attestations: readonly Attestation[];
  thresholds: Thresholds;
}

/**
 * Whether a rule's high and critical signals all left `open` within the SLA.
 * The per-rule figures mix both severities, so the stricter SLA of those the
 * rule raised applies to all of them; a rule that raised neither has no SLA
 * to miss.
 */
export function ruleMetTriageSla(stats: SignalRuleStats, thresholds: Thresholds): boolean {
  const raised = (["critical", "high"] as const).filter((severity) => (stats.by_severity[severity] ?? 0) > 0);
  if (raised.length === 0) return true;
  const sla = Math.min(...raised.map((severity) => thresholds.triage_sla_minutes[severity]));
  const figures = slaFigures(stats.high_critical, sla);
  return figures.met === figures.considered;
}

function rulesByTechnique(population: readonly SecurityRule[]): Map<string, SecurityRule[]> {
  const index = new Map<string, SecurityRule[]>();
  for (const rule of population) {
    for (const id of techniquesCountedFor(rule.tags)) index.set(id, [...(index.get(id) ?? []), rule]);
  }
  return index;
}

/** What scoring one technique reads, gathered once per snapshot (and patched by `ddproof plan`). */
export interface AttackScoring {
  snapshot: Snapshot;
  attestations: readonly Attestation[];
  thresholds: Thresholds;
  policy: EffectivenessPolicy;
  evidence: EffectivenessEvidence;
  /** Failed collectors the scoring reads. */
  missing: string[];
  signalStats: ReadonlyMap<string, SignalRuleStats>;
  visibility: VisibilityIndex;
  byTechnique: ReadonlyMap<string, SecurityRule[]>;
  /** A parent technique's sub-techniques' log sources. */
  subLogSources: ReadonlyMap<string, string[]>;
}

/** The techniques that get a score: neither revoked nor deprecated. */
export function currentTechniques(catalog: AttackCatalog): AttackTechnique[] {
  return catalog.techniques.filter((technique) => !technique.revoked && !technique.deprecated);
}

export function attackScoring({ snapshot, catalog, sourceMap, attestations, thresholds }: AttackInput): AttackScoring {
  const policy = EffectivenessPolicy.parse({});
  const evidence = gatherEffectivenessEvidence(snapshot, policy);
  const subLogSources = new Map<string, string[]>();
  for (const technique of currentTechniques(catalog)) {
    if (technique.parent !== null)
      subLogSources.set(technique.parent, [...(subLogSources.get(technique.parent) ?? []), ...technique.log_sources]);
  }
  return {
    snapshot,
    attestations,
    thresholds,
    policy,
    evidence,
    missing: failedCollectors(snapshot, ATTACK_READS).map((part) => part.id),
    signalStats: new Map((partDataOrNull(snapshot, "signals")?.by_rule ?? []).map((stats) => [stats.rule_id, stats])),
    visibility: buildVisibilityIndex(
      sourceMap,
      evidence.ingesting,
      meetsShare(evidence.cwsHosts, evidence.totalHosts, policy.min_cws_host_share),
    ),
    byTechnique: rulesByTechnique(populationOf(snapshot)),
    subLogSources,
  };
}

export function scoreTechnique(technique: AttackTechnique, scoring: AttackScoring): TechniqueResult {
  const { evidence, policy, thresholds } = scoring;
  const rules = scoring.byTechnique.get(technique.id) ?? [];
  const enabled = rules.filter((rule) => rule.enabled);
  const verdicts = enabled.map((rule) => ({ rule, verdict: judgeRule(rule, evidence, policy) }));
  const effective = verdicts.filter(({ verdict }) => verdict.effective).map(({ rule }) => rule);
  // Only an effective rule's signals validate: a deprecated rule that fired is still paper coverage.
  const fired = effective.filter((rule) => evidence.fired.has(rule.id));
  const seen = visibilityOf(
    [...technique.log_sources, ...(scoring.subLogSources.get(technique.id) ?? [])],
    scoring.visibility,
  );
  const facts: TechniqueFacts = {
    enabled: enabled.length,
    disabled: rules.length - enabled.length,
    effective: effective.length,
    fired: fired.length,
    firedWithinSla: fired.some((rule) => {
      const stats = scoring.signalStats.get(rule.id);
      return stats !== undefined && ruleMetTriageSla(stats, thresholds);
    }),
    ineffective: {
      agents_missing: verdicts.filter(({ verdict }) => !verdict.effective && verdict.why === "agents_missing").length,
      deprecated: verdicts.filter(({ verdict }) => !verdict.effective && verdict.why === "deprecated").length,
      other: verdicts.filter(
        ({ verdict }) => !verdict.effective && verdict.why !== "agents_missing" && verdict.why !== "deprecated",
      ).length,
    },
    visible: seen.sources.length > 0,
  };
  const value = ladderScore(facts);
  const applied = attestationsFor(scoring.attestations, ATTACK_FRAMEWORK_ID, technique.id, scoring.snapshot);
  return {
    id: technique.id,
    name: technique.name,
    tactics: technique.tactics,
    parent: technique.parent,
    score: value,
    rules: {
      enabled: ids(enabled),
      effective: ids(effective),
      fired: ids(fired),
      deprecated: ids(enabled.filter((rule) => rule.is_deprecated)),
      beta: ids(enabled.filter((rule) => rule.is_beta)),
    },
    visibility: seen,
    reason: ladderReason(value, facts, thresholds.attack_gap_below, scoring.missing.length > 0),
    disposition: attestedDisposition(applied),
    attestations: applied,
  };
}

export function assessAttack(input: AttackInput): AttackResult {
  const scoring = attackScoring(input);
  return {
    version: input.catalog.version,
    gap_below: input.thresholds.attack_gap_below,
    missing_evidence: scoring.missing,
    techniques: currentTechniques(input.catalog).map((technique) => scoreTechnique(technique, scoring)),
  };
}

function ids(rules: readonly SecurityRule[]): string[] {
  return rules.map((rule) => rule.id).sort();
}
