/**
 * One sentence per action, from the evidence: what the edit changes and why
 * it helps. A rule with no signal in the period is never said to have fired
 * or to fire: enabling it can make it effective, and only time can show
 * whether it fires.
 */
import { populationOf } from "../assess/security-rules.js";
import type { Snapshot } from "../snapshot/schema.js";
import { hostMatches } from "./edit-targets.js";
import type { Edit } from "./edits.js";

function ruleSummary(snapshot: Snapshot, id: string, enable: boolean): string {
  const rule = populationOf(snapshot).find((candidate) => candidate.id === id);
  const name = rule === undefined ? id : `"${rule.name}" (${rule.type})`;
  if (!enable) return `Disable rule ${name}`;
  const signals = snapshot.collectors.signals;
  const stats = signals.status === "ok" ? signals.data.by_rule.find((entry) => entry.rule_id === id) : undefined;
  const history =
    stats !== undefined && stats.count > 0
      ? `it raised ${stats.count} signals in the period before it was disabled`
      : "it raised no signal in the period, so whether it fires once enabled is for time to show";
  return `Enable rule ${name}, which can see data: ${history}`;
}

function sourceSummary(snapshot: Snapshot, source: string, restore: boolean): string {
  if (!restore) return `Stop log source ${source}`;
  const volumes = snapshot.collectors.log_sources;
  if (volumes.status !== "ok") return `Restore log source ${source} on every day of the period`;
  const volume = volumes.data.sources.find((candidate) => candidate.source.toLowerCase() === source.toLowerCase());
  const days = volume?.days.filter((day) => day.count > 0).length ?? 0;
  return `Restore log source ${source} on every day of the period (it had data on ${days} of ${volumes.data.period_days} days)`;
}

function hostSummary(snapshot: Snapshot, glob: string, protect: boolean): string {
  const agents = snapshot.collectors.agents;
  const hosts = agents.status === "ok" ? agents.data.hosts.filter((host) => hostMatches(glob, host.hostname)) : [];
  if (!protect) return `Unprotect the ${hosts.length} hosts matching ${glob}`;
  const short = hosts.filter((host) => !host.has_security_agent || !host.cws_enabled).length;
  return `Protect the ${hosts.length} hosts matching ${glob}: reporting, security agent and Workload Protection on (${short} lack the agent or Workload Protection today)`;
}

function routeSummary(snapshot: Snapshot, severity: string): string {
  const signals = snapshot.collectors.signals;
  const routing = signals.status === "ok" ? signals.data.routing?.by_severity[severity] : undefined;
  const figures =
    routing === undefined
      ? `no ${severity} signal was measured in the period`
      : `${routing.routed} of ${routing.total} ${severity} signals were routed in the period`;
  return `Route every ${severity} signal to a destination with an unscoped notification rule (${figures})`;
}

export function actionSummary(snapshot: Snapshot, edit: Edit): string {
  switch (edit.kind) {
    case "enable-rule":
    case "disable-rule":
      return ruleSummary(snapshot, edit.rule, edit.kind === "enable-rule");
    case "drop-source":
    case "restore-source":
      return sourceSummary(snapshot, edit.source, edit.kind === "restore-source");
    case "protect-hosts":
    case "unprotect-hosts":
      return hostSummary(snapshot, edit.glob, edit.kind === "protect-hosts");
    case "route":
      return routeSummary(snapshot, edit.severity);
    case "set-retention": {
      const indexes = snapshot.collectors.log_indexes;
      const index = indexes.status === "ok" ? indexes.data.indexes.find((i) => i.name === edit.index) : undefined;
      const now = Math.max(index?.retention_days ?? 0, index?.flex_retention_days ?? 0);
      return `Keep logs in index ${edit.index} searchable for ${edit.days} days (${now} today)`;
    }
    case "add-archive":
      return "Add a working log archive, so logs are kept past the indexes' retention";
  }
}
