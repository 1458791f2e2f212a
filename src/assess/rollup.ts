/**
 * How statuses combine: a control's findings into its status, and a parent's
 * children into its own. One precedence for both (README.md explains it):
 *
 *   1. not_applicable results are set aside; if nothing else is left, the
 *      result is not_applicable (and with nothing at all, manual);
 *   2. any fail → fail; else any unknown → unknown; else any partial → partial;
 *   3. all alike → that status (pass, manual or accepted);
 *   4. a mix of pass, manual and accepted → partial.
 */
import type { ControlStatus, StatusSummary } from "./schema.js";

export function rollUp(statuses: readonly ControlStatus[]): ControlStatus {
  if (statuses.length === 0) return "manual";
  const counted = statuses.filter((status) => status !== "not_applicable");
  if (counted.length === 0) return "not_applicable";
  for (const worst of ["fail", "unknown", "partial"] as const) {
    if (counted.includes(worst)) return worst;
  }
  const first = counted[0]!;
  return counted.every((status) => status === first) ? first : "partial";
}

export function emptySummary(): StatusSummary {
  return { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 };
}

export function summarize(statuses: readonly ControlStatus[]): StatusSummary {
  const summary = emptySummary();
  for (const status of statuses) summary[status] += 1;
  return summary;
}
