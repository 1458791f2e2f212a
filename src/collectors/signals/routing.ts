/**
 * Notification routing measured on the period's signals: for each severity,
 * how many signals some enabled notification rule (with a target) would
 * route, by its selectors: severity, rule type and scope query. Real rules
 * are scoped (`env:test`); counting a rule as routing "all critical signals"
 * because it names the severity would overstate routing. Memory holds only
 * counters per severity and rule, never the signals.
 *
 * Selector semantics, chosen to never overstate:
 * - a rule with no severity selected routes nothing;
 * - a rule with no rule type selected applies to every rule type;
 * - `trigger_source` other than `security_signals` (findings) routes no signal;
 * - the scope query is matched against the signal's tags, reserved
 *   attributes and `@` attributes; a field the signal lacks does not match;
 * - a query ddproof cannot parse matches nothing, and the rule is named.
 */
import { matchesRecord, parseLogQuery, type QueryNode, type RecordLookup } from "../../query/index.js";
import type { NotificationRule, SignalRouting } from "../../snapshot/schema.js";
import type { SignalRecord } from "./read-signal.js";

interface CompiledRule {
  id: string;
  severities: ReadonlySet<string>;
  ruleTypes: ReadonlySet<string>;
  query: QueryNode | null;
  matched: Record<string, number>;
}

const SIGNAL_TRIGGER = "security_signals";
const normalise = (value: string) =>
  value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, "_");

function valuesAt(root: unknown, path: readonly string[]): string[] {
  if (root === undefined || root === null) return [];
  if (Array.isArray(root)) return root.flatMap((item) => valuesAt(item, path));
  if (path.length === 0) return typeof root === "object" ? [] : [String(root)];
  if (typeof root !== "object") return [];
  const [head, ...rest] = path as [string, ...string[]];
  return valuesAt((root as Record<string, unknown>)[head], rest);
}

/** The values a signal has for a query field. */
export function signalLookup(signal: SignalRecord): RecordLookup {
  return (field) => {
    if (field.startsWith("@")) return valuesAt(signal.fields, field.slice(1).split("."));
    const key = field.toLowerCase();
    const prefix = `${key}:`;
    const fromTags = signal.tags
      .filter((tag) => tag.toLowerCase().startsWith(prefix))
      .map((tag) => tag.slice(prefix.length));
    return [...fromTags, ...valuesAt(signal.reserved, [key])];
  };
}

export class RoutingMeter {
  private readonly rules: CompiledRule[] = [];
  private readonly unparsable: string[] = [];
  private readonly bySeverity: Record<string, { total: number; routed: number }> = {};

  constructor(notificationRules: readonly NotificationRule[]) {
    for (const rule of notificationRules) {
      if (!rule.enabled || rule.targets.length === 0) continue;
      if (rule.trigger_source !== null && normalise(rule.trigger_source) !== SIGNAL_TRIGGER) continue;
      let query: QueryNode | null = null;
      try {
        query = parseLogQuery(rule.query);
      } catch {
        this.unparsable.push(rule.id);
      }
      this.rules.push({
        id: rule.id,
        severities: new Set(rule.severities.map(normalise)),
        ruleTypes: new Set(rule.rule_types.map(normalise)),
        query,
        matched: {},
      });
    }
  }

  add(signal: SignalRecord): void {
    let counts = this.bySeverity[signal.severity];
    if (counts === undefined) {
      counts = { total: 0, routed: 0 };
      this.bySeverity[signal.severity] = counts;
    }
    counts.total += 1;
    let lookup: RecordLookup | null = null;
    let routed = false;
    for (const rule of this.rules) {
      if (!rule.severities.has(signal.severity) || rule.query === null) continue;
      if (rule.ruleTypes.size > 0 && (signal.rule_type === null || !rule.ruleTypes.has(signal.rule_type))) continue;
      lookup ??= signalLookup(signal);
      if (!matchesRecord(rule.query, lookup)) continue;
      rule.matched[signal.severity] = (rule.matched[signal.severity] ?? 0) + 1;
      routed = true;
    }
    if (routed) counts.routed += 1;
  }

  result(): SignalRouting {
    return {
      by_severity: this.bySeverity,
      rules: this.rules
        .map((rule) => ({ id: rule.id, matched_by_severity: rule.matched }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      unparsable_rules: [...this.unparsable].sort(),
    };
  }
}
