/**
 * The registry of check kinds: one module per kind in this folder, named
 * exactly as the `kind` mappings use. Kept alphabetical; a test asserts that
 * it lists exactly the files of this folder, and that every kind has a test
 * file and a docs page.
 */
import type { CheckModule } from "../check-contract.js";
import * as agentCoverage from "./agent_coverage.js";
import * as dashboardPresent from "./dashboard_present.js";
import * as detectionRules from "./detection_rules.js";
import * as logRetention from "./log_retention.js";
import * as logSource from "./log_source.js";
import * as manual from "./manual.js";
import * as notificationRouting from "./notification_routing.js";
import * as ruleEffectiveness from "./rule_effectiveness.js";
import * as signalTriage from "./signal_triage.js";
import * as signalsRetrievable from "./signals_retrievable.js";
import * as suppressionHygiene from "./suppression_hygiene.js";

export const CHECKS: Readonly<Record<string, CheckModule>> = Object.freeze({
  agent_coverage: agentCoverage,
  dashboard_present: dashboardPresent,
  detection_rules: detectionRules,
  log_retention: logRetention,
  log_source: logSource,
  manual,
  notification_routing: notificationRouting,
  rule_effectiveness: ruleEffectiveness,
  signal_triage: signalTriage,
  signals_retrievable: signalsRetrievable,
  suppression_hygiene: suppressionHygiene,
});

export const CHECK_KINDS: readonly string[] = Object.keys(CHECKS);

export function checkModule(kind: string): CheckModule | undefined {
  return Object.hasOwn(CHECKS, kind) ? CHECKS[kind] : undefined;
}
