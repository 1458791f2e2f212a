/**
 * Rule names by id, for outputs that list the rules behind a score. Built
 * from the same population the ATT&CK scorer counts (detection rules and
 * Workload Protection agent rules).
 */
import { populationOf } from "../assess/security-rules.js";
import type { Snapshot } from "../snapshot/schema.js";

/** A lookup from rule id to name; an id missing from the snapshot (never expected) is shown as itself. */
export function ruleNamer(snapshot: Snapshot): (id: string) => string {
  const names = new Map(populationOf(snapshot).map((rule) => [rule.id, rule.name]));
  return (id) => names.get(id) ?? id;
}
