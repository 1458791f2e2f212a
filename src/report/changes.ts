/**
 * What changed since an earlier run: gaps opened, closed or with a new
 * reason; rules added, removed, enabled or disabled; log sources that went
 * silent or came back; coverage counts before and after. A pure function of
 * the two runs.
 *
 * Rules are compared per collector part (detection rules, and Workload
 * Protection agent rules, which ATT&CK scoring counts too). When a part
 * failed in either snapshot its lists cannot be trusted, so nothing is
 * listed for it and `notes` says why; the same goes for log sources.
 */
import { IngestionPolicy, ingestingSources } from "../assess/ingestion.js";
import { formatMessage } from "../assess/message-format.js";
import type { Assessment, ReasonCode } from "../assess/schema.js";
import { fromAgentRule, fromDetectionRule, type SecurityRule } from "../assess/security-rules.js";
import type { CollectorId, Snapshot } from "../snapshot/schema.js";
import type { PreviousRun } from "./contract.js";
import { type Gap, gapKey, gapsOf } from "./gaps.js";
import { compareText } from "./id-order.js";

export interface RuleRef {
  id: string;
  name: string;
  type: string;
}

export interface Changes {
  previous: { label: string; collected_at: string; period: string };
  new_gaps: Gap[];
  closed_gaps: Gap[];
  /** Gaps open in both runs whose reason changed; they are neither new nor closed. */
  changed_gaps: Array<{ key: string; before: ReasonCode; after: ReasonCode; gap: Gap }>;
  rules_added: RuleRef[];
  rules_removed: RuleRef[];
  rules_enabled: RuleRef[];
  rules_disabled: RuleRef[];
  /** Sources that were ingesting in the previous snapshot and are not now (lower case). */
  sources_silent: string[];
  /** Sources ingesting now that were not before. */
  sources_back: string[];
  coverage: {
    attack_covered_before: number;
    attack_covered_after: number;
    controls_passing_before: Record<string, number>;
    controls_passing_after: Record<string, number>;
  };
  /** Why some lists are empty: a collector failed in one of the snapshots, or ATT&CK was not assessed. */
  notes: string[];
}

export interface CurrentRun {
  snapshot: Snapshot;
  assessment: Assessment;
}

const NOTES = {
  partFailed: "{{what}} are not compared: the {{part}} collector failed in the {{runs}} snapshot",
  attackMissing: "ATT&CK was not assessed in the {{runs}} run; its covered count is 0 there",
} as const;

interface RulePart {
  part: CollectorId;
  what: string;
  /** The part's rules, or null when its collector failed. */
  read(snapshot: Snapshot): SecurityRule[] | null;
}

const RULE_PARTS: readonly RulePart[] = [
  {
    part: "rules",
    what: "Detection rules",
    read: (snapshot) =>
      snapshot.collectors.rules.status === "ok" ? snapshot.collectors.rules.data.rules.map(fromDetectionRule) : null,
  },
  {
    part: "agent_rules",
    what: "Workload Protection agent rules",
    read: (snapshot) =>
      snapshot.collectors.agent_rules.status === "ok"
        ? snapshot.collectors.agent_rules.data.agent_rules.map(fromAgentRule)
        : null,
  },
];

/** "current", "previous", "current and previous", or null when the part is fine in both. */
function failedIn(part: CollectorId, current: Snapshot, previous: Snapshot): string | null {
  const runs = [
    current.collectors[part].status === "error" ? "current" : null,
    previous.collectors[part].status === "error" ? "previous" : null,
  ].filter((run) => run !== null);
  return runs.length === 0 ? null : runs.join(" and ");
}

function ruleRef(rule: SecurityRule): RuleRef {
  return { id: rule.id, name: rule.name, type: rule.type };
}

function byName(a: RuleRef, b: RuleRef): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

type RuleLists = Pick<Changes, "rules_added" | "rules_removed" | "rules_enabled" | "rules_disabled">;

function compareRules(now: readonly SecurityRule[], before: readonly SecurityRule[], into: RuleLists): void {
  const earlier = new Map(before.map((rule) => [rule.id, rule]));
  const current = new Set(now.map((rule) => rule.id));
  for (const rule of now) {
    const was = earlier.get(rule.id);
    if (was === undefined) into.rules_added.push(ruleRef(rule));
    else if (rule.enabled && !was.enabled) into.rules_enabled.push(ruleRef(rule));
    else if (!rule.enabled && was.enabled) into.rules_disabled.push(ruleRef(rule));
  }
  for (const rule of before) if (!current.has(rule.id)) into.rules_removed.push(ruleRef(rule));
}

