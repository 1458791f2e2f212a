/**
 * Which Datadog log sources a rule depends on. The sources named in the
 * rule's log queries come first; a rule whose queries name none falls back
 * to its `source:` tag, which names the integration rather than the log
 * source (a rule tagged `source:kubernetes` reads `source:kubernetes.audit`),
 * so the tag stands for the source itself and everything under it. A rule
 * with neither has an unknown source: it never crashes the assessment, but
 * nothing can show it effective either.
 */
import { sourcesOfQuery } from "../query/index.js";
import type { SecurityRule } from "./security-rules.js";

export type RuleSources =
  | { kind: "query" | "tag" /** Lower-case source patterns, possibly with `*`. */; sources: string[] }
  | { kind: "unknown"; reason: string };

/** Queries over these data sources read logs; others (audit trail, spans, signals) do not. */
function readsLogs(dataSource: string | null): boolean {
  return dataSource === null || dataSource.toLowerCase() === "logs";
}

function sourceTags(tags: readonly string[]): string[] {
  const values = new Set<string>();
  for (const tag of tags) {
    const match = /^source:(.+)$/i.exec(tag.trim());
    if (match) values.add(match[1]!.trim().toLowerCase());
  }
  return [...values].sort();
}

/**
 * Rules are never changed once built, and parsing their queries is the
 * costliest step of an assessment: each rule's answer is kept while the rule is.
 */
const known = new WeakMap<SecurityRule, RuleSources>();

export function ruleSources(rule: SecurityRule): RuleSources {
  let sources = known.get(rule);
  if (sources === undefined) {
    sources = sourcesOfRule(rule);
    known.set(rule, sources);
  }
  return sources;
}

function sourcesOfRule(rule: SecurityRule): RuleSources {
  const fromQueries = new Set<string>();
  const unparsable: string[] = [];
  for (const query of rule.queries) {
    if (!readsLogs(query.data_source)) continue;
    const parsed = sourcesOfQuery(query.query);
    if (parsed.kind === "sources") parsed.sources.forEach((source) => fromQueries.add(source.toLowerCase()));
    else if (parsed.kind === "unparsable") unparsable.push(parsed.reason);
  }
  if (fromQueries.size > 0) return { kind: "query", sources: [...fromQueries].sort() };

  const tagged = sourceTags(rule.tags);
  if (tagged.length > 0) return { kind: "tag", sources: tagged.flatMap((tag) => [tag, `${tag}.*`]) };

  const reason =
    unparsable.length > 0
      ? `its query could not be read (${unparsable[0]}) and it has no source: tag`
      : "its queries name no source: and it has no source: tag";
  return { kind: "unknown", reason };
}
