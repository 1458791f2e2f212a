/**
 * attack-layer.json: the fleet's ATT&CK coverage as a Navigator layer
 * (format 4.5, like an org pack's, built by the same code). A technique's
 * score is its weakest org's, on the same colour scale; its metadata
 * carries every assessing org's score (`Score: <org>`), so a drill-down in
 * Navigator shows which org holds the fleet back. No file when no org
 * assessed ATT&CK.
 */
import { ATTACK_SCORE_SCALE } from "../../report/attack-score-scale.js";
import type { RenderedFile } from "../../report/contract.js";
import {
  ATTACK_LAYER_FILE,
  entriesPerTactic,
  type LayerMetadata,
  type LayerTechnique,
  type NavigatorLayer,
  navigatorLayer,
  SCORE_LADDER_TEXT,
  versionMetadata,
} from "../../report/formats/attack-layer.js";
import { GAP_REASON_LABELS } from "../../report/gaps.js";
import { stableJson } from "../../report/stable-json.js";
import type { FleetFormat, FleetReportInput } from "../contract.js";
import type { FleetAttack, FleetOrg, FleetTechnique } from "../schema.js";

export const FLEET_ATTACK_LAYER_FILE = ATTACK_LAYER_FILE;

/** The metadata name of an org's score on a technique. */
export const orgScoreName = (org: string) => `Score: ${org}`;

const scoreLabel = (score: number) => ATTACK_SCORE_SCALE[score]?.label ?? `Score ${score}`;

function techniqueEntries(technique: FleetTechnique, attack: FleetAttack): LayerTechnique[] {
  const scored = attack.orgs.flatMap((org) => {
    const score = technique.orgs[org];
    return score === undefined ? [] : [{ org, score }];
  });
  const metadata: LayerMetadata[] = [
    { name: "Weakest orgs", value: technique.weakest_orgs.join(", ") },
    { name: "Reason", value: GAP_REASON_LABELS[technique.reason] },
    ...scored.map(({ org, score }) => ({ name: orgScoreName(org), value: String(score) })),
  ];
  const scores = scored.map(({ org, score }) => `${org} ${score}`).join(", ");
  const comment =
    `${scoreLabel(technique.score)} (score ${technique.score}) in the weakest org, ${technique.weakest_orgs.join(", ")}: ` +
    `${GAP_REASON_LABELS[technique.reason]}. Scores by org: ${scores}.`;
  return entriesPerTactic(technique, attack.techniques, comment, metadata);
}

const orgLabel = (org: FleetOrg) => (org.display_name === null ? org.name : `${org.name} (${org.display_name})`);

function layerMetadata(input: FleetReportInput, attack: FleetAttack): LayerMetadata[] {
  const { fleet } = input;
  const incomplete = fleet.orgs.flatMap((org) => org.missing_evidence.map((collector) => `${org.name}/${collector}`));
  return [
    { name: "Organisations", value: fleet.orgs.map(orgLabel).join(", ") },
    { name: "Datadog sites", value: fleet.orgs.map((org) => `${org.name}: ${org.site}`).join(", ") },
    { name: "Period", value: `${fleet.period.label} (${fleet.period.from} to ${fleet.period.to})` },
    { name: "Collected at", value: fleet.collected_at },
    {
      name: "Evidence complete",
      value: fleet.complete ? "yes" : `no: ${incomplete.join(", ") || "see the org packs"}`,
    },
    { name: "Gap below score", value: String(attack.gap_below) },
    { name: "ATT&CK version", value: attack.version },
    ...versionMetadata(input.versions),
  ];
}

export function buildFleetAttackLayer(input: FleetReportInput): NavigatorLayer | null {
  const { fleet } = input;
  const attack = fleet.attack;
  if (attack === null) return null;
  const orgs = attack.orgs.join(", ");
  return navigatorLayer({
    name: `ATT&CK coverage: fleet of ${orgs}, ${fleet.period.label}`,
    description:
      `Detection coverage of the fleet (${orgs}) for ${fleet.period.label}: each technique scored by its weakest org, ` +
      `every org's score in its metadata; latest collection ${fleet.collected_at}. ${SCORE_LADDER_TEXT}`,
    attackVersion: attack.version,
    techniques: attack.techniques.flatMap((technique) => techniqueEntries(technique, attack)),
    metadata: layerMetadata(input, attack),
  });
}

export const format: FleetFormat = {
  id: "fleet-attack-layer",
  kinds: ["evidence", "attack"],
  description:
    "attack-layer.json: ATT&CK Navigator layer (format 4.5) scored by each technique's weakest org, every org's score in its metadata",
  async render(input): Promise<RenderedFile[]> {
    const layer = buildFleetAttackLayer(input);
    return layer === null ? [] : [{ path: FLEET_ATTACK_LAYER_FILE, text: stableJson(layer) }];
  },
};
