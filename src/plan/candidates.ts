/**
 * The actions `plan` considers, read from the evidence: disabled rules that
 * enabling would make effective, log sources rules depend on that are
 * silent or thin, hosts that fall short of protection (by name family, and
 * all of them), severities no unscoped notification rule routes, indexes
 * kept for less than a mapping asks, and a missing working archive. Each is
 * an edit `whatif` understands; what it achieves is left to the engine.
 */
import { EffectivenessPolicy, gatherEffectivenessEvidence, judgeRule } from "../assess/effectiveness.js";
import type { MappingSet } from "../assess/mapping-schema.js";
import { ruleSources } from "../assess/rule-sources.js";
import { populationOf } from "../assess/security-rules.js";
import { matchesAnyWildcard } from "../query/glob.js";
import { sourceMatches } from "../query/index.js";
import { Severity, type Snapshot } from "../snapshot/schema.js";
import type { Edit } from "./edits.js";

/** What log_retention mappings ask, read from the mappings in use. */
interface RetentionAsk {
  indexes: string[];
  min_searchable_days: number;
  min_retention_days: number;
  working_archive_states: string[];
}

function retentionAsks(mappings: MappingSet, frameworks: readonly string[]): RetentionAsk[] {
  return frameworks.flatMap((framework) =>
    Object.values(mappings[framework] ?? {}).flatMap((entries) =>
      entries.filter((entry) => entry.kind === "log_retention").map((entry) => entry.params as RetentionAsk),
    ),
  );
}

function ruleCandidates(snapshot: Snapshot): Edit[] {
  const policy = EffectivenessPolicy.parse({});
  const evidence = gatherEffectivenessEvidence(snapshot, policy);
  return populationOf(snapshot)
    .filter((rule) => !rule.enabled && judgeRule({ ...rule, enabled: true }, evidence, policy).effective)
    .map((rule) => ({ kind: "enable-rule", rule: rule.id }));
}

function sourceCandidates(snapshot: Snapshot): Edit[] {
  const volumes = snapshot.collectors.log_sources;
  if (volumes.status !== "ok") return [];
  const fullDays = volumes.data.period_days;
  const enabledPatterns = populationOf(snapshot)
    .filter((rule) => rule.enabled && !rule.is_deprecated)
    .flatMap((rule) => {
      const sources = ruleSources(rule);
      return sources.kind === "unknown" ? [] : sources.sources;
    });
  const needed = new Set<string>();
  for (const volume of volumes.data.sources) {
    const thin = volume.days.filter((day) => day.count > 0).length < fullDays;
    if (thin && enabledPatterns.some((pattern) => sourceMatches(pattern, volume.source))) needed.add(volume.source);
  }
  // Sources rules name that sent nothing at all are absent from the volumes.
  const seen = new Set(volumes.data.sources.map((volume) => volume.source.toLowerCase()));
  for (const pattern of enabledPatterns) if (!pattern.includes("*") && !seen.has(pattern)) needed.add(pattern);
  return [...needed].map((source) => ({ kind: "restore-source", source }));
}

/** `web-prod-0012` → `web-prod-*`: the leading name parts without digits, the family a fleet is named by. */
export function hostFamily(hostname: string): string | null {
  const parts = hostname.split(/([.-])/);
  let prefix = "";
  for (let i = 0; i < parts.length; i += 2) {
    if (/\d/.test(parts[i]!) || parts[i] === "") break;
    prefix += parts[i]! + (parts[i + 1] ?? "");
  }
  return prefix === "" || prefix === hostname ? null : `${prefix.replace(/[.-]$/, "")}*`;
}

function hostCandidates(snapshot: Snapshot): Edit[] {
  const agents = snapshot.collectors.agents;
  if (agents.status !== "ok") return [];
  const short = agents.data.hosts.filter(
    (host) => !host.has_security_agent || !host.cws_enabled || host.last_reported_at === null,
  );
  if (short.length === 0) return [];
  const families = new Set(short.map((host) => hostFamily(host.hostname)).filter((glob) => glob !== null));
  return ["*", ...[...families].sort()].map((glob) => ({ kind: "protect-hosts", glob }));
}

function routeCandidates(snapshot: Snapshot): Edit[] {
  const rules = snapshot.collectors.notification_rules;
  if (rules.status !== "ok") return [];
  const routedEverywhere = (severity: string) =>
    rules.data.notification_rules.some(
      (rule) =>
        rule.enabled &&
        rule.targets.length > 0 &&
        (rule.query.trim() === "" || rule.query.trim() === "*") &&
        rule.rule_types.length === 0 &&
        rule.severities.some((have) => have.toLowerCase() === severity),
    );
  return Severity.options
    .filter((severity) => !routedEverywhere(severity))
    .map((severity) => ({ kind: "route", severity }));
}

function retentionCandidates(snapshot: Snapshot, asks: readonly RetentionAsk[]): Edit[] {
  const indexes = snapshot.collectors.log_indexes;
  const archives = snapshot.collectors.log_archives;
  if (indexes.status !== "ok" || archives.status !== "ok") return [];
  const edits = new Map<string, Edit>();
  let archiveMissing = false;
  for (const ask of asks) {
    const working = archives.data.archives.some((archive) =>
      ask.working_archive_states.some((state) => state.toLowerCase() === archive.state.toLowerCase()),
    );
    if (!working) archiveMissing = true;
    for (const index of indexes.data.indexes.filter((candidate) => matchesAnyWildcard(ask.indexes, candidate.name))) {
      const searchable = Math.max(index.retention_days ?? 0, index.flex_retention_days ?? 0);
      for (const days of [ask.min_searchable_days, ask.min_retention_days]) {
        if (searchable < days) edits.set(`${index.name}=${days}`, { kind: "set-retention", index: index.name, days });
      }
    }
  }
  return [...edits.values(), ...(archiveMissing ? [{ kind: "add-archive" } as const] : [])];
}

export function candidateEdits(snapshot: Snapshot, mappings: MappingSet, frameworks: readonly string[]): Edit[] {
  const rulesRead = snapshot.collectors.rules.status === "ok" || snapshot.collectors.agent_rules.status === "ok";
  return [
    ...(rulesRead ? ruleCandidates(snapshot) : []),
    ...(rulesRead ? sourceCandidates(snapshot) : []),
    ...hostCandidates(snapshot),
    ...routeCandidates(snapshot),
    ...retentionCandidates(snapshot, retentionAsks(mappings, frameworks)),
  ];
}
