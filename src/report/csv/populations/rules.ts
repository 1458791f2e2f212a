/**
 * populations/rules.csv: every detection rule and every Workload Protection
 * agent rule of the snapshot (the ids that evidence references and the
 * ATT&CK coverage name), with the log sources each depends on.
 */
import { ruleSources } from "../../../assess/rule-sources.js";
import { fromAgentRule, fromDetectionRule, type SecurityRule } from "../../../assess/security-rules.js";
import type { AgentRule, DetectionRule, Snapshot } from "../../../snapshot/schema.js";
import { compareText } from "../../id-order.js";
import { type Column, listCell } from "../write-csv.js";

export interface RuleRow {
  rule: SecurityRule;
  detection: DetectionRule | null;
  agent: AgentRule | null;
}

function sourcesCell(rule: SecurityRule): { basis: string; sources: string } {
  const sources = ruleSources(rule);
  return sources.kind === "unknown"
    ? { basis: "unknown", sources: "" }
    : { basis: sources.kind, sources: listCell(sources.sources) };
}

const unique = (values: readonly string[]) => [...new Set(values)];

export const RULE_COLUMNS: readonly Column<RuleRow>[] = [
  { header: "id", cell: (row) => row.rule.id },
  { header: "name", cell: (row) => row.rule.name },
  { header: "origin", cell: (row) => row.rule.origin },
  { header: "type", cell: (row) => row.rule.type },
  { header: "enabled", cell: (row) => row.rule.enabled },
  { header: "is_default", cell: (row) => row.rule.is_default },
  { header: "tags", cell: (row) => listCell(row.rule.tags) },
  { header: "log_sources", cell: (row) => sourcesCell(row.rule).sources },
  { header: "log_sources_from", cell: (row) => sourcesCell(row.rule).basis },
  // One query a line: queries hold `;` and commas of their own.
  { header: "queries", cell: (row) => row.rule.queries.map((query) => query.query).join("\n") },
  { header: "severities", cell: (row) => listCell(unique(row.rule.cases.map((ruleCase) => ruleCase.severity))) },
  {
    header: "notifications",
    cell: (row) => listCell(unique(row.rule.cases.flatMap((ruleCase) => ruleCase.notifications))),
  },
  // Deprecated rules are never counted effective; beta rules are counted normally. Both are named.
  { header: "deprecated", cell: (row) => row.rule.is_deprecated },
  { header: "beta", cell: (row) => row.rule.is_beta },
  { header: "default_rule_id", cell: (row) => row.rule.default_rule_id },
  { header: "detection_method", cell: (row) => row.detection?.options?.detection_method ?? null },
  { header: "evaluation_window_s", cell: (row) => row.detection?.options?.evaluation_window_s ?? null },
  { header: "keep_alive_s", cell: (row) => row.detection?.options?.keep_alive_s ?? null },
  { header: "max_signal_duration_s", cell: (row) => row.detection?.options?.max_signal_duration_s ?? null },
  // What a correlation rule chains: rule ids, or `default:<id>` for an out-of-the-box definition.
  {
    header: "chained_rules",
    cell: (row) =>
      listCell(
        row.rule.queries.flatMap((query) =>
          query.chained_rule_id !== null
            ? [query.chained_rule_id]
            : query.chained_default_rule_id !== null
              ? [`default:${query.chained_default_rule_id}`]
              : [],
        ),
      ),
  },
  { header: "expression", cell: (row) => row.agent?.expression ?? null },
  { header: "created_at", cell: (row) => row.detection?.created_at ?? null },
  { header: "updated_at", cell: (row) => row.detection?.updated_at ?? null },
  { header: "unparsed", cell: (row) => row.detection?.unparsed ?? false },
];

const byId = (a: RuleRow, b: RuleRow) => compareText(a.rule.id, b.rule.id);

/** Detection rules of an `ok` part, by id. */
export function detectionRuleRows(snapshot: Snapshot): RuleRow[] | null {
  const part = snapshot.collectors.rules;
  if (part.status !== "ok") return null;
  return part.data.rules.map((rule) => ({ rule: fromDetectionRule(rule), detection: rule, agent: null })).sort(byId);
}

/** Agent rules of an `ok` part, by id. */
export function agentRuleRows(snapshot: Snapshot): RuleRow[] | null {
  const part = snapshot.collectors.agent_rules;
  if (part.status !== "ok") return null;
  return part.data.agent_rules.map((rule) => ({ rule: fromAgentRule(rule), detection: null, agent: rule })).sort(byId);
}
