/**
 * attack-layer.json: the ATT&CK coverage as an ATT&CK Navigator layer
 * (layer format 4.5, loads in Navigator 4.9 and later). Each technique
 * appears once per tactic it belongs to, because Navigator annotates a
 * (technique, tactic) cell; the score is the coverage ladder's 0–5 and the
 * gradient maps each score exactly onto its colour in attack-score-scale.ts.
 * No file when ATT&CK was not assessed.
 */
import type { AttackResult, TechniqueResult } from "../../assess/schema.js";
import { ATTACK_SCORE_SCALE } from "../attack-score-scale.js";
import type { RenderedFile, ReportFormat, ReportInput } from "../contract.js";
import { GAP_REASON_LABELS } from "../gaps.js";
import { compareText } from "../id-order.js";
import { ruleNamer } from "../rule-names.js";
import { stableJson } from "../stable-json.js";
import { techniqueReason } from "../technique-reason.js";

export const ATTACK_LAYER_FILE = "attack-layer.json";
export const LAYER_FORMAT_VERSION = "4.5";
/** The Navigator release the layer is written for; format 4.5 needs at least 4.9.0. */
export const NAVIGATOR_VERSION = "4.9.1";
export const LAYER_DOMAIN = "enterprise-attack";

export interface LayerMetadata {
  name: string;
  value: string;
}

export interface LayerTechnique {
  techniqueID: string;
  tactic: string;
  score: number;
  comment: string;
  enabled: boolean;
  metadata: LayerMetadata[];
  showSubtechniques: boolean;
}

export interface NavigatorLayer {
  name: string;
  versions: { attack: string; navigator: string; layer: string };
  domain: string;
  description: string;
  filters?: { platforms: string[] };
  sorting: number;
  layout: {
    layout: "side" | "flat" | "mini";
    showID: boolean;
    showName: boolean;
    showAggregateScores: boolean;
    countUnscored: boolean;
    aggregateFunction: "average" | "min" | "max" | "sum";
    expandedSubtechniques: "none" | "all" | "annotated";
  };
  hideDisabled: boolean;
  techniques: LayerTechnique[];
  gradient: { colors: string[]; minValue: number; maxValue: number };
  legendItems: Array<{ label: string; color: string }>;
  showTacticRowBackground: boolean;
  tacticRowBackground: string;
  selectTechniquesAcrossTactics: boolean;
  selectSubtechniquesWithParent: boolean;
  selectVisibleTechniques: boolean;
  metadata: LayerMetadata[];
}

/** Navigator sorts techniques within a tactic by this: 3 = score, highest first. */
const SORT_BY_SCORE_DESCENDING = 3;

/** `18.1` → `18`: Navigator names ATT&CK releases by their major version. */
export function attackMajorVersion(version: string): string {
  return version.split(".")[0]!;
}

function techniqueEntries(
  technique: TechniqueResult,
  attack: AttackResult,
  ruleName: (id: string) => string,
): LayerTechnique[] {
  const named = (ids: readonly string[]) => ids.map((id) => `${ruleName(id)} (${id})`).join(", ");
  const label = ATTACK_SCORE_SCALE[technique.score]?.label ?? `Score ${technique.score}`;
  const { enabled, effective, fired } = technique.rules;
  const facts: Array<[string, string]> = [
    ["Reason", GAP_REASON_LABELS[technique.reason]],
    ["Enabled rules", named(enabled)],
    ["Effective rules", named(effective)],
    ["Fired rules", named(fired)],
    ["Visible sources", technique.visibility.sources.join(", ")],
    ["ATT&CK log sources", technique.visibility.log_sources.join(", ")],
    ["Disposition", technique.disposition ?? ""],
  ];
  const metadata = facts.filter(([, value]) => value !== "").map(([name, value]) => ({ name, value }));
  const rules =
    enabled.length === 0
      ? "No enabled rule."
      : `Enabled: ${named(enabled)}. Effective: ${named(effective) || "none"}. Fired: ${named(fired) || "none"}.`;
  const comment = `${label} (score ${technique.score}): ${techniqueReason(technique, attack)}. ${rules}`;
  return entriesPerTactic(technique, attack.techniques, comment, metadata);
}

type ScoredTechnique = { id: string; tactics: readonly string[]; score: number; parent: string | null };

/**
 * Navigator annotates a (technique, tactic) cell: one entry per tactic of
 * the technique, its sub-techniques shown when one of them scores.
 */
export function entriesPerTactic(
  technique: ScoredTechnique,
  all: readonly ScoredTechnique[],
  comment: string,
  metadata: LayerMetadata[],
): LayerTechnique[] {
  const subScored = all.some((sub) => sub.parent === technique.id && sub.score > 0);
  return technique.tactics.map((tactic) => ({
    techniqueID: technique.id,
    tactic,
    score: technique.score,
    comment,
    enabled: true,
    metadata,
    showSubtechniques: subScored,
  }));
}

