/**
 * The demo organisation: everything the simulator serves, built once from
 * (seed, scale, now), and a shape (org/shape.ts) for the orgs of a fleet
 * whose coverage differs; the empty shape is the demo org. Lists (rules, hosts, …) are materialised; signals,
 * audit events and log volumes are streams computed on demand, so even the
 * large scale stays small in memory. `DemoOrg` is what tests may assert
 * against; `OrgModel` adds the streams the endpoints read.
 */
import scaleData from "../data/scales.json" with { type: "json" };
import { type DemoAgentRule, generateAgentRules } from "./agent-rules.js";
import { AuditTrail, type RuleChange } from "./audit.js";
import { applyOrgChange, type ChangeableOrg, type OrgChange } from "./changes.js";
import { type DemoDashboard, generateDashboards } from "./dashboards.js";
import { agentHosts, type DemoHost, generateHosts } from "./hosts.js";
import { type DemoLogArchive, type DemoLogIndex, LOG_ARCHIVES, LOG_INDEXES } from "./log-config.js";
import { type DemoLogSource, LogVolumes } from "./log-sources.js";
import { type DemoNotificationRule, generateNotificationRules } from "./notification-rules.js";
import { type DemoRule, generateRules } from "./rules.js";
import type { OrgShape } from "./shape.js";
import { SignalStream } from "./signals.js";
import { type DemoSuppression, generateSuppressions } from "./suppressions.js";

export type SimulatorScale = "small" | "large";
export const SCALES: readonly SimulatorScale[] = ["small", "large"];

export interface DemoOrg {
  readonly seed: number;
  readonly scale: SimulatorScale;
  /** The org's now: data is generated relative to it, and nothing exists after it. */
  readonly now: Date;
  readonly rules: readonly DemoRule[];
  /** The one rule whose wire form carries an unknown enum value (the client's UnparsedObject). */
  readonly unparsedRuleId: string;
  /** Enabled rules that raise signals at all (many never do). */
  readonly firingRuleIds: readonly string[];
  readonly agentRules: readonly DemoAgentRule[];
  readonly suppressions: readonly DemoSuppression[];
  readonly notificationRules: readonly DemoNotificationRule[];
  readonly dashboards: readonly DemoDashboard[];
  /** Every host the hosts API knows, with or without an agent. */
  readonly hosts: readonly DemoHost[];
  readonly hostnames: readonly string[];
  /** Hosts the CSM agents list reports (those running the Datadog agent). */
  readonly agentHostnames: readonly string[];
  readonly logSources: readonly DemoLogSource[];
  /** Log sources that never sent a log (rules reading them never fire). */
  readonly silentSources: readonly string[];
  readonly logIndexes: readonly DemoLogIndex[];
  readonly logArchives: readonly DemoLogArchive[];
  /** Signals with a timestamp in [from, to); exact and cheap (per-hour counts). */
  countSignals(from: Date, to: Date): number;
  /** Detection-rule changes in Audit Trail with a timestamp in [from, to). */
  countRuleChanges(from: Date, to: Date): number;
  ruleChanges(from: Date, to: Date): Array<RuleChange & { timestamp: number }>;
  /** Logs of one source in [from, to). */
  countLogs(source: string, from: Date, to: Date): number;
}

export interface OrgModel extends DemoOrg {
  readonly signalStream: SignalStream;
  readonly auditTrail: AuditTrail;
  readonly logVolumes: LogVolumes;
}

export function buildOrg(
  seed: number,
  scale: SimulatorScale,
  now: Date,
  changes: readonly OrgChange[] = [],
  shape: OrgShape = {},
): OrgModel {
  const config = scaleData[scale];
  const nowMs = now.getTime();
  const logVolumes = new LogVolumes(seed, nowMs, shape.silentSources);
  const { rules, unparsedRuleId } = generateRules(
    seed,
    config.rulesByType,
    shape.disabledShare ?? config.disabledShare,
    nowMs,
    logVolumes.sources,
  );
  const defaults = scaleData.hostCategories;
  const hosts = generateHosts(seed, config.hosts, nowMs, {
    cwsDisabledShare: shape.cwsDisabledShare ?? defaults.cwsDisabledShare,
    cspmEnabledShare: shape.cspmEnabledShare ?? defaults.cspmEnabledShare,
  });
  const silentSources = logVolumes.sources.filter((s) => s.silent).map((s) => s.name);
  const signalStream = new SignalStream({
    seed,
    nowMs,
    perDay: shape.signalsPerDay ?? config.signalsPerDay,
    firingShare: config.firingShare,
    rules,
    silentSources: new Set(silentSources),
    cwsHostnames: hosts.filter((h) => h.cwsEnabled).map((h) => h.hostname),
  });
  const auditTrail = new AuditTrail({
    seed,
    nowMs,
    ruleChangesPerDay: config.ruleChangesPerDay,
    otherPerDay: config.auditNoisePerDay,
    rules,
  });
  // Changes come after the history (signals, audit) was generated, so it stays as recorded.
  const changed = changes.reduce((org: ChangeableOrg, change) => applyOrgChange(org, change, logVolumes, nowMs), {
    rules,
    agentRules: generateAgentRules(seed, config.agentRuleCopies, nowMs),
    hosts,
    notificationRules: generateNotificationRules(seed, nowMs),
    logIndexes: LOG_INDEXES,
    logArchives: LOG_ARCHIVES,
  });
  return {
    seed,
    scale,
    now: new Date(nowMs),
    rules: changed.rules,
    unparsedRuleId,
    firingRuleIds: signalStream.firingRuleIds(),
    agentRules: changed.agentRules,
    suppressions: generateSuppressions(seed, rules, nowMs),
    notificationRules: changed.notificationRules,
    dashboards: generateDashboards(seed, config.extraDashboards, nowMs),
    hosts: changed.hosts,
    hostnames: changed.hosts.map((h) => h.hostname),
    agentHostnames: agentHosts(changed.hosts).map((h) => h.hostname),
    logSources: logVolumes.sources,
    silentSources,
    logIndexes: changed.logIndexes,
    logArchives: changed.logArchives,
    countSignals: (from, to) => signalStream.count(from.getTime(), to.getTime()),
    countRuleChanges: (from, to) => auditTrail.ruleChanges(from.getTime(), to.getTime()).length,
    ruleChanges: (from, to) => auditTrail.ruleChanges(from.getTime(), to.getTime()),
    countLogs: (source, from, to) => logVolumes.count(source, from.getTime(), to.getTime()),
    signalStream,
    auditTrail,
    logVolumes,
  };
}
