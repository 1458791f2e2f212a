/**
 * Security signals, generated lazily. Signals are never stored: an hour's
 * count and timestamps come from a generator seeded by (seed, hour) and the
 * i-th signal of an hour from one seeded by (seed, hour, i). A position
 * (hour, index) therefore names a signal for good, which is what cursors
 * encode, and counting a quarter only costs one small draw per hour.
 */
import { pickWeighted, rngFor } from "../prng.js";
import { DAY_MS, HOUR_MS, hourIndex, MINUTE_MS, RETENTION_DAYS } from "../time-units.js";
import type { DemoRule, Severity } from "./rules.js";
import { decodePositionId, encodePositionId, Timeline, type TimelinePosition } from "./timeline.js";

export const TRIAGE_STATES = ["open", "under_review", "archived"] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

const ARCHIVE_REASONS = [
  "false_positive",
  "false_positive",
  "testing_or_maintenance",
  "investigated_case_opened",
  "other",
  "none",
] as const;
/** Rule types that raise signals; compliance rules produce findings instead. */
const SIGNAL_RULE_TYPES = new Set(["log_detection", "workload_security", "application_security", "signal_correlation"]);

export interface DemoSignal {
  position: TimelinePosition;
  id: string;
  timestamp: number;
  rule: DemoRule;
  severity: Severity;
  triage: {
    state: TriageState;
    /** Epoch ms of the last state change (the signal's own time while it was never touched). */
    updatedAt: number;
    /** Index into USERS; null while unassigned. */
    assigneeIndex: number | null;
    archiveReason: string | null;
    incidentIds: number[];
  };
  /** Workload signals name the host they fired on. */
  hostname: string | null;
  userIndex: number;
  clientIp: string;
  /** Some responses carry the workflow under `custom` instead of `attributes`. */
  workflowInCustom: boolean;
}

export interface SignalStreamOptions {
  seed: number;
  nowMs: number;
  perDay: number;
  firingShare: number;
  rules: readonly DemoRule[];
  /** Log sources that never ingested: rules reading only those never fire. */
  silentSources: ReadonlySet<string>;
  /** Hosts with Workload Protection, for workload signals. */
  cwsHostnames: readonly string[];
}

/** Busier in working hours and on weekdays; the factors average to about 1. */
function activityFactor(hour: number): number {
  const hourOfDay = hour % 24;
  const weekday = (Math.floor(hour / 24) + 4) % 7;
  const daytime = hourOfDay >= 8 && hourOfDay < 18 ? 1.4 : 0.7;
  const week = weekday === 0 || weekday === 6 ? 0.7 : 1.12;
  return daytime * week;
}

/**
 * Real signals carry millisecond timestamps, and the ones that matter most
 * sit at the edges of periods: every UTC day has a signal at its first
 * millisecond (00:00:00.000) and one at 23:59:59.750, the instant a client
 * that drops milliseconds from `filter.to` loses.
 */
export const EDGE_LAST_MS = HOUR_MS - 250;

function edgeOffset(hour: number): number | null {
  const hourOfDay = hour % 24;
  if (hourOfDay === 0) return 0;
  if (hourOfDay === 23) return EDGE_LAST_MS;
  return null;
}

export class SignalStream extends Timeline {
  private readonly firing: DemoRule[];
  private readonly cumulative: Float64Array;

  constructor(private readonly options: SignalStreamOptions) {
    super(HOUR_MS, hourIndex(options.nowMs - RETENTION_DAYS * DAY_MS), options.nowMs);
    const eligible = options.rules.filter(
      (rule) =>
        rule.enabled &&
        !rule.unparsed &&
        SIGNAL_RULE_TYPES.has(rule.type) &&
        (rule.logSources.length === 0 || rule.logSources.some((s) => !options.silentSources.has(s))),
    );
    // Many rules never fire; the rest follow a long tail (a few fire a lot).
    const random = rngFor(options.seed, "firing-rules");
    this.firing = random.shuffled(eligible).slice(0, Math.max(1, Math.round(eligible.length * options.firingShare)));
    this.cumulative = new Float64Array(this.firing.length);
    let total = 0;
    this.firing.forEach((_, rank) => {
      total += 1 / (rank + 1) ** 1.1;
      this.cumulative[rank] = total;
    });
  }