/** One `Version: <name>` entry per tool and catalog version, by name. */
export function versionMetadata(versions: Readonly<Record<string, string>>): LayerMetadata[] {
  return Object.keys(versions)
    .sort(compareText)
    .map((key) => ({ name: `Version: ${key}`, value: versions[key]! }));
}

function layerMetadata(input: ReportInput, attack: AttackResult): LayerMetadata[] {
  const { snapshot } = input;
  const versions = versionMetadata(input.versions);
  return [
    { name: "Organisation", value: snapshot.org.name ?? snapshot.org.site },
    { name: "Datadog site", value: snapshot.org.site },
    { name: "Period", value: `${snapshot.period.label} (${snapshot.period.from} to ${snapshot.period.to})` },
    { name: "Collected at", value: snapshot.collected_at },
    {
      name: "Evidence complete",
      value: input.assessment.complete ? "yes" : `no: ${attack.missing_evidence.join(", ") || "see snapshot warnings"}`,
    },
    { name: "Gap below score", value: String(attack.gap_below) },
    { name: "ATT&CK version", value: attack.version },
    ...versions,
  ];
}

/** A layer's own content; everything else is the same in every layer ddproof writes. */
export interface LayerContent {
  name: string;
  description: string;
  /** The ATT&CK release, e.g. `18.1`. */
  attackVersion: string;
  /** The platforms to filter on; none, no filter. */
  platforms?: string[];
  techniques: LayerTechnique[];
  metadata: LayerMetadata[];
}

/** "Scores: 0 no enabled rule…; 1 …": the ladder, for a layer's description. */
export const SCORE_LADDER_TEXT = `Scores: ${ATTACK_SCORE_SCALE.map((step) => `${step.score} ${step.meaning}`).join("; ")}.`;

/** A Navigator layer around `content`: versions, layout, and the score scale's gradient and legend. */
export function navigatorLayer(content: LayerContent): NavigatorLayer {
  return {
    name: content.name,
    versions: {
      attack: attackMajorVersion(content.attackVersion),
      navigator: NAVIGATOR_VERSION,
      layer: LAYER_FORMAT_VERSION,
    },
    domain: LAYER_DOMAIN,
    description: content.description,
    ...(content.platforms === undefined ? {} : { filters: { platforms: content.platforms } }),
    sorting: SORT_BY_SCORE_DESCENDING,
    layout: {
      layout: "side",
      showID: true,
      showName: true,
      showAggregateScores: false,
      countUnscored: false,
      aggregateFunction: "average",
      expandedSubtechniques: "none",
    },
    hideDisabled: false,
    techniques: content.techniques,
    gradient: {
      colors: ATTACK_SCORE_SCALE.map((step) => step.color),
      minValue: 0,
      maxValue: ATTACK_SCORE_SCALE.length - 1,
    },
    legendItems: ATTACK_SCORE_SCALE.map((step) => ({ label: `${step.score}: ${step.label}`, color: step.color })),
    showTacticRowBackground: true,
    tacticRowBackground: "#dddddd",
    selectTechniquesAcrossTactics: true,
    selectSubtechniquesWithParent: false,
    selectVisibleTechniques: false,
    metadata: content.metadata,
  };
}

export function buildAttackLayer(input: ReportInput): NavigatorLayer | null {
  const attack = input.assessment.attack;
  if (attack === null) return null;
  const { snapshot } = input;
  const org = snapshot.org.name ?? snapshot.org.site;
  const ruleName = ruleNamer(snapshot);
  const assessed = new Set(attack.techniques.map((technique) => technique.id));
  const platforms = input.attack?.techniques
    .filter((technique) => assessed.has(technique.id))
    .flatMap((technique) => technique.platforms);
  return navigatorLayer({
    name: `ATT&CK coverage: ${org}, ${snapshot.period.label}`,
    description: `Detection coverage of ${org} for ${snapshot.period.label}, collected ${snapshot.collected_at}. ${SCORE_LADDER_TEXT}`,
    attackVersion: attack.version,
    ...(platforms === undefined ? {} : { platforms: [...new Set(platforms)].sort(compareText) }),
    techniques: attack.techniques.flatMap((technique) => techniqueEntries(technique, attack, ruleName)),
    metadata: layerMetadata(input, attack),
  });
}

export const format: ReportFormat = {
  id: "attack-layer",
  kinds: ["evidence", "attack"],
  description:
    "attack-layer.json: ATT&CK Navigator layer (format 4.5) of the coverage scores 0–5, with the rules behind each technique",
  async render(input): Promise<RenderedFile[]> {
    const layer = buildAttackLayer(input);
    return layer === null ? [] : [{ path: ATTACK_LAYER_FILE, text: stableJson(layer) }];
  },
};
