/**
 * Changes made to the demo organisation at the source, after its history
 * was generated: a rule enabled or disabled, a log source silenced or
 * restored, hosts protected, a severity routed, an index's retention set,
 * an archive added. Signals and audit events were generated from the org as
 * it was, so they stay exactly as they were recorded: only what the change
 * names is different when the org is collected. Tests use this to check
 * `ddproof whatif` against a real collection of the changed org.
 */
import hostData from "../data/hosts.json" with { type: "json" };
import type { DemoAgentRule } from "./agent-rules.js";
import type { DemoHost } from "./hosts.js";
import type { DemoLogArchive, DemoLogIndex } from "./log-config.js";
import type { LogVolumes } from "./log-sources.js";
import type { DemoNotificationRule } from "./notification-rules.js";
import type { DemoRule } from "./rules.js";

export type OrgChange =
  /** A detection rule or agent rule by id. */
  | { kind: "rule-enabled"; id: string; enabled: boolean }
  /** `steady`: data every day from now on; `silent`: never a log. */
  | { kind: "source-pattern"; source: string; pattern: "steady" | "silent" }
  /** Hosts whose name matches (`*` wildcards): agent reporting with Workload Protection, or no agent at all. */
  | { kind: "hosts-protected"; glob: string; protected: boolean }
  /** An unscoped notification rule for the severity, with a target. */
  | { kind: "severity-routed"; severity: string }
  | { kind: "index-retention"; index: string; days: number }
  /** A working archive of every log. */
  | { kind: "archive-added" };

/** The parts of the org a change may replace. */
export interface ChangeableOrg {
  rules: readonly DemoRule[];
  agentRules: readonly DemoAgentRule[];
  hosts: readonly DemoHost[];
  notificationRules: readonly DemoNotificationRule[];
  logIndexes: readonly DemoLogIndex[];
  logArchives: readonly DemoLogArchive[];
}

function globMatches(glob: string, text: string): boolean {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`, "i").test(text);
}

function protect(host: DemoHost, on: boolean, nowMs: number): DemoHost {
  if (!on)
    return {
      ...host,
      agentVersion: null,
      cwsEnabled: false,
      cspmEnabled: false,
      stale: true,
      lastReportedAt: nowMs - 3 * 86_400_000,
    };
  return {
    ...host,
    agentVersion: host.agentVersion ?? hostData.agentVersions.current.at(-1)!,
    cwsEnabled: true,
    lastReportedAt: nowMs - 60_000,
    stale: false,
  };
}

export function applyOrgChange(
  org: ChangeableOrg,
  change: OrgChange,
  logVolumes: LogVolumes,
  nowMs: number,
): ChangeableOrg {
  switch (change.kind) {
    case "rule-enabled":
      return {
        ...org,
        rules: org.rules.map((rule) => (rule.id === change.id ? { ...rule, enabled: change.enabled } : rule)),
        agentRules: org.agentRules.map((rule) => (rule.id === change.id ? { ...rule, enabled: change.enabled } : rule)),
      };
    case "source-pattern":
      logVolumes.setPattern(change.source, change.pattern);
      return org;
    case "hosts-protected":
      return {
        ...org,
        hosts: org.hosts.map((host) =>
          globMatches(change.glob, host.hostname) ? protect(host, change.protected, nowMs) : host,
        ),
      };
    case "severity-routed":
      return {
        ...org,
        notificationRules: [
          ...org.notificationRules,
          {
            id: `rou-${change.severity}-000`,
            name: `Route ${change.severity} signals`,
            enabled: true,
            severities: [change.severity],
            ruleTypes: [],
            query: "",
            targets: ["@security-oncall"],
            timeAggregationSeconds: 0,
            createdAt: nowMs - 86_400_000,
            modifiedAt: nowMs - 86_400_000,
            authorIndex: 0,
            version: 1,
          },
        ],
      };
    case "index-retention":
      return {
        ...org,
        logIndexes: org.logIndexes.map((index) =>
          index.name === change.index ? { ...index, retentionDays: change.days } : index,
        ),
      };
    case "archive-added":
      return {
        ...org,
        logArchives: [
          ...org.logArchives,
          {
            id: "Ar9Ch8Iv7Ea6Dd5Ed4Ne3W",
            name: "all-logs-s3",
            query: "*",
            state: "WORKING",
            destination: {
              type: "s3",
              bucket: "acme-all-logs-archive",
              path: "/dd",
              integration: { account_id: "123456789012", role_name: "DatadogLogArchiveRole" },
            },
            rehydrationTags: [],
          },
        ],
      };
  }
}
