/**
 * The ATT&CK coverage ladder (DESIGN.md), as a pure function of a
 * technique's facts:
 *
 *   0  no enabled rule, and no ingesting source that can see it
 *   1  visibility only: an ingesting source matches one of its log sources
 *   2  paper coverage: an enabled rule exists, none is effective
 *   3  effective: an enabled rule can see data (effectiveness.ts)
 *   4  validated: an effective rule fired in the period (a deprecated rule,
 *      or a correlation rule whose chain is not effective, is never
 *      effective, so its signals do not lift a technique past 2)
 *   5  operated: ≥ 2 effective rules, one fired, and its high/critical
 *      signals met the triage SLA
 */
import type { ReasonCode } from "../schema.js";

export interface TechniqueFacts {
  enabled: number;
  disabled: number;
  effective: number;
  /** Enabled rules that fired (a rule that fired is effective). */
  fired: number;
  /** A fired rule whose high and critical signals all left `open` within the SLA. */
  firedWithinSla: boolean;
  /** Enabled rules that are not effective for want of Workload Protection hosts, because deprecated, and for other reasons. */
  ineffective: { agents_missing: number; deprecated: number; other: number };
  visible: boolean;
}

export function ladderScore(facts: TechniqueFacts): number {
  if (facts.enabled === 0) return facts.visible ? 1 : 0;
  if (facts.effective === 0) return 2;
  if (facts.fired === 0) return 3;
  if (facts.effective >= 2 && facts.firedWithinSla) return 5;
  return 4;
}

/**
 * Why a technique stops where it does. When collectors failed the score is a
 * lower bound, so a gap is reported as `evidence_unavailable` rather than
 * blamed on rules or sources.
 */
export function ladderReason(
  score: number,
  facts: TechniqueFacts,
  gapBelow: number,
  evidenceMissing: boolean,
): ReasonCode {
  if (score >= gapBelow) return "covered";
  if (evidenceMissing) return "evidence_unavailable";
  switch (score) {
    case 0:
    case 1:
      return facts.disabled > 0 ? "rule_disabled" : "no_rule";
    case 2:
      if (facts.ineffective.deprecated > 0 && facts.ineffective.agents_missing === 0 && facts.ineffective.other === 0)
        return "rule_deprecated";
      return facts.ineffective.agents_missing > 0 && facts.ineffective.other === 0 && facts.ineffective.deprecated === 0
        ? "agents_missing"
        : "source_silent";
    case 3:
      return "never_fired";
    default:
      return facts.effective < 2 ? "single_rule" : "triage_sla_missed";
  }
}
