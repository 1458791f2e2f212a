/**
 * notification_routing — signals of each listed severity reach a
 * destination: an enabled signal notification rule covers the severity and
 * has a target, or else every enabled detection rule with a case of that
 * severity notifies someone from the case itself.
 */
import { z } from "zod";
import { Severity, type Snapshot } from "../../snapshot/schema.js";
import { checkResult, type CheckContext, type CheckResult } from "../check-contract.js";
import type { EvidenceRef } from "../schema.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "notification_routing",
  description: "Verify that signals of the listed severities reach a destination through notification rules or rule cases.",
  reads: ["notification_rules", "rules"],
  messages: {
    allRouted: "Signals of all {{severities}} listed severities reach a destination: {{per_severity}}",
    someRouted: "Signals of only {{routed}} of {{severities}} listed severities reach a destination: {{per_severity}}",
    noneRouted: "No signal of the listed severities reaches a destination: {{per_severity}}",
  },
} as const;

export const params = z
  .object({
    severities: z.array(Severity).min(1).default(["critical", "high"]),
    /** Rule types a notification rule must apply to (case-insensitive); not checked when absent. */
    rule_types: z.array(z.string().trim().min(1)).min(1).optional(),
  })
  .strict();
export type Params = z.infer<typeof params>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const { notification_rules: notificationRules } = partData(snapshot, "notification_rules");
  const { rules } = partData(snapshot, "rules");
  const usable = notificationRules.filter(
    (rule) => rule.enabled && rule.targets.length > 0 && (p.rule_types ?? []).every((type) => rule.rule_types.some((have) => same(have, type))),
  );

  const perSeverity: string[] = [];
  const evidence: EvidenceRef[] = [];
  let routed = 0;
  for (const severity of p.severities) {
    const covering = usable.filter((rule) => rule.severities.some((have) => same(have, severity)));
    if (covering.length > 0) {
      routed += 1;
      perSeverity.push(`${severity} via ${covering.length} notification rules`);
      covering.forEach((rule) => evidence.push({ type: "notification_rule", id: rule.id, label: `${rule.name} → ${rule.targets.join(", ")}` }));
      continue;
    }
    const withCase = rules.filter((rule) => rule.enabled && rule.cases.some((ruleCase) => same(ruleCase.severity, severity)));
    const notifying = withCase.filter((rule) =>
      rule.cases.filter((ruleCase) => same(ruleCase.severity, severity)).every((ruleCase) => ruleCase.notifications.length > 0),
    );
    if (withCase.length > 0 && notifying.length === withCase.length) {
      routed += 1;
      perSeverity.push(`${severity} via case notifications on all ${withCase.length} rules`);
    } else {
      perSeverity.push(`${severity} not routed (no notification rule; ${notifying.length} of ${withCase.length} rules notify from their cases)`);
      withCase
        .filter((rule) => !notifying.includes(rule))
        .forEach((rule) => evidence.push({ type: "rule", id: rule.id, label: `${rule.name} (no ${severity} notification)` }));
    }
  }
  const data = { routed, severities: p.severities.length, per_severity: perSeverity };
  if (routed === p.severities.length) return checkResult("pass", "allRouted", data, evidence);
  if (routed > 0) return checkResult("partial", "someRouted", data, evidence, "notification_missing");
  return checkResult("fail", "noneRouted", data, evidence, "notification_missing");
}
