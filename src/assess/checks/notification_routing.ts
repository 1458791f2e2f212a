/**
 * notification_routing — signals of each listed severity reach a
 * destination. Routing is measured, not inferred from a rule's severity
 * list: during collection every signal of the period was matched against
 * each enabled notification rule's selectors (severity, rule type, scope
 * query), so a rule scoped to `env:test` routes only the env:test signals.
 * A severity is routed when at least `min_share` of its signals were
 * matched, or when every enabled detection rule with a case of that
 * severity notifies someone from the case itself. A severity with no signal
 * in the period is routed only by a notification rule that covers every
 * signal of it (no scope query).
 */
import { z } from "zod";
import { type NotificationRule, Severity, type SignalRouting, type Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import { meetsShare, percent, requiredPercent } from "../figures.js";
import type { EvidenceRef } from "../schema.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "notification_routing",
  description:
    "Verify that signals of the listed severities reach a destination through notification rules or rule cases.",
  reads: ["notification_rules", "rules", "signals"],
  messages: {
    allRouted: "Signals of all {{severities}} listed severities reach a destination: {{per_severity}}",
    someRouted: "Signals of only {{routed}} of {{severities}} listed severities reach a destination: {{per_severity}}",
    noneRouted: "No signal of the listed severities reaches a destination: {{per_severity}}",
    notMeasured:
      "Routing cannot be judged: this snapshot does not say which of the period's signals the notification rules' selectors match (a snapshot older than schema version 2, or the notification rules could not be read while signals were collected)",
  },
} as const;

export const params = z
  .object({
    severities: z.array(Severity).min(1).default(["critical", "high"]),
    /** Rule types a notification rule must apply to (case-insensitive) to route a severity with no signal; not checked when absent. */
    rule_types: z.array(z.string().trim().min(1)).min(1).optional(),
    /** Share (0–1) of a severity's signals in the period that notification rules must match. */
    min_share: z.number().min(0).max(1).default(0.95),
  })
  .strict();
export type Params = z.infer<typeof params>;

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const unscoped = (rule: NotificationRule) => rule.query.trim() === "" || rule.query.trim() === "*";
const scopeOf = (rule: NotificationRule) => (unscoped(rule) ? "every signal" : rule.query.trim());
const routesSignals = (rule: NotificationRule) =>
  rule.trigger_source === null || same(rule.trigger_source, "security_signals");

function scopes(rules: readonly NotificationRule[]): string {
  return rules.length === 0 ? "none" : [...new Set(rules.map(scopeOf))].join("; ");
}

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): CheckResult<keyof typeof meta.messages> {
  const { notification_rules: notificationRules } = partData(snapshot, "notification_rules");
  const { rules } = partData(snapshot, "rules");
  const routing: SignalRouting | null = partData(snapshot, "signals").routing;
  if (routing === null) return checkResult("unknown", "notMeasured", { severities: p.severities.length }, []);
  const usable = notificationRules.filter((rule) => rule.enabled && rule.targets.length > 0 && routesSignals(rule));

  const perSeverity: string[] = [];
  const evidence: EvidenceRef[] = [];
  let routed = 0;
  for (const severity of p.severities) {
    const covering = usable.filter((rule) => rule.severities.some((have) => same(have, severity)));
    const measured = routing.by_severity[severity];
    const cite = (list: readonly NotificationRule[]) =>
      list.forEach((rule) =>
        evidence.push({
          type: "notification_rule",
          id: rule.id,
          label: `${rule.name} (scope: ${scopeOf(rule)}) → ${rule.targets.join(", ")}`,
        }),
      );

    if (measured && measured.total > 0) {
      const matched = covering.filter(
        (rule) => (routing.rules.find((r) => r.id === rule.id)?.matched_by_severity[severity] ?? 0) > 0,
      );
      const figure = `${measured.routed} of ${measured.total} ${severity} signals (${percent(measured.routed, measured.total)}%)`;
      if (meetsShare(measured.routed, measured.total, p.min_share)) {
        routed += 1;
        perSeverity.push(
          `${severity}: ${figure} matched by ${matched.length} notification rules (scopes: ${scopes(matched)})`,
        );
        cite(matched);
        continue;
      }
      if (routedByCases(rules, severity)) {
        routed += 1;
        perSeverity.push(
          `${severity} via case notifications on every rule with a ${severity} case (notification rules matched ${figure})`,
        );
        continue;
      }
      perSeverity.push(
        `${severity} not routed: ${figure} matched by a notification rule's selectors, required ${requiredPercent(p.min_share)}% (scopes: ${scopes(covering)})`,
      );
      cite(covering);
      continue;
    }

    // Without signals to measure, only a rule that covers every signal of the severity (no scope,
    // no rule-type limit beyond the types the mapping names) routes it.
    const everySignal = covering.filter(
      (rule) =>
        unscoped(rule) &&
        (rule.rule_types.length === 0 ||
          p.rule_types?.every((type) => rule.rule_types.some((have) => same(have, type)))),
    );
    if (everySignal.length > 0) {
      routed += 1;
      perSeverity.push(
        `${severity}: no ${severity} signal in the period; ${everySignal.length} notification rules route every ${severity} signal`,
      );
      cite(everySignal);
      continue;
    }
    const cases = caseRouting(rules, severity);
    if (cases.routed) {
      routed += 1;
      perSeverity.push(`${severity} via case notifications on all ${cases.withCase} rules`);
      continue;
    }
    perSeverity.push(
      `${severity} not routed (no ${severity} signal in the period to measure; notification rules covering it are scoped: ${scopes(covering)}; ${cases.notifying} of ${cases.withCase} rules notify from their cases)`,
    );
    cite(covering);
    cases.silent.forEach((rule) =>
      evidence.push({ type: "rule", id: rule.id, label: `${rule.name} (no ${severity} notification)` }),
    );
  }
  const data = { routed, severities: p.severities.length, per_severity: perSeverity };
  if (routed === p.severities.length) return checkResult("pass", "allRouted", data, evidence);
  if (routed > 0) return checkResult("partial", "someRouted", data, evidence, "notification_missing");
  return checkResult("fail", "noneRouted", data, evidence, "notification_missing");
}

type Rules = ReturnType<typeof partData<"rules">>["rules"];

/** Whether every enabled detection rule with a case of this severity notifies from that case. */
function caseRouting(
  rules: Rules,
  severity: string,
): { routed: boolean; withCase: number; notifying: number; silent: Rules } {
  const withCase = rules.filter(
    (rule) => rule.enabled && rule.cases.some((ruleCase) => same(ruleCase.severity, severity)),
  );
  const notifying = withCase.filter((rule) =>
    rule.cases
      .filter((ruleCase) => same(ruleCase.severity, severity))
      .every((ruleCase) => ruleCase.notifications.length > 0),
  );
  return {
    routed: withCase.length > 0 && notifying.length === withCase.length,
    withCase: withCase.length,
    notifying: notifying.length,
    silent: withCase.filter((rule) => !notifying.includes(rule)),
  };
}

function routedByCases(rules: Rules, severity: string): boolean {
  return caseRouting(rules, severity).routed;
}
