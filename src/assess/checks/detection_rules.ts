/**
 * detection_rules — enough enabled detection or agent rules match a
 * selector (type, tags, ATT&CK technique or tactic, log source, name).
 * With `per_ingesting_source`, the count is asked of every ingesting log
 * source those patterns match instead: each must be read by enough enabled
 * rules ("detection content is on for every cloud in use").
 */
import { z } from "zod";
import type { CollectorId, Snapshot } from "../../snapshot/schema.js";
import { type CheckContext, type CheckResult, checkResult } from "../check-contract.js";
import { IngestionPolicy, ingestingMatches, ingestingSources } from "../ingestion.js";
import type { EvidenceRef } from "../schema.js";
import { populationOf, ruleEvidence } from "../security-rules.js";
import { describeSelector, RuleSelector, selectRules } from "../selectors.js";
import { partData } from "../snapshot-parts.js";

export const meta = {
  kind: "detection_rules",
  description: "Count the enabled rules that match a selector, overall or per ingesting log source, against a minimum.",
  reads: ["rules", "agent_rules", "log_sources"],
  messages: {
    enoughRules:
      "{{enabled}} enabled rules match {{selector}} (required {{min_enabled}}); {{disabled}} more are disabled",
    tooFewRules:
      "Only {{enabled}} enabled rules match {{selector}}; required {{min_enabled}} ({{disabled}} more are disabled)",
    onlyDisabled: "No enabled rule matches {{selector}}: the {{disabled}} that match are all disabled",
    noRules: "No rule matches {{selector}}",
    everySourceCovered:
      "Each of the {{ingesting}} ingesting sources has at least {{min_enabled}} enabled rules matching {{selector}}: {{per_source}}",
    someSourcesBare:
      "Only {{covered}} of {{ingesting}} ingesting sources have at least {{min_enabled}} enabled rules matching {{selector}}: {{per_source}}",
    noSourceCovered:
      "None of the {{ingesting}} ingesting sources has {{min_enabled}} enabled rules matching {{selector}}: {{per_source}}",
    noSourceIngesting: "None of {{patterns}} is ingesting, so no detection content is needed for it",
  },
} as const;

export const params = z
  .object({
    selector: RuleSelector.prefault({}),
    /** Enabled matching rules needed to pass (per source with `per_ingesting_source`). */
    min_enabled: z.number().int().positive().default(1),
    /** Log source patterns; when given, every ingesting source they match needs its own rules. */
    per_ingesting_source: z.array(z.string().trim().min(1)).min(1).optional(),
    ingestion: IngestionPolicy.prefault({}),
  })
  .strict();
export type Params = z.infer<typeof params>;

export function readsFor(p: Params): readonly CollectorId[] {
  return p.per_ingesting_source === undefined ? ["rules", "agent_rules"] : meta.reads;
}

type Result = CheckResult<keyof typeof meta.messages>;

function perSource(p: Params, patterns: readonly string[], snapshot: Snapshot): Result {
  const enabled = selectRules(populationOf(snapshot), p.selector).filter((rule) => rule.enabled);
  const ingesting = ingestingSources(partData(snapshot, "log_sources").sources, snapshot.period, p.ingestion);
  const sources = [...new Set(patterns.flatMap((pattern) => ingestingMatches(pattern, ingesting)))].sort();
  const selector = describeSelector(p.selector);
  if (sources.length === 0) return checkResult("not_applicable", "noSourceIngesting", { patterns: [...patterns] }, []);

  const evidence: EvidenceRef[] = [];
  const lines: string[] = [];
  let covered = 0;
  for (const source of sources) {
    const reading = selectRules(enabled, { ...p.selector, sources: [source] });
    if (reading.length >= p.min_enabled) covered += 1;
    lines.push(`${source} ${reading.length}`);
    evidence.push({ type: "source", id: source, label: `${reading.length} enabled rules` });
  }
  const data = { ingesting: sources.length, covered, min_enabled: p.min_enabled, selector, per_source: lines };
  if (covered === sources.length) return checkResult("pass", "everySourceCovered", data, evidence);
  if (covered > 0) return checkResult("partial", "someSourcesBare", data, evidence, "no_rule");
  return checkResult("fail", "noSourceCovered", data, evidence, "no_rule");
}

export function evaluate(p: Params, snapshot: Snapshot, _ctx: CheckContext): Result {
  if (p.per_ingesting_source !== undefined) return perSource(p, p.per_ingesting_source, snapshot);
  const matched = selectRules(populationOf(snapshot), p.selector);
  const enabled = matched.filter((rule) => rule.enabled);
  const disabled = matched.filter((rule) => !rule.enabled);
  const figures = {
    enabled: enabled.length,
    disabled: disabled.length,
    min_enabled: p.min_enabled,
    selector: describeSelector(p.selector),
  };

  if (enabled.length >= p.min_enabled) return checkResult("pass", "enoughRules", figures, ruleEvidence(enabled));
  if (enabled.length > 0) return checkResult("partial", "tooFewRules", figures, ruleEvidence(enabled), "no_rule");
  if (disabled.length > 0) return checkResult("fail", "onlyDisabled", figures, ruleEvidence(disabled), "rule_disabled");
  return checkResult("fail", "noRules", figures, [], "no_rule");
}
