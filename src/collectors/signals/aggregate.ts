/**
 * Streams signals into the counts the snapshot keeps. Order does not matter,
 * so concurrent time slices can feed one aggregator; memory grows with the
 * number of rules and days, never with the number of signals.
 */
import { DateTime } from "luxon";
import { periodDays } from "../../config/period.js";
import type { Period, SignalRouting, SignalRuleStats, SignalsData, TriageStats } from "../../snapshot/schema.js";
import { addDuration, emptyTriageStats } from "./histogram.js";
import type { SignalRecord } from "./read-signal.js";

const MINUTE_MS = 60_000;

interface RuleAccumulator {
  name: string | null;
  count: number;
  bySeverity: Record<string, number>;
  first: number;
  last: number;
  highCritical: TriageStats;
}

function increment(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1;
}

export class SignalAggregator {
  private total = 0;
  private readonly bySeverity: Record<string, number> = {};
  private readonly byTriageState: Record<string, number> = {};
  private readonly days: string[];
  private readonly dayStarts: number[];
  private readonly dayCounts: number[];
  private readonly rules = new Map<string, RuleAccumulator>();
  private readonly triageBySeverity: Record<string, TriageStats> = {};

  constructor(
    period: Period,
    private readonly now: number,
  ) {
    this.days = periodDays(period);
    this.dayStarts = this.days.map((day) => DateTime.fromISO(day, { zone: period.timezone }).toMillis());
    this.dayCounts = new Array<number>(this.days.length).fill(0);
  }

  get count(): number {
    return this.total;
  }

  add(signal: SignalRecord): void {
    this.total += 1;
    increment(this.bySeverity, signal.severity);
    increment(this.byTriageState, signal.triage_state);
    const day = this.dayIndex(signal.timestamp);
    if (day >= 0) this.dayCounts[day]! += 1;

    let triage = this.triageBySeverity[signal.severity];
    if (triage === undefined) {
      triage = emptyTriageStats();
      this.triageBySeverity[signal.severity] = triage;
    }
    this.addTriage(triage, signal);

    const ruleId = signal.rule_id ?? "(no rule)";
    let rule = this.rules.get(ruleId);
    if (!rule) {
      rule = {
        name: signal.rule_name,
        count: 0,
        bySeverity: {},
        first: signal.timestamp,
        last: signal.timestamp,
        highCritical: emptyTriageStats(),
      };
      this.rules.set(ruleId, rule);
    }
    rule.count += 1;
    rule.name ??= signal.rule_name;
    increment(rule.bySeverity, signal.severity);
    rule.first = Math.min(rule.first, signal.timestamp);
    rule.last = Math.max(rule.last, signal.timestamp);
    if (signal.severity === "high" || signal.severity === "critical") this.addTriage(rule.highCritical, signal);
  }

  private addTriage(stats: TriageStats, signal: SignalRecord): void {
    stats.count += 1;
    if (signal.triage_state === "open") {
      addDuration(stats.still_open, Math.max(0, this.now - signal.timestamp) / MINUTE_MS);
    } else if (signal.triage_state !== "unknown") {
      if (signal.triage_updated_at !== null && signal.triage_updated_at >= signal.timestamp) {
        addDuration(stats.left_open, (signal.triage_updated_at - signal.timestamp) / MINUTE_MS);
      } else {
        stats.left_open_untimed += 1;
      }
    }
  }

  /** Index of the period day holding `time`, -1 when outside the period. */
  private dayIndex(time: number): number {
    let low = 0;
    let high = this.dayStarts.length - 1;
    if (high < 0 || time < this.dayStarts[0]!) return -1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this.dayStarts[middle]! <= time) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  result(populationFile: string | null, routing: SignalRouting | null = null): SignalsData {
    const byRule: SignalRuleStats[] = [...this.rules.entries()]
      .map(([ruleId, rule]) => ({
        rule_id: ruleId,
        rule_name: rule.name,
        count: rule.count,
        by_severity: rule.bySeverity,
        first_seen: new Date(rule.first).toISOString(),
        last_seen: new Date(rule.last).toISOString(),
        high_critical: rule.highCritical,
      }))
      .sort((a, b) => a.rule_id.localeCompare(b.rule_id));
    return {
      total: this.total,
      by_severity: this.bySeverity,
      by_triage_state: this.byTriageState,
      by_day: this.days.map((date, index) => ({ date, count: this.dayCounts[index]! })),
      by_rule: byRule,
      triage_by_severity: this.triageBySeverity,
      population_file: populationFile,
      routing,
    };
  }
}