  /** Ids of the rules that fire at all. */
  firingRuleIds(): string[] {
    return this.firing.map((r) => r.id);
  }

  /** Drawn on its own so that counting a quarter never generates timestamps. */
  protected override bucketTotal(hour: number): number {
    if (this.firing.length === 0) return 0;
    const mean = (this.options.perDay / 24) * activityFactor(hour);
    return rngFor(this.options.seed, "signal-count", hour).count(mean) + (edgeOffset(hour) === null ? 0 : 1);
  }

  protected generateOffsets(hour: number): number[] {
    const random = rngFor(this.options.seed, "signal-offsets", hour);
    const edge = edgeOffset(hour);
    const drawn = this.bucketTotal(hour) - (edge === null ? 0 : 1);
    const offsets = Array.from({ length: drawn }, () => Math.floor(random.next() * HOUR_MS));
    if (edge !== null) offsets.push(edge);
    return offsets.sort((a, b) => a - b);
  }

  /** The signal at a position (which must exist: index < offsets(bucket).length). */
  signalAt(position: TimelinePosition): DemoSignal {
    const timestamp = this.timestampAt(position);
    const random = rngFor(this.options.seed, "signal", position.bucket, position.index);
    const rule = this.firing[pickWeighted(this.cumulative, random)] as DemoRule;
    const escalated = rule.cases.length > 1 && random.chance(0.2);
    const severity = (escalated ? rule.cases[0] : rule.cases[rule.cases.length - 1])?.status ?? "medium";
    const urgent = severity === "high" || severity === "critical";

    // When (if ever) someone picked the signal up and when it was archived.
    const roll = random.next();
    let archivedAt: number | null = null;
    let reviewAt: number | null = null;
    if (roll < (urgent ? 0.8 : 0.65)) {
      archivedAt = urgent
        ? timestamp + 5 * MINUTE_MS + Math.floor(random.next() ** 2 * 6 * HOUR_MS)
        : timestamp + HOUR_MS + Math.floor(random.next() * 14 * DAY_MS);
      if (random.chance(0.3)) reviewAt = timestamp + Math.floor((archivedAt - timestamp) * 0.3);
    } else if (roll < (urgent ? 0.9 : 0.75)) {
      reviewAt = timestamp + 10 * MINUTE_MS + Math.floor(random.next() * 2 * DAY_MS);
    }
    const now = this.options.nowMs;
    const state: TriageState =
      archivedAt !== null && archivedAt <= now
        ? "archived"
        : reviewAt !== null && reviewAt <= now
          ? "under_review"
          : "open";
    const updatedAt =
      state === "archived" ? (archivedAt as number) : state === "under_review" ? (reviewAt as number) : timestamp;
    const assigneeIndex = state === "open" ? null : random.int(0, 4);
    const cws = this.options.cwsHostnames;

    return {
      position,
      id: encodeSignalId(this.options.seed, position),
      timestamp,
      rule,
      severity,
      triage: {
        state,
        updatedAt,
        assigneeIndex,
        archiveReason: state === "archived" ? random.pick(ARCHIVE_REASONS) : null,
        incidentIds: severity === "critical" && random.chance(0.1) ? [1000 + random.int(0, 8999)] : [],
      },
      hostname: rule.type === "workload_security" && cws.length > 0 ? random.pick(cws) : null,
      userIndex: random.int(0, 199),
      clientIp: `203.0.113.${random.int(1, 254)}`,
      workflowInCustom: random.chance(0.05),
    };
  }
}

const SIGNAL_ID_PREFIX = "AQAAA";

export function encodeSignalId(seed: number, position: TimelinePosition): string {
  return encodePositionId(SIGNAL_ID_PREFIX, seed, position);
}

export function decodeSignalId(seed: number, id: string): TimelinePosition | null {
  return decodePositionId(SIGNAL_ID_PREFIX, seed, id);
}
