/** populations/rule-changes.csv: every rule change in the audit trail of the period, oldest first. */
import type { RuleChange, Snapshot } from "../../../snapshot/schema.js";
import { compareText } from "../../id-order.js";
import type { Column } from "../write-csv.js";

export const RULE_CHANGE_COLUMNS: readonly Column<RuleChange>[] = [
  { header: "timestamp", cell: (change) => change.timestamp },
  { header: "action", cell: (change) => change.action },
  { header: "rule_id", cell: (change) => change.rule_id },
  { header: "rule_name", cell: (change) => change.rule_name },
  { header: "user", cell: (change) => change.user },
  { header: "change_id", cell: (change) => change.id },
];

function byTime(a: RuleChange, b: RuleChange): number {
  const time = Date.parse(a.timestamp) - Date.parse(b.timestamp);
  if (time !== 0) return Math.sign(time);
  return compareText(a.id, b.id);
}

export function ruleChangeRows(snapshot: Snapshot): RuleChange[] | null {
  const part = snapshot.collectors.audit;
  return part.status === "ok" ? [...part.data.rule_changes].sort(byTime) : null;
}
