/**
 * The readable sentence for an ATT&CK technique's score, built from its
 * typed reason and the figures in its result. The assessment carries only
 * the reason code for techniques, so reports make the sentence here, once.
 */
import { formatMessage } from "../assess/message-format.js";
import type { AttackResult, FindingData, ReasonCode, TechniqueResult } from "../assess/schema.js";

/** Templates by reason; `{{rules}}` lists rule ids, `{{sources}}` Datadog sources. */
const MESSAGES: Partial<Record<ReasonCode, string>> = {
  covered: "Covered at score {{score}}: {{effective}} effective rule(s), {{fired}} fired in the period",
  no_rule: "No enabled rule detects this technique; ingesting sources that can see it: {{sources}}",
  rule_disabled: "Only disabled rules detect this technique; ingesting sources that can see it: {{sources}}",
  source_silent:
    "{{enabled}} enabled rule(s) ({{rules}}) but none is effective: the log sources they read are not ingesting",
  agents_missing:
    "{{enabled}} enabled Workload Protection rule(s) ({{rules}}) but too few hosts run the Workload Protection agent",
  rule_deprecated:
    "{{enabled}} enabled rule(s) ({{rules}}) but Datadog deprecated every one of them, so none counts as effective",
  never_fired: "{{effective}} effective rule(s) ({{rules}}) but none fired in the period",
  single_rule: "Rule {{rules}} fired, but score 5 needs a second effective rule",
  triage_sla_missed: "Effective rules fired ({{rules}}) but their high and critical signals missed the triage SLA",
  evidence_unavailable: "Score {{score}} is a lower bound: the {{collectors}} collector(s) failed",
};
const FALLBACK = "Score {{score}} ({{reason}})";

/** The rules a reason is about: the ones that got furthest up the ladder. */
function rulesFor(technique: TechniqueResult): string[] {
  const { enabled, effective, fired } = technique.rules;
  if (fired.length > 0) return fired;
  if (effective.length > 0) return effective;
  return enabled;
}

/** Deprecated rules never count as effective; beta rules count normally. Either way the reader is told which. */
function lifecycle(technique: TechniqueResult): string {
  const { deprecated, beta } = technique.rules;
  const parts = [
    deprecated.length > 0 && `deprecated by Datadog, never counted effective: ${deprecated.join(", ")}`,
    beta.length > 0 && `beta, counted normally: ${beta.join(", ")}`,
  ].filter(Boolean);
  return parts.length === 0 ? "" : ` (${parts.join("; ")})`;
}

export function techniqueReason(technique: TechniqueResult, attack: Pick<AttackResult, "missing_evidence">): string {
  const data: FindingData = {
    score: technique.score,
    reason: technique.reason,
    enabled: technique.rules.enabled.length,
    effective: technique.rules.effective.length,
    fired: technique.rules.fired.length,
    rules: rulesFor(technique),
    sources: technique.visibility.sources,
    collectors: attack.missing_evidence,
  };
  return formatMessage(MESSAGES[technique.reason] ?? FALLBACK, data) + lifecycle(technique);
}