function ruleChanges(current: Snapshot, previous: Snapshot, notes: string[]): RuleLists {
  const lists: RuleLists = { rules_added: [], rules_removed: [], rules_enabled: [], rules_disabled: [] };
  for (const { part, what, read } of RULE_PARTS) {
    const now = read(current);
    const before = read(previous);
    if (now === null || before === null) {
      notes.push(formatMessage(NOTES.partFailed, { what, part, runs: failedIn(part, current, previous) ?? "" }));
      continue;
    }
    compareRules(now, before, lists);
  }
  for (const list of Object.values(lists)) list.sort(byName);
  return lists;
}

/** Ingesting sources by the assessment's own definition (ingestion.ts), or null when log sources failed. */
function ingesting(snapshot: Snapshot): Set<string> | null {
  const part = snapshot.collectors.log_sources;
  return part.status === "ok" ? ingestingSources(part.data.sources, snapshot.period, IngestionPolicy.parse({})) : null;
}

function sourceChanges(
  current: Snapshot,
  previous: Snapshot,
  notes: string[],
): Pick<Changes, "sources_silent" | "sources_back"> {
  const now = ingesting(current);
  const before = ingesting(previous);
  if (now === null || before === null) {
    notes.push(
      formatMessage(NOTES.partFailed, {
        what: "Log sources",
        part: "log_sources",
        runs: failedIn("log_sources", current, previous) ?? "",
      }),
    );
    return { sources_silent: [], sources_back: [] };
  }
  return {
    sources_silent: [...before].filter((source) => !now.has(source)).sort(),
    sources_back: [...now].filter((source) => !before.has(source)).sort(),
  };
}

function coveredTechniques(assessment: Assessment): number {
  return assessment.attack?.techniques.filter((technique) => technique.reason === "covered").length ?? 0;
}

function passingControls(assessment: Assessment): Record<string, number> {
  return Object.fromEntries(assessment.frameworks.map((framework) => [framework.id, framework.summary.pass]));
}

function gapChanges(
  current: Assessment,
  previous: Assessment,
): Pick<Changes, "new_gaps" | "closed_gaps" | "changed_gaps"> {
  const now = gapsOf(current);
  const before = new Map(gapsOf(previous).map((gap) => [gapKey(gap), gap]));
  const nowKeys = new Set(now.map(gapKey));
  const changed: Changes["changed_gaps"] = [];
  const opened: Gap[] = [];
  for (const gap of now) {
    const was = before.get(gapKey(gap));
    if (was === undefined) opened.push(gap);
    else if (was.reason_code !== gap.reason_code)
      changed.push({ key: gapKey(gap), before: was.reason_code, after: gap.reason_code, gap });
  }
  return {
    new_gaps: opened,
    closed_gaps: [...before.values()].filter((gap) => !nowKeys.has(gapKey(gap))),
    changed_gaps: changed,
  };
}

export function computeChanges(current: CurrentRun, previous: PreviousRun): Changes {
  const notes: string[] = [];
  const rules = ruleChanges(current.snapshot, previous.snapshot, notes);
  const sources = sourceChanges(current.snapshot, previous.snapshot, notes);
  const unassessed = [
    previous.assessment.attack === null ? "previous" : null,
    current.assessment.attack === null ? "current" : null,
  ].filter((run) => run !== null);
  if (unassessed.length === 1) notes.push(formatMessage(NOTES.attackMissing, { runs: unassessed[0]! }));
  return {
    previous: {
      label: previous.label,
      collected_at: previous.snapshot.collected_at,
      period: previous.snapshot.period.label,
    },
    ...gapChanges(current.assessment, previous.assessment),
    ...rules,
    ...sources,
    coverage: {
      attack_covered_before: coveredTechniques(previous.assessment),
      attack_covered_after: coveredTechniques(current.assessment),
      controls_passing_before: passingControls(previous.assessment),
      controls_passing_after: passingControls(current.assessment),
    },
    notes,
  };
}
