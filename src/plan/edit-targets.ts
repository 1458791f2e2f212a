/**
 * Whether what an edit names exists in the snapshot: a rule by id, a log
 * source that ingested in the period or that some rule's query or `source:`
 * tag names, a host glob that matches a host, an index by name. An edit on
 * a part whose collector failed is refused too: there is nothing to change.
 */

import { ruleSources } from "../assess/rule-sources.js";
import { populationOf } from "../assess/security-rules.js";
import { InputError } from "../errors.js";
import { wildcardMatches } from "../query/glob.js";
import { sourceMatches } from "../query/index.js";
import type { CollectorId, Snapshot } from "../snapshot/schema.js";
import { type Edit, editString } from "./edits.js";

/** Host globs compare case-insensitively, `*` standing for anything. */
export function hostMatches(glob: string, hostname: string): boolean {
  return wildcardMatches(glob, hostname);
}

/** Lower-case sources the rules' queries and tags name (patterns, possibly with `*`). */
export function sourcesNamedByRules(snapshot: Snapshot): string[] {
  const named = new Set<string>();
  for (const rule of populationOf(snapshot)) {
    const sources = ruleSources(rule);
    if (sources.kind !== "unknown") sources.sources.forEach((source) => named.add(source));
  }
  return [...named].sort();
}

export function sourceExists(snapshot: Snapshot, source: string): boolean {
  const volumes = snapshot.collectors.log_sources;
  const wanted = source.toLowerCase();
  if (volumes.status === "ok" && volumes.data.sources.some((v) => v.source.toLowerCase() === wanted && v.total > 0))
    return true;
  return sourcesNamedByRules(snapshot).some((pattern) => sourceMatches(pattern, wanted));
}

/** The part an edit changes; it must have been collected. */
function partOf(edit: Edit, snapshot: Snapshot): CollectorId {
  switch (edit.kind) {
    case "enable-rule":
    case "disable-rule": {
      const agentRules = snapshot.collectors.agent_rules;
      const isAgentRule =
        agentRules.status === "ok" && agentRules.data.agent_rules.some((rule) => rule.id === edit.rule);
      return isAgentRule ? "agent_rules" : "rules";
    }
    case "drop-source":
    case "restore-source":
      return "log_sources";
    case "protect-hosts":
    case "unprotect-hosts":
      return "agents";
    case "route":
      return "notification_rules";
    case "set-retention":
      return "log_indexes";
    case "add-archive":
      return "log_archives";
  }
}

/** Why the edit cannot apply to this snapshot, or null when it can. */
export function editProblem(snapshot: Snapshot, edit: Edit): string | null {
  const part = partOf(edit, snapshot);
  if (snapshot.collectors[part].status !== "ok")
    return `the snapshot has no ${part} evidence (its collector failed), so there is nothing to change`;
  switch (edit.kind) {
    case "enable-rule":
    case "disable-rule":
      return populationOf(snapshot).some((rule) => rule.id === edit.rule)
        ? null
        : `no detection or agent rule has the id "${edit.rule}"`;
    case "drop-source":
    case "restore-source":
      return sourceExists(snapshot, edit.source)
        ? null
        : `no log source "${edit.source}" ingested in the period, and no rule's query or source: tag names it`;
    case "protect-hosts":
    case "unprotect-hosts": {
      const agents = snapshot.collectors.agents;
      const matched = agents.status === "ok" && agents.data.hosts.some((host) => hostMatches(edit.glob, host.hostname));
      return matched ? null : `no host name matches "${edit.glob}"`;
    }
    case "set-retention": {
      const indexes = snapshot.collectors.log_indexes;
      const names = indexes.status === "ok" ? indexes.data.indexes.map((index) => index.name) : [];
      return names.includes(edit.index)
        ? null
        : `no log index is named "${edit.index}" (indexes: ${names.join(", ") || "none"})`;
    }
    case "route":
    case "add-archive":
      return null;
  }
}

/** Refuses (exit 2) the first edit that names something the snapshot does not hold. */
export function checkEdits(snapshot: Snapshot, edits: readonly Edit[], file: string): void {
  for (const edit of edits) {
    const problem = editProblem(snapshot, edit);
    if (problem !== null) throw new InputError(`${editString(edit)}: ${problem} in ${file}`);
  }
}
