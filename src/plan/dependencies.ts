/**
 * Which evidence feeds which results, so `plan` re-evaluates only what an
 * edit can move. Each check kind declares the snapshot parts it reads; an
 * entry reading none of the parts an edit changes keeps its result. Rule
 * edits are narrowed further: a selector-based check moves only when its
 * selector matches the rule or a correlation rule that chains it. ATT&CK
 * techniques depend on the rules tagged with them (and the correlation
 * rules chaining those) and on the sources their log sources map to.
 *
 * What a selector matches, what a rule chains and which sources a rule
 * reads never change under an edit (edits change only `enabled`), so the
 * index is built once, from the snapshot the plan starts from.
 */
import { ruleSources } from "../assess/rule-sources.js";
import { techniquesCountedFor } from "../assess/rule-techniques.js";
import { isWorkloadProtection, populationOf, type SecurityRule } from "../assess/security-rules.js";
import { type RuleSelector, ruleMatches } from "../assess/selectors.js";
import type { SourceMap } from "../assess/source-map.js";
import type { AttackTechnique } from "../catalogs/attack/schema.js";
import { sourceMatches } from "../query/index.js";
import type { CollectorId, Snapshot } from "../snapshot/schema.js";
import type { Edit } from "./edits.js";

/** What an edit may move: entry keys and technique ids. */
export interface Reach {
  entries: Set<string>;
  techniques: Set<string>;
}

/**
 * Check kinds that read the measured notification routing in the signals
 * part. Every other reader of signals reads what the period recorded, which
 * no edit changes.
 */
const ROUTING_READERS: readonly string[] = ["notification_routing"];

export interface EntryDeps {
  key: string;
  kind: string;
  reads: readonly CollectorId[];
  /** Set for checks whose rule-dependence is only through the rules this selector matches. */
  selector: RuleSelector | null;
  params: unknown;
}

/**
 * Check kinds whose dependence on a log source is narrower than "reads the
 * log_sources part": true when a change to that one source can move the
 * entry. Kinds not listed move with any change to a part they read.
 */
const SOURCE_NARROWING: Readonly<
  Record<string, (entry: EntryDeps, source: string, readers: readonly SecurityRule[]) => boolean>
> = {
  // Judges the rules its selector matches; a source reaches it through the rules that read it.
  rule_effectiveness: (entry, _source, readers) => readers.some((rule) => ruleMatches(rule, entry.selector!)),
  // Reads sources only to list the ingesting ones its patterns match.
  detection_rules: (entry, source) =>
    ((entry.params as { per_ingesting_source?: string[] }).per_ingesting_source ?? []).some((pattern) =>
      sourceMatches(pattern, source),
    ),
  // Measures the sources its patterns match.
  log_source: (entry, source) =>
    (entry.params as { sources: string[] }).sources.some((pattern) => sourceMatches(pattern, source)),
};

/** Check kinds whose dependence on hosts is narrower: through Workload Protection rules only. */
const HOST_NARROWING: Readonly<Record<string, (entry: EntryDeps, workload: readonly SecurityRule[]) => boolean>> = {
  rule_effectiveness: (entry, workload) => workload.some((rule) => ruleMatches(rule, entry.selector!)),
};

export class DependencyIndex {
  private readonly rulesById: Map<string, SecurityRule>;
  private readonly chainers = new Map<string, SecurityRule[]>();
  private readonly patterns = new Map<string, string[]>();
  private readonly techniquesByName = new Map<string, Set<string>>();
  private readonly reachCache = new Map<string, Reach>();

  constructor(
    snapshot: Snapshot,
    private readonly entries: readonly EntryDeps[],
    techniques: readonly AttackTechnique[],
    private readonly sourceMap: SourceMap,
  ) {
    const population = populationOf(snapshot);
    this.rulesById = new Map(population.map((rule) => [rule.id, rule]));
    const byDefaultId = new Map<string, SecurityRule[]>();
    for (const rule of population) {
      if (rule.default_rule_id !== null)
        byDefaultId.set(rule.default_rule_id, [...(byDefaultId.get(rule.default_rule_id) ?? []), rule]);
      const sources = ruleSources(rule);
      this.patterns.set(rule.id, sources.kind === "unknown" ? [] : sources.sources);
    }
    for (const rule of population) {
      for (const query of rule.queries) {
        const chained = [
          ...(query.chained_rule_id === null ? [] : [this.rulesById.get(query.chained_rule_id)]),
          ...(query.chained_default_rule_id === null ? [] : (byDefaultId.get(query.chained_default_rule_id) ?? [])),
        ];
        for (const target of chained) {
          if (target !== undefined) this.chainers.set(target.id, [...(this.chainers.get(target.id) ?? []), rule]);
        }
      }
    }
    const subNames = new Map<string, string[]>();
    for (const technique of techniques) {
      if (technique.parent !== null)
        subNames.set(technique.parent, [...(subNames.get(technique.parent) ?? []), ...technique.log_sources]);
    }
    for (const technique of techniques) {
      for (const name of [...technique.log_sources, ...(subNames.get(technique.id) ?? [])]) {
        const key = name.toLowerCase();
        this.techniquesByName.set(key, (this.techniquesByName.get(key) ?? new Set()).add(technique.id));
      }
    }
  }

