/**
 * Detection rules of the demo org, built from data/rule-templates.json: every
 * template (and variant) once as an out-of-the-box rule, then custom copies
 * scoped with data/rule-scopes.json until each type has its count. Exactly
 * one rule carries an unknown enum value on the wire (its type), so the
 * official client turns it into an UnparsedObject.
 */

import scopeData from "../data/rule-scopes.json" with { type: "json" };
import templateData from "../data/rule-templates.json" with { type: "json" };
import { type Random, rngFor } from "../prng.js";
import { parseSearchQuery, positiveValues } from "../search-query.js";
import { DAY_MS } from "../time-units.js";
import { attackTags } from "./attack-tags.js";
import { base36, threePartId } from "./ids.js";
import type { DemoLogSource } from "./log-sources.js";

export const SEVERITIES = ["info", "low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The type the one unparseable rule carries: a value the client's enum lacks. */
export const UNKNOWN_RULE_TYPE = "future_rule_type";

export interface RuleCase {
  name: string;
  status: Severity;
  /** Empty for detection methods without a threshold. */
  condition: string;
}

export interface DemoRule {
  id: string;
  name: string;
  /** Wire value; UNKNOWN_RULE_TYPE for the unparseable rule. */
  type: string;
  enabled: boolean;
  isDefault: boolean;
  tags: string[];
  /** Log search queries, in order (none for signal correlation and compliance rules). */
  queries: string[];
  cases: RuleCase[];
  detectionMethod: string;
  createdAt: number;
  updatedAt: number;
  authorIndex: number;
  version: number;
  message: string;
  /** Signal correlation: the rules whose signals it correlates. */
  correlatedRuleIds: string[];
  /** Datadog deprecated this out-of-the-box rule. */
  isDeprecated: boolean;
  /** An out-of-the-box rule still in beta. */
  isBeta: boolean;
  /** Out-of-the-box rules: the id of the definition they instantiate (what correlation rules may chain instead of the rule id). */
  defaultRuleId: string | null;
  /** Compliance rules: the resource type evaluated. */
  resourceType: string | null;
  /** Log sources the rule reads (from its queries, else its `source:` tag). */
  logSources: string[];
  unparsed: boolean;
}

interface RuleTemplate {
  type: string;
  name: string;
  variants?: string[];
  source?: string;
  query?: string;
  techniques?: string[];
  tactic?: string;
  severity: string;
  escalation?: string;
  method?: string;
  custom?: boolean;
  agentRule?: string;
  resourceType?: string;
  framework?: string;
}

/** One template with its variant filled in. */
interface RuleBlueprint {
  template: RuleTemplate;
  name: string;
  query: string | null;
}

interface RuleScope {
  label: string;
  query: string;
}

const TEMPLATES: readonly RuleTemplate[] = templateData.templates;
const SCOPES: readonly RuleScope[] = scopeData.scopes;
const COMPLIANCE_TYPES = new Set(["cloud_configuration", "infrastructure_configuration"]);

function asSeverity(value: string, where: string): Severity {
  if ((SEVERITIES as readonly string[]).includes(value)) return value as Severity;
  throw new Error(`simulator data: ${where}: expected a severity (${SEVERITIES.join(", ")}), got ${value}`);
}

function blueprints(type: string): RuleBlueprint[] {
  return TEMPLATES.filter((t) => t.type === type).flatMap((template) =>
    (template.variants ?? [""]).map((variant) => ({
      template,
      name: template.name.replace("{v}", variant),
      query: template.agentRule
        ? `@agent.rule_id:${template.agentRule}`
        : (template.query?.replace("{v}", variant).trim() ?? null),
    })),
  );
}

/** Custom rule ids look like `k3x-9ab-q0z`; OOTB ones like `def-000-q0z`. */
function ruleId(random: Random, ootb: boolean, taken: Set<string>): string {
  for (;;) {
    const id = ootb ? `def-000-${base36(random, 3)}` : threePartId(random);
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function ruleTags(template: RuleTemplate): string[] {
  if (COMPLIANCE_TYPES.has(template.type)) {
    const provider = /^(aws|azure|gcp)_/.exec(template.resourceType ?? "")?.[1];
    return [
      "security:compliance",
      `framework:${template.framework ?? "custom"}`,
      ...(provider ? [`cloud_provider:${provider}`] : []),
    ];
  }
  const tags = ["security:attack", ...attackTags(template.techniques ?? [], template.tactic ?? "")];
  if (template.source) tags.push(`source:${template.source}`);
  return tags;
}

function ruleCases(template: RuleTemplate, random: Random): RuleCase[] {
  const method = template.method ?? "threshold";
  const severity = asSeverity(template.severity, `rule-templates.json: ${template.name}`);
  const threshold = random.int(3, 20);
  const condition = method === "threshold" ? `a > ${threshold}` : "";
  const cases: RuleCase[] = [{ name: "", status: severity, condition }];
  if (template.escalation) {
    const escalated = asSeverity(template.escalation, `rule-templates.json: ${template.name}`);
    cases.unshift({
      name: "Escalated",
      status: escalated,
      condition: method === "threshold" ? `a > ${threshold * 10}` : "",
    });
  }
  return cases;
}

function logSourcesOf(template: RuleTemplate, queries: string[], sources: readonly DemoLogSource[]): string[] {
  const named = new Set(queries.flatMap((q) => positiveValues(parseSearchQuery(q), "source")));
  if (named.size === 0 && template.source) {
    const source = sources.find((s) => s.integration === template.source);
    if (source) named.add(source.name);
  }
  return [...named];
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? text[0]?.toLowerCase() + text.slice(1) : text;
}

export interface GeneratedRules {
  rules: DemoRule[];
  unparsedRuleId: string;
}

export function generateRules(
  seed: number,
  counts: Readonly<Record<string, number>>,
  disabledShare: number,
  nowMs: number,
  sources: readonly DemoLogSource[],
): GeneratedRules {
  const taken = new Set<string>();
  const names = new Set<string>();
  const rules: DemoRule[] = [];
  for (const [type, count] of Object.entries(counts)) {
    const prints = blueprints(type);
    if (prints.length === 0) throw new Error(`simulator data: no rule template of type ${type}`);
    const copyOrder = rngFor(seed, "rule-copy-order", type).shuffled(prints);
    for (let k = 0; k < count; k++) {
      const random = rngFor(seed, "rule", type, k);
      const copyIndex = k - prints.length;
      const blueprint =
        copyIndex < 0 ? (prints[k] as RuleBlueprint) : (copyOrder[copyIndex % copyOrder.length] as RuleBlueprint);
      const scope =
        copyIndex < 0
          ? null
          : (SCOPES[(copyIndex + Math.floor(copyIndex / copyOrder.length)) % SCOPES.length] as RuleScope);
      const { template } = blueprint;
      let name = scope ? `${blueprint.name} (${scope.label})` : blueprint.name;
      for (let n = 2; names.has(name); n++) name = `${blueprint.name} (${scope?.label ?? "copy"} #${n})`;
      names.add(name);
      const isDefault = !template.custom && scope === null;
      const queries = blueprint.query === null ? [] : [scope ? `${blueprint.query} ${scope.query}` : blueprint.query];
      const ageDays = isDefault ? random.int(300, 900) : random.int(3, 400);
      const createdAt = nowMs - ageDays * DAY_MS - random.int(0, DAY_MS);
      rules.push({
        id: ruleId(random, isDefault, taken),
        name,
        type,
        enabled: !random.chance(disabledShare),
        isDefault,
        tags: ruleTags(template),
        queries,
        cases: ruleCases(template, random),
        detectionMethod: template.method ?? "threshold",
        createdAt,
        updatedAt: createdAt + Math.floor(random.next() * (nowMs - createdAt)),
        authorIndex: random.int(0, 5),
        version: random.int(1, 12),
        message: `## Goal\nDetect ${lowerFirst(name)}.\n\n## Triage and response\n1. Review the activity of {{@usr.id}}.\n2. Escalate to the security on-call if it was not expected.`,
        correlatedRuleIds: [],
        isDeprecated: false,
        isBeta: false,
        defaultRuleId: null,
        resourceType: template.resourceType ?? null,
        logSources: logSourcesOf(template, queries, sources),
        unparsed: false,
      });
    }
  }
  markLifecycle(seed, rules);
  linkCorrelations(seed, rules);
  return { rules, unparsedRuleId: markUnparsed(seed, rules) };
}

/**
 * Out-of-the-box rules name their definition (`defaultRuleId`), and a few are
 * deprecated or in beta, as real rule lists are. Drawn apart from the rules
 * themselves so that nothing else about the org changes.
 */
function markLifecycle(seed: number, rules: DemoRule[]): void {
  const defaults = rules.filter((r) => r.isDefault);
  for (const rule of defaults) rule.defaultRuleId = `def-${threePartId(rngFor(seed, "default-rule-id", rule.id))}`;
  const random = rngFor(seed, "rule-lifecycle");
  const logDefaults = random.shuffled(defaults.filter((r) => r.type === "log_detection"));
  const marked = Math.max(1, Math.round(logDefaults.length * 0.03));
  logDefaults.slice(0, marked).forEach((rule) => (rule.isDeprecated = true));
  logDefaults.slice(marked, 2 * marked).forEach((rule) => (rule.isBeta = true));
}

/** Signal correlation rules correlate two log detection rules each. */
function linkCorrelations(seed: number, rules: DemoRule[]): void {
  const logRules = rules.filter((r) => r.type === "log_detection");
  for (const rule of rules) {
    if (rule.type !== "signal_correlation") continue;
    const random = rngFor(seed, "correlation", rule.id);
    const [first, second] = random.shuffled(logRules);
    if (first && second) rule.correlatedRuleIds = [first.id, second.id];
  }
}

function markUnparsed(seed: number, rules: DemoRule[]): string {
  const candidates = rules.filter((r) => r.type === "log_detection" && !r.isDefault);
  const chosen = rngFor(seed, "unparsed-rule").pick(candidates.length > 0 ? candidates : rules);
  chosen.type = UNKNOWN_RULE_TYPE;
  chosen.unparsed = true;
  return chosen.id;
}
