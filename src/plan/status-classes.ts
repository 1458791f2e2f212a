/**
 * When enabling one rule, which facts of that rule a check's status can
 * depend on. Two rules with the same facts move the check's status alike
 * (the figures count rules; only the evidence lists name them), so `plan`
 * runs the check once per class of rule and reuses the status for the
 * others. Only for kinds listed here, only for a rule no correlation rule
 * chains, and only while weighing candidates: the tests hold every
 * candidate's effect equal to a full assessment.
 */

import { EffectivenessPolicy, gatherEffectivenessEvidence, judgeRule } from "../assess/effectiveness.js";
import { IngestionPolicy, ingestingMatches, ingestingSources } from "../assess/ingestion.js";
import type { MappingEntry } from "../assess/mapping-schema.js";
import type { SecurityRule } from "../assess/security-rules.js";
import { type RuleSelector, ruleMatches } from "../assess/selectors.js";
import type { DetectionRule, Snapshot } from "../snapshot/schema.js";

type ClassOf = (params: never, rule: SecurityRule, snapshot: Snapshot) => string;

const CLASSES: Readonly<Record<string, ClassOf>> = {
  // Counts enabled, effective and fired rules among those the selector matches.
  rule_effectiveness: (params: { effectiveness: EffectivenessPolicy }, rule, snapshot) => {
    const policy = EffectivenessPolicy.parse(params.effectiveness);
    const verdict = judgeRule(rule, gatherEffectivenessEvidence(snapshot, policy), policy);
    return verdict.effective ? `effective ${verdict.via === "fired"}` : "ineffective";
  },
  // Counts enabled rules the selector matches, overall or per ingesting source they read.
  detection_rules: (
    params: { selector: RuleSelector; per_ingesting_source?: string[]; ingestion: IngestionPolicy },
    rule,
    snapshot,
  ) => {
    if (params.per_ingesting_source === undefined) return "enabled";
    const volumes = snapshot.collectors.log_sources;
    const ingesting = ingestingSources(
      volumes.status === "ok" ? volumes.data.sources : [],
      snapshot.period,
      IngestionPolicy.parse(params.ingestion),
    );
    const sources = [
      ...new Set(params.per_ingesting_source.flatMap((pattern) => ingestingMatches(pattern, ingesting))),
    ];
    return sources
      .sort()
      .filter((source) => ruleMatches(rule, { ...params.selector, sources: [source] }))
      .join(" ");
  },
  // Reads the severities of enabled detection rules' cases and whether each case notifies.
  notification_routing: (_params, rule) =>
    JSON.stringify(
      rule.cases.map((ruleCase: DetectionRule["cases"][number]) => [
        ruleCase.severity.toLowerCase(),
        ruleCase.notifications.length > 0,
      ]),
    ),
};

/**
 * The class of a newly enabled rule for this check, or null when the check
 * must run. `snapshot` may be the one before the rule was enabled: enabling
 * a rule changes nothing else a class reads (sources, hosts, signals).
 */
export function statusClass(
  entry: Pick<MappingEntry, "kind" | "params">,
  rule: SecurityRule,
  snapshot: Snapshot,
): string | null {
  const classOf = CLASSES[entry.kind];
  return classOf === undefined ? null : `${rule.origin} ${classOf(entry.params as never, rule, snapshot)}`;
}