  /** Whether some correlation rule chains the rule. */
  isChained(id: string): boolean {
    return (this.chainers.get(id) ?? []).length > 0;
  }

  /** The rules and every correlation rule that chains them, directly or through others. */
  private withChainers(rules: readonly SecurityRule[]): SecurityRule[] {
    const seen = new Map(rules.map((rule) => [rule.id, rule]));
    const queue = [...rules];
    while (queue.length > 0) {
      for (const chainer of this.chainers.get(queue.pop()!.id) ?? []) {
        if (!seen.has(chainer.id)) {
          seen.set(chainer.id, chainer);
          queue.push(chainer);
        }
      }
    }
    return [...seen.values()];
  }

  private techniquesOfRules(rules: readonly SecurityRule[]): Set<string> {
    return new Set(rules.flatMap((rule) => techniquesCountedFor(rule.tags)));
  }

  private techniquesSeeing(attackNames: readonly string[]): string[] {
    return attackNames.flatMap((name) => [...(this.techniquesByName.get(name.toLowerCase()) ?? [])]);
  }

  /**
   * Entries reading any of the parts. For a rule edit (`rules` given), a
   * selector-based check moves only when its selector matches one of them:
   * what a selector matches does not depend on whether a rule is enabled.
   */
  private entriesReading(parts: readonly CollectorId[], rules: readonly SecurityRule[] | null): Set<string> {
    const keys = new Set<string>();
    for (const entry of this.entries) {
      if (!entry.reads.some((part) => parts.includes(part))) continue;
      if (rules !== null && entry.selector !== null && !rules.some((rule) => ruleMatches(rule, entry.selector!)))
        continue;
      keys.add(entry.key);
    }
    return keys;
  }

  /** Everything the edit may move, whatever other edits were made before it. */
  reach(edit: Edit): Reach {
    const key = JSON.stringify(edit);
    let reach = this.reachCache.get(key);
    if (reach === undefined) {
      reach = this.computeReach(edit);
      this.reachCache.set(key, reach);
    }
    return reach;
  }

  private computeReach(edit: Edit): Reach {
    switch (edit.kind) {
      case "enable-rule":
      case "disable-rule": {
        const rule = this.rulesById.get(edit.rule);
        const rules = rule === undefined ? [] : this.withChainers([rule]);
        const part: CollectorId = rule?.origin === "agent_rule" ? "agent_rules" : "rules";
        return { entries: this.entriesReading([part], rules), techniques: this.techniquesOfRules(rules) };
      }
      case "drop-source":
      case "restore-source": {
        const source = edit.source.toLowerCase();
        const readers = [...this.rulesById.values()].filter((rule) =>
          (this.patterns.get(rule.id) ?? []).some((pattern) => sourceMatches(pattern, source)),
        );
        const names = this.sourceMap
          .filter((row) => row.datadog.some((pattern) => sourceMatches(pattern, source)))
          .flatMap((row) => row.attack);
        const closure = this.withChainers(readers);
        const entries = this.entries.filter(
          (entry) =>
            entry.reads.includes("log_sources") && (SOURCE_NARROWING[entry.kind]?.(entry, source, closure) ?? true),
        );
        return {
          entries: new Set(entries.map((entry) => entry.key)),
          techniques: new Set([...this.techniquesOfRules(closure), ...this.techniquesSeeing(names)]),
        };
      }
      case "protect-hosts":
      case "unprotect-hosts": {
        const workload = [...this.rulesById.values()].filter(isWorkloadProtection);
        const names = this.sourceMap.filter((row) => row.workload_protection).flatMap((row) => row.attack);
        const closure = this.withChainers(workload);
        const entries = this.entries.filter(
          (entry) => entry.reads.includes("agents") && (HOST_NARROWING[entry.kind]?.(entry, closure) ?? true),
        );
        return {
          entries: new Set(entries.map((entry) => entry.key)),
          techniques: new Set([...this.techniquesOfRules(closure), ...this.techniquesSeeing(names)]),
        };
      }
      case "route": {
        // A route changes the signals part only in its measured routing, which only routing checks read.
        const readers = this.entries.filter(
          (entry) =>
            entry.reads.includes("notification_rules") ||
            (entry.reads.includes("signals") && ROUTING_READERS.includes(entry.kind)),
        );
        return { entries: new Set(readers.map((entry) => entry.key)), techniques: new Set() };
      }
      case "set-retention":
        return { entries: this.entriesReading(["log_indexes"], null), techniques: new Set() };
      case "add-archive":
        return { entries: this.entriesReading(["log_archives"], null), techniques: new Set() };
    }
  }
}
