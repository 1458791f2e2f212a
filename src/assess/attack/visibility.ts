/**
 * Which ATT&CK log sources the organisation can see: the ingesting Datadog
 * sources, joined through mappings/attack-log-sources.yaml. A technique is
 * visible when one of its log sources (for a technique, its own and its
 * sub-techniques') is seen. Names compare case-insensitively.
 */
import type { SourceMap } from "../source-map.js";
import { rowsForSource } from "../source-map.js";

/** Lower-case ATT&CK log-source name → the Datadog sources that provide it. */
export type VisibilityIndex = Map<string, Set<string>>;

export function buildVisibilityIndex(
  map: SourceMap,
  ingesting: ReadonlySet<string>,
  workloadProtectionOn: boolean,
): VisibilityIndex {
  const index: VisibilityIndex = new Map();
  const add = (attackName: string, source: string) => {
    const key = attackName.toLowerCase();
    index.set(key, (index.get(key) ?? new Set()).add(source));
  };
  for (const source of ingesting) {
    for (const row of rowsForSource(map, source)) row.attack.forEach((name) => add(name, source));
  }
  if (workloadProtectionOn) {
    for (const row of map.filter((candidate) => candidate.workload_protection)) {
      row.attack.forEach((name) => add(name, row.datadog[0]!));
    }
  }
  return index;
}

export function visibilityOf(
  logSources: readonly string[],
  index: VisibilityIndex,
): { sources: string[]; log_sources: string[] } {
  const sources = new Set<string>();
  const seen: string[] = [];
  for (const name of new Set(logSources)) {
    const providers = index.get(name.toLowerCase());
    if (providers === undefined) continue;
    seen.push(name);
    providers.forEach((source) => sources.add(source));
  }
  return { sources: [...sources].sort(), log_sources: seen.sort() };
}
