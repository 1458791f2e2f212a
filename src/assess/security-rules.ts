/**
 * Detection rules and Workload Protection agent rules as one population, so
 * selectors, effectiveness and ATT&CK scoring treat both alike. Agent rules
 * run on hosts through the Workload Protection (CWS) agent, so they are
 * given the type `workload_security`, like the detection rules that turn
 * their events into signals.
 */
import type { AgentRule, DetectionRule, Snapshot } from "../snapshot/schema.js";
import type { EvidenceRef } from "./schema.js";
import { partDataOrNull } from "./snapshot-parts.js";

export const WORKLOAD_SECURITY_TYPE = "workload_security";

export interface SecurityRule {
  id: string;
  name: string;
  type: string;
  enabled: boolean;
  origin: "detection_rule" | "agent_rule";
  /** Datadog-managed (out of the box); null for agent rules, whose origin the API does not say. */
  is_default: boolean | null;
  tags: string[];
  /** Log search queries with their data source (`logs`, `audit`, …); agent rules have none. */
  queries: DetectionRule["queries"];
  cases: DetectionRule["cases"];
  /** Datadog deprecated the rule: never counted effective. */
  is_deprecated: boolean;
  /** A beta rule: counted normally, named so a reader knows. */
  is_beta: boolean;
  /** The out-of-the-box definition the rule instantiates, which correlation rules may chain. */
  default_rule_id: string | null;
}

export function fromDetectionRule(rule: DetectionRule): SecurityRule {
  return {
    id: rule.id,
    name: rule.name,
    type: rule.type,
    enabled: rule.enabled,
    origin: "detection_rule",
    is_default: rule.is_default,
    tags: rule.tags,
    queries: rule.queries,
    cases: rule.cases,
    is_deprecated: rule.is_deprecated,
    is_beta: rule.is_beta,
    default_rule_id: rule.default_rule_id,
  };
}

export function fromAgentRule(rule: AgentRule): SecurityRule {
  return {
    id: rule.id,
    name: rule.name,
    type: WORKLOAD_SECURITY_TYPE,
    enabled: rule.enabled,
    origin: "agent_rule",
    is_default: null,
    // Agent rules carry their ATT&CK tags in product_tags.
    tags: rule.product_tags,
    queries: [],
    cases: [],
    // The agent rules API says nothing of deprecation or beta.
    is_deprecated: false,
    is_beta: false,
    default_rule_id: null,
  };
}

/**
 * Each snapshot rule's population entry, kept while the snapshot rule is:
 * snapshots that share rules (the edited copies `ddproof plan` makes) share
 * their entries, and with them whatever was worked out about each.
 */
const converted = new WeakMap<DetectionRule | AgentRule, SecurityRule>();

function convertedOnce<T extends DetectionRule | AgentRule>(rule: T, convert: (rule: T) => SecurityRule): SecurityRule {
  let entry = converted.get(rule);
  if (entry === undefined) {
    entry = convert(rule);
    converted.set(rule, entry);
  }
  return entry;
}

export function rulePopulation(rules: readonly DetectionRule[], agentRules: readonly AgentRule[]): SecurityRule[] {
  return [
    ...rules.map((rule) => convertedOnce(rule, fromDetectionRule)),
    ...agentRules.map((rule) => convertedOnce(rule, fromAgentRule)),
  ];
}

/** Workload Protection rules are effective through the agent on the hosts, not through a log source. */
export function isWorkloadProtection(rule: SecurityRule): boolean {
  return rule.origin === "agent_rule" || rule.type.toLowerCase() === WORKLOAD_SECURITY_TYPE;
}

const populations = new WeakMap<Snapshot, SecurityRule[]>();

/**
 * The rule population of a snapshot, built once and shared by every check
 * and the ATT&CK scorer. A failed part contributes no rules; checks that
 * read it never get here, and ATT&CK scores become lower bounds.
 */
export function populationOf(snapshot: Snapshot): SecurityRule[] {
  let population = populations.get(snapshot);
  if (population === undefined) {
    population = rulePopulation(
      partDataOrNull(snapshot, "rules")?.rules ?? [],
      partDataOrNull(snapshot, "agent_rules")?.agent_rules ?? [],
    );
    populations.set(snapshot, population);
  }
  return population;
}

/** A correlation rule chains other rules' signals instead of reading logs. */
export function chainsRules(rule: SecurityRule): boolean {
  return rule.queries.some((query) => query.chained_rule_id !== null || query.chained_default_rule_id !== null);
}

/** What a reader must know beside a rule's name: disabled, deprecated, beta. */
export function ruleLabel(rule: SecurityRule): string {
  const marks = [!rule.enabled && "disabled", rule.is_deprecated && "deprecated", rule.is_beta && "beta"].filter(
    Boolean,
  );
  return marks.length === 0 ? rule.name : `${rule.name} (${marks.join(", ")})`;
}

/** Rules as evidence references, named so a reader recognises them. */
export function ruleEvidence(rules: readonly SecurityRule[]): EvidenceRef[] {
  return rules.map((rule) => ({ type: "rule", id: rule.id, label: ruleLabel(rule) }));
}
