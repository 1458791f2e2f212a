/**
 * rule_effectiveness — the enabled rules a selector matches are effective:
 * they fired in the period, their log source is ingesting, or (Workload
 * Protection) enough hosts run the CWS agent. See effectiveness.ts.
 */
import { z } from "zod";
import type { Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import {
  EffectivenessPolicy,
  gatherEffectivenessEvidence,
  INEFFECTIVE_WHYS,
  type IneffectiveWhy,
  judgeRule,
} from "../effectiveness.js";
import { meetsShare, percent, requiredPercent } from "../figures.js";
import type { ReasonCode } from "../schema.js";
import { populationOf, ruleEvidence, type SecurityRule } from "../security-rules.js";
import { describeSelector, RuleSelector, selectRules } from "../selectors.js";

export const meta = {
  kind: "rule_effectiveness",
  description:
    "Verify that the enabled rules a selector matches can see data: fired, ingesting source, or Workload Protection hosts.",
  reads: ["rules", "agent_rules", "log_sources", "agents", "signals"],
  messages: {
    effective:
      "{{effective}} of {{enabled}} enabled rules matching {{selector}} are effective ({{effective_pct}}%) and {{fired}} fired; required at least {{min_effective}} effective ({{min_share_pct}}% of them) and {{min_fired}} fired{{lifecycle}}",
    neverFired:
      "{{effective}} of {{enabled}} enabled rules matching {{selector}} are effective, but only {{fired}} fired in the period; required {{min_fired}}{{lifecycle}}",
    partlyEffective:
      "Only {{effective}} of {{enabled}} enabled rules matching {{selector}} are effective; required {{min_effective}} and {{min_share_pct}}%. Not effective: {{source_silent}} with a silent source, {{source_unknown}} with an unknown source, {{agents_missing}} without enough Workload Protection hosts, {{deprecated}} deprecated, {{chain_ineffective}} correlating rules that are not all enabled and effective{{lifecycle}}",
    noneEffective:
      "None of the {{enabled}} enabled rules matching {{selector}} is effective: {{source_silent}} with a silent source, {{source_unknown}} with an unknown source, {{agents_missing}} without enough Workload Protection hosts, {{deprecated}} deprecated, {{chain_ineffective}} correlating rules that are not all enabled and effective{{lifecycle}}",
    noEnabledRules: "No enabled rule matches {{selector}} ({{disabled}} disabled)",
  },
} as const;

export const params = z
  .object({
    selector: RuleSelector.prefault({}),
    /** Effective rules needed to pass. */
    min_effective: z.number().int().positive().default(1),
    /** Share (0–1) of the enabled matching rules that must be effective. */
    min_effective_share: z.number().min(0).max(1).default(0),
    /** Matching rules that must have fired in the period (a signal proves a rule works). */
    min_fired: z.number().int().nonnegative().default(0),
    effectiveness: EffectivenessPolicy.prefault({}),
  })
  .strict();
export type Params = z.infer<typeof params>;

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const matched = selectRules(populationOf(snapshot), p.selector);
  const enabled = matched.filter((rule) => rule.enabled);
  const selector = describeSelector(p.selector);
  if (enabled.length === 0) {
    const disabled = matched.length;
    const figures = { selector, disabled };
    return checkResult(
      "fail",
      "noEnabledRules",
      figures,
      ruleEvidence(matched),
      disabled > 0 ? "rule_disabled" : "no_rule",
    );
  }

  const evidence = gatherEffectivenessEvidence(snapshot, p.effectiveness);
  const verdicts = enabled.map((rule) => ({ rule, verdict: judgeRule(rule, evidence, p.effectiveness) }));
  const effective = verdicts.filter(({ verdict }) => verdict.effective).map(({ rule }) => rule);
  const why = Object.fromEntries(INEFFECTIVE_WHYS.map((reason) => [reason, 0])) as Record<IneffectiveWhy, number>;
  for (const { verdict } of verdicts) if (!verdict.effective) why[verdict.why] += 1;

  const figures = {
    selector,
    enabled: enabled.length,
    effective: effective.length,
    effective_pct: percent(effective.length, enabled.length),
    fired: verdicts.filter(({ verdict }) => verdict.effective && verdict.via === "fired").length,
    min_effective: p.min_effective,
    min_fired: p.min_fired,
    min_share_pct: requiredPercent(p.min_effective_share),
    ...why,
    beta: enabled.filter((rule) => rule.is_beta).map((rule) => rule.id),
    lifecycle: lifecycleNote(enabled),
  };
  const ineffective = verdicts.filter(({ verdict }) => !verdict.effective).map(({ rule }) => rule);
  const gap: ReasonCode =
    why.deprecated === enabled.length - effective.length
      ? "rule_deprecated"
      : why.agents_missing > why.source_silent + why.source_unknown + why.chain_ineffective
        ? "agents_missing"
        : "source_silent";

  if (effective.length >= p.min_effective && meetsShare(effective.length, enabled.length, p.min_effective_share)) {
    if (figures.fired >= p.min_fired) return checkResult("pass", "effective", figures, ruleEvidence(effective));
    return checkResult("partial", "neverFired", figures, ruleEvidence(effective), "never_fired");
  }
  if (effective.length > 0) return checkResult("partial", "partlyEffective", figures, ruleEvidence(ineffective), gap);
  return checkResult("fail", "noneEffective", figures, ruleEvidence(ineffective), gap);
}

/** Names the deprecated rules (never effective) and beta rules (counted normally) among those judged. */
function lifecycleNote(rules: readonly SecurityRule[]): string {
  const deprecated = rules.filter((rule) => rule.is_deprecated).map((rule) => rule.name);
  const beta = rules.filter((rule) => rule.is_beta).map((rule) => rule.name);
  const parts = [
    deprecated.length > 0 && `deprecated by Datadog, never counted effective: ${deprecated.join(", ")}`,
    beta.length > 0 && `beta, counted normally: ${beta.join(", ")}`,
  ].filter(Boolean);
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`;
}
