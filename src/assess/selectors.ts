/**
 * Rule selectors, as mappings write them: which detection and agent rules a
 * check is about. Fields combine with AND; the values inside one field
 * combine with OR, except `tags`, which a rule must all carry. Everything
 * compares case-insensitively; `*` is a wildcard.
 */
import { z } from "zod";
import { matchesAnyWildcard, wildcardMatches } from "../query/glob.js";
import { sourceMatches } from "../query/index.js";
import { ruleSources } from "./rule-sources.js";
import { taggedTactics, techniquesCountedFor } from "./rule-techniques.js";
import type { SecurityRule } from "./security-rules.js";

const NonEmpty = z.string().trim().min(1);
const TechniqueId = z
  .string()
  .regex(/^T\d{4}(\.\d{3})?$/i, "expected an ATT&CK technique id such as T1110 or T1110.001");

export const RuleSelector = z
  .object({
    /** Rule types, e.g. `log_detection`, `workload_security` (which includes agent rules). */
    types: z.array(NonEmpty).min(1).optional(),
    /** Tags the rule must all carry, e.g. `source:cloudtrail`, `tactic:TA0006*`. */
    tags: z.array(NonEmpty).min(1).optional(),
    /** ATT&CK techniques; a technique also selects rules tagged with one of its sub-techniques. */
    techniques: z.array(TechniqueId).min(1).optional(),
    /** ATT&CK tactics by id (`TA0006`) or shortname (`credential-access`). */
    tactics: z.array(NonEmpty).min(1).optional(),
    /** Log sources the rule reads (see rule-sources.ts), e.g. `cloudtrail`, `azure.*`. */
    sources: z.array(NonEmpty).min(1).optional(),
    /** Rule name pattern. */
    name: NonEmpty.optional(),
    /** true: only out-of-the-box rules; false: only custom rules. Agent rules are neither. */
    default_rules: z.boolean().optional(),
  })
  .strict();
export type RuleSelector = z.infer<typeof RuleSelector>;

function readsAnySource(rule: SecurityRule, wanted: readonly string[]): boolean {
  const sources = ruleSources(rule);
  if (sources.kind === "unknown") return false;
  return wanted.some((pattern) => {
    const want = pattern.toLowerCase();
    return sources.sources.some((source) => sourceMatches(want, source) || sourceMatches(source, want));
  });
}

/**
 * Answers already worked out, per selector (by content) and rule. Neither
 * changes once built (mapping params, population entries), and an
 * assessment asks each pair from several checks; `ddproof plan` asks them
 * again for every action it weighs. Bounded by the selectors in use.
 */
const answers = new Map<string, WeakMap<SecurityRule, boolean>>();
const selectorKeys = new WeakMap<RuleSelector, string>();
const MAX_SELECTORS = 10_000;

function answersFor(selector: RuleSelector): WeakMap<SecurityRule, boolean> {
  let key = selectorKeys.get(selector);
  if (key === undefined) {
    key = JSON.stringify(selector);
    selectorKeys.set(selector, key);
  }
  let known = answers.get(key);
  if (known === undefined) {
    if (answers.size >= MAX_SELECTORS) answers.clear();
    known = new WeakMap();
    answers.set(key, known);
  }
  return known;
}

function matchesWith(known: WeakMap<SecurityRule, boolean>, rule: SecurityRule, selector: RuleSelector): boolean {
  let answer = known.get(rule);
  if (answer === undefined) {
    answer = matchesNow(rule, selector);
    known.set(rule, answer);
  }
  return answer;
}

export function ruleMatches(rule: SecurityRule, selector: RuleSelector): boolean {
  return matchesWith(answersFor(selector), rule, selector);
}

function matchesNow(rule: SecurityRule, selector: RuleSelector): boolean {
  if (selector.types && !matchesAnyWildcard(selector.types, rule.type)) return false;
  if (selector.tags && !selector.tags.every((pattern) => rule.tags.some((tag) => wildcardMatches(pattern, tag.trim()))))
    return false;
  if (selector.techniques) {
    const counted = techniquesCountedFor(rule.tags);
    if (!selector.techniques.some((id) => counted.includes(id.toUpperCase()))) return false;
  }
  if (selector.tactics) {
    const tactics = taggedTactics(rule.tags);
    if (!selector.tactics.some((tactic) => tactics.includes(tactic.toLowerCase()))) return false;
  }
  if (selector.name !== undefined && !wildcardMatches(selector.name, rule.name)) return false;
  if (selector.default_rules !== undefined && rule.is_default !== selector.default_rules) return false;
  if (selector.sources && !readsAnySource(rule, selector.sources)) return false;
  return true;
}

export function selectRules(population: readonly SecurityRule[], selector: RuleSelector): SecurityRule[] {
  const known = answersFor(selector);
  return population.filter((rule) => matchesWith(known, rule, selector));
}

/** The selector in a few words for reasons: `type log_detection, source cloudtrail`. */
export function describeSelector(selector: RuleSelector): string {
  const parts: string[] = [];
  const list = (label: string, values: readonly string[] | undefined) => {
    if (values) parts.push(`${label} ${values.join(" or ")}`);
  };
  list("type", selector.types);
  if (selector.tags) parts.push(`tags ${selector.tags.join(" and ")}`);
  list("technique", selector.techniques);
  list("tactic", selector.tactics);
  list("source", selector.sources);
  if (selector.name !== undefined) parts.push(`name ${selector.name}`);
  if (selector.default_rules !== undefined) parts.push(selector.default_rules ? "out-of-the-box" : "custom");
  return parts.length === 0 ? "any rule" : parts.join(", ");
}
