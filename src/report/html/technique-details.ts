/**
 * Everything report.html shows about one ATT&CK technique: its score and
 * typed reason, the rules behind it (enabled, effective, fired, plus the
 * disabled ones tagged for it, which explain a "Rule disabled" gap), the
 * ingesting log sources that can see it (Datadog and ATT&CK names) and its
 * sub-techniques. The same records feed the detail dialog (as JSON) and the
 * printable technique table.
 */
import { techniquesCountedFor } from "../../assess/rule-techniques.js";
import type { AttackResult, ReasonCode, TechniqueResult } from "../../assess/schema.js";
import { populationOf } from "../../assess/security-rules.js";
import type { AttackCatalog } from "../../catalogs/attack/schema.js";
import type { Snapshot } from "../../snapshot/schema.js";
import { GAP_REASON_LABELS } from "../gaps.js";
import { compareIds, compareText } from "../id-order.js";
import { techniqueReason } from "../technique-reason.js";
import { scoreLabel } from "./swatches.js";

export type RuleState = "fired" | "effective" | "not effective" | "disabled";

export interface TechniqueRule {
  id: string;
  name: string;
  enabled: boolean;
  effective: boolean;
  fired: boolean;
  state: RuleState;
}

export interface TechniqueDetail {
  id: string;
  name: string;
  parent: string | null;
  score: number;
  score_label: string;
  /** Below the gap threshold with no recorded disposition: the definition gaps.ts uses. */
  gap: boolean;
  /** Tactic names, in matrix order. */
  tactics: string[];
  platforms: string[];
  reason: ReasonCode;
  reason_label: string;
  reason_text: string;
  disposition: "accepted" | "not_applicable" | null;
  rules: TechniqueRule[];
  /** Datadog log sources that are ingesting and can see the technique. */
  sources: string[];
  /** The ATT&CK log-source names they matched. */
  log_sources: string[];
  /** Sub-technique ids. */
  subs: string[];
}

/** Rules that lift the score first. */
const STATE_ORDER: readonly RuleState[] = ["fired", "effective", "not effective", "disabled"];

/** Disabled rules by the technique ids they count for (a sub-technique's rule counts for its parent). */
function disabledRulesByTechnique(snapshot: Snapshot): Map<string, { id: string; name: string }[]> {
  const byTechnique = new Map<string, { id: string; name: string }[]>();
  for (const rule of populationOf(snapshot)) {
    if (rule.enabled) continue;
    for (const id of techniquesCountedFor(rule.tags))
      byTechnique.set(id, [...(byTechnique.get(id) ?? []), { id: rule.id, name: rule.name }]);
  }
  return byTechnique;
}

function rulesOf(
  technique: TechniqueResult,
  disabled: readonly { id: string; name: string }[],
  nameOf: (id: string) => string,
): TechniqueRule[] {
  const effective = new Set(technique.rules.effective);
  const fired = new Set(technique.rules.fired);
  const enabled = technique.rules.enabled.map((id): TechniqueRule => {
    const state: RuleState = fired.has(id) ? "fired" : effective.has(id) ? "effective" : "not effective";
    return { id, name: nameOf(id), enabled: true, effective: effective.has(id), fired: fired.has(id), state };
  });
  const off = disabled.map(
    (rule): TechniqueRule => ({ ...rule, enabled: false, effective: false, fired: false, state: "disabled" }),
  );
  return [...enabled, ...off].sort(
    (a, b) =>
      STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) ||
      compareText(a.name, b.name) ||
      compareText(a.id, b.id),
  );
}

/** Every assessed technique and sub-technique, by id order. */
export function techniqueDetails(attack: AttackResult, catalog: AttackCatalog, snapshot: Snapshot): TechniqueDetail[] {
  const tacticNames = new Map(catalog.tactics.map((tactic) => [tactic.shortname, tactic.name]));
  const tacticOrder = catalog.tactics.map((tactic) => tactic.shortname);
  const platforms = new Map(catalog.techniques.map((technique) => [technique.id, technique.platforms]));
  const names = new Map(populationOf(snapshot).map((rule) => [rule.id, rule.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const disabled = disabledRulesByTechnique(snapshot);
  const subs = new Map<string, string[]>();
  for (const technique of attack.techniques) {
    if (technique.parent !== null) subs.set(technique.parent, [...(subs.get(technique.parent) ?? []), technique.id]);
  }

  return [...attack.techniques]
    .sort((a, b) => compareIds(a.id, b.id))
    .map((technique) => ({
      id: technique.id,
      name: technique.name,
      parent: technique.parent,
      score: technique.score,
      score_label: scoreLabel(technique.score),
      gap: technique.score < attack.gap_below && technique.disposition === null,
      tactics: [...technique.tactics]
        .sort((a, b) => tacticOrder.indexOf(a) - tacticOrder.indexOf(b))
        .map((shortname) => tacticNames.get(shortname) ?? shortname),
      platforms: [...(platforms.get(technique.id) ?? [])].sort(compareText),
      reason: technique.reason,
      reason_label: GAP_REASON_LABELS[technique.reason],
      reason_text: techniqueReason(technique, attack),
      disposition: technique.disposition,
      rules: rulesOf(technique, disabled.get(technique.id) ?? [], nameOf),
      sources: technique.visibility.sources,
      log_sources: technique.visibility.log_sources,
      subs: [...(subs.get(technique.id) ?? [])].sort(compareIds),
    }));
}
