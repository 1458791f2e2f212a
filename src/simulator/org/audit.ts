/**
 * The Audit Trail, generated lazily per UTC day like signals are per hour.
 * A day holds a few detection-rule changes (what ddproof looks for) mixed
 * with other activity (logins, dashboard edits, signal triage) that a
 * collector has to filter out with its query.
 */
import { type Random, rngFor } from "../prng.js";
import { DAY_MS, dayIndex, RETENTION_DAYS } from "../time-units.js";
import { threePartId } from "./ids.js";
import type { DemoRule } from "./rules.js";
import { decodePositionId, encodePositionId, Timeline, type TimelinePosition } from "./timeline.js";

const AUDIT_ID_PREFIX = "AAAAA";

export const RULE_CHANGE_KINDS = ["created", "modified", "enabled", "disabled", "deleted"] as const;
export type RuleChangeKind = (typeof RULE_CHANGE_KINDS)[number];

/** Weights of the change kinds, in RULE_CHANGE_KINDS order. */
const CHANGE_WEIGHTS = [0.15, 0.45, 0.1, 0.15, 0.15];

/**
 * Activity that is not a detection-rule change: [evt.name, asset.type, action].
 * Suppression changes are rule changes to ddproof; an API-access event has
 * no asset at all (as recorded), and is returned whatever the query.
 */
const OTHER_ACTIVITY: ReadonlyArray<readonly [string, string | null, string]> = [
  ["Authentication", "user", "login"],
  ["Dashboard", "dashboard", "modified"],
  ["Security Monitoring", "security_signal", "modified"],
  ["Log Management", "logs_index", "modified"],
  ["Security Monitoring", "security_suppression", "modified"],
  ["Request", null, "access"],
];

export interface RuleChange {
  kind: RuleChangeKind;
  ruleId: string;
  ruleName: string;
}

export interface DemoAuditEvent {
  position: TimelinePosition;
  id: string;
  timestamp: number;
  userIndex: number;
  clientIp: string;
  /** Set for detection-rule changes. */
  ruleChange: RuleChange | null;
  /** Set for other activity. */
  activity: { evtName: string; assetType: string | null; action: string; assetId: string; assetName: string } | null;
}

export interface AuditTrailOptions {
  seed: number;
  nowMs: number;
  ruleChangesPerDay: number;
  otherPerDay: number;
  rules: readonly DemoRule[];
}

export class AuditTrail extends Timeline {
  /** Rules each change kind may name (see ruleChange), filtered once rather than per event. */
  private readonly pools: Readonly<Record<Exclude<RuleChangeKind, "deleted">, readonly DemoRule[]>>;
  /** Which events of the last day asked about are rule changes (pages walk days in order). */
  private lastDay: { day: number; isRuleChange: boolean[] } | null = null;

  constructor(private readonly options: AuditTrailOptions) {
    super(DAY_MS, dayIndex(options.nowMs) - RETENTION_DAYS, options.nowMs);
    // People create custom rules; enabling and disabling leave a rule in that state.
    const pool = (keep: (rule: DemoRule) => boolean): readonly DemoRule[] => {
      const kept = options.rules.filter(keep);
      return kept.length > 0 ? kept : options.rules;
    };
    this.pools = {
      created: pool((r) => !r.isDefault),
      modified: options.rules,
      enabled: pool((r) => r.enabled),
      disabled: pool((r) => !r.enabled),
    };
  }

  /** [rule changes, other events] of a day. */
  private dayCounts(day: number): [number, number] {
    const random = rngFor(this.options.seed, "audit-day", day);
    return [random.count(this.options.ruleChangesPerDay), random.count(this.options.otherPerDay)];
  }

  /** Offsets carry which events are rule changes: see isRuleChange. */
  protected generateOffsets(day: number): number[] {
    const [changes, other] = this.dayCounts(day);
    const random = rngFor(this.options.seed, "audit-offsets", day);
    return Array.from({ length: changes + other }, () => Math.floor(random.next() * DAY_MS)).sort((a, b) => a - b);
  }

  /** Which of a day's events are rule changes is drawn apart from their times: the first `changes` of a shuffled order. */
  private isRuleChange(position: TimelinePosition): boolean {
    const day = position.bucket;
    if (this.lastDay?.day !== day) {
      const [changes, other] = this.dayCounts(day);
      const order = rngFor(this.options.seed, "audit-kinds", day).shuffled([...Array(changes + other).keys()]);
      const isRuleChange = new Array<boolean>(changes + other).fill(false);
      order.slice(0, changes).forEach((index) => (isRuleChange[index] = true));
      this.lastDay = { day, isRuleChange };
    }
    return this.lastDay.isRuleChange[position.index] ?? false;
  }

  eventAt(position: TimelinePosition): DemoAuditEvent {
    const random = rngFor(this.options.seed, "audit", position.bucket, position.index);
    const event: DemoAuditEvent = {
      position,
      id: encodeAuditId(this.options.seed, position),
      timestamp: this.timestampAt(position),
      userIndex: random.int(0, 5),
      clientIp: `198.51.100.${random.int(1, 254)}`,
      ruleChange: null,
      activity: null,
    };
    if (this.isRuleChange(position)) {
      event.ruleChange = this.ruleChange(random);
    } else {
      const [evtName, assetType, action] = random.pick(OTHER_ACTIVITY);
      event.activity = {
        evtName,
        assetType,
        action,
        assetId: random.hex(12),
        assetName: `${assetType ?? "request"} ${random.int(1, 400)}`,
      };
    }
    return event;
  }

  /** Enable/disable events name rules in the state they ended up in; deleted rules no longer exist. */
  private ruleChange(random: Random): RuleChange {
    const roll = random.next();
    let kindIndex = 0;
    for (let acc = CHANGE_WEIGHTS[0] as number; roll >= acc && kindIndex < CHANGE_WEIGHTS.length - 1; ) {
      kindIndex++;
      acc += CHANGE_WEIGHTS[kindIndex] as number;
    }
    const kind = RULE_CHANGE_KINDS[kindIndex] as RuleChangeKind;
    if (kind === "deleted")
      return { kind, ruleId: threePartId(random), ruleName: `${random.pick(this.options.rules).name} (old copy)` };
    const rule = random.pick(this.pools[kind]);
    return { kind, ruleId: rule.id, ruleName: rule.name };
  }

  /** Rule changes with a timestamp in [fromMs, toMs), oldest first. */
  ruleChanges(fromMs: number, toMs: number): Array<RuleChange & { timestamp: number }> {
    const out: Array<RuleChange & { timestamp: number }> = [];
    for (const position of this.positions(fromMs, toMs, false)) {
      if (!this.isRuleChange(position)) continue;
      const event = this.eventAt(position);
      if (event.ruleChange) out.push({ ...event.ruleChange, timestamp: event.timestamp });
    }
    return out;
  }
}

export function encodeAuditId(seed: number, position: TimelinePosition): string {
  return encodePositionId(AUDIT_ID_PREFIX, seed, position);
}

export function decodeAuditId(seed: number, id: string): TimelinePosition | null {
  return decodePositionId(AUDIT_ID_PREFIX, seed, id);
}
