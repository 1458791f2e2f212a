/**
 * Combines checked org packs (check-packs.ts) into the FleetAssessment: a
 * pure function of what the packs hold, never of the order they were given
 * in, the folders they sit in or the clock.
 *
 * - Orgs are sorted by name, and every list and record follows that order.
 * - A control's status is the worst (WORST_FIRST) of the orgs that assess its
 *   framework; a technique's score is the weakest of the orgs that assess
 *   ATT&CK. Orgs that do not assess it have no say.
 * - Frameworks, controls and techniques appear in the order the first org
 *   (by name) lists them, which is catalog order; anything only a later org
 *   has follows, in that org's order.
 */
import { ATTACK_FRAMEWORK_ID } from "../assess/attestations.js";
import { summarize } from "../assess/rollup.js";
import type { ControlStatus } from "../assess/schema.js";
import { compareText } from "../report/id-order.js";
import type { OrgPack } from "./read-org-pack.js";
import {
  FLEET_FORMAT,
  type FleetAssessment,
  type FleetAttack,
  type FleetControl,
  type FleetFramework,
  type FleetOrg,
  type FleetTechnique,
  WORST_FIRST,
} from "./schema.js";

/** The items of every org, keyed by id in first-seen order, each with the orgs that have it. */
function byId<T extends { id: string }>(
  orgs: readonly OrgPack[],
  itemsOf: (pack: OrgPack) => readonly T[] | null,
): Map<string, Array<{ org: string; item: T }>> {
  const merged = new Map<string, Array<{ org: string; item: T }>>();
  for (const pack of orgs) {
    for (const item of itemsOf(pack) ?? []) {
      const entries = merged.get(item.id) ?? [];
      entries.push({ org: pack.name, item });
      merged.set(item.id, entries);
    }
  }
  return merged;
}

const worstRank = (status: ControlStatus) => WORST_FIRST.indexOf(status);

function fleetControls(orgs: readonly OrgPack[], frameworkId: string): FleetControl[] {
  const controls = byId(orgs, (pack) => pack.assessment.frameworks.find((f) => f.id === frameworkId)?.controls ?? null);
  return [...controls.values()].map((entries) => {
    const { item: first } = entries[0]!;
    const status = entries.map((entry) => entry.item.status).sort((a, b) => worstRank(a) - worstRank(b))[0]!;
    return {
      id: first.id,
      ...(first.label === undefined ? {} : { label: first.label }),
      title: first.title,
      parent: first.parent,
      monitoring_relevant: first.monitoring_relevant,
      status,
      orgs: Object.fromEntries(entries.map((entry) => [entry.org, entry.item.status])),
      worst_orgs: entries.filter((entry) => entry.item.status === status).map((entry) => entry.org),
    };
  });
}

function fleetFrameworks(orgs: readonly OrgPack[]): FleetFramework[] {
  const frameworks = byId(orgs, (pack) => pack.assessment.frameworks);
  return [...frameworks.values()].map((entries) => {
    const { item: first } = entries[0]!;
    const controls = fleetControls(orgs, first.id);
    return {
      id: first.id,
      name: first.name,
      version: first.version,
      orgs: entries.map((entry) => entry.org),
      summary: summarize(controls.map((control) => control.status)),
      controls,
    };
  });
}

function fleetAttack(orgs: readonly OrgPack[]): FleetAttack | null {
  const assessing = orgs.filter((pack) => pack.assessment.attack !== null);
  const first = assessing[0]?.assessment.attack;
  if (first === undefined || first === null) return null;
  const techniques = byId(assessing, (pack) => pack.assessment.attack!.techniques);
  return {
    version: first.version,
    gap_below: first.gap_below,
    orgs: assessing.map((pack) => pack.name),
    techniques: [...techniques.values()].map((entries): FleetTechnique => {
      const { item: technique } = entries[0]!;
      const score = Math.min(...entries.map((entry) => entry.item.score));
      const weakest = entries.filter((entry) => entry.item.score === score);
      return {
        id: technique.id,
        name: technique.name,
        tactics: technique.tactics,
        parent: technique.parent,
        score,
        orgs: Object.fromEntries(entries.map((entry) => [entry.org, entry.item.score])),
        weakest_orgs: weakest.map((entry) => entry.org),
        reason: weakest[0]!.item.reason,
      };
    }),
  };
}

function fleetOrg(pack: OrgPack): FleetOrg {
  const { manifest, assessment } = pack;
  return {
    name: pack.name,
    site: pack.snapshotOrg.site,
    display_name: pack.snapshotOrg.name,
    collected_at: manifest.collected_at,
    complete: manifest.complete,
    missing_evidence: manifest.missing_evidence,
    manifest_sha256: pack.manifestSha256,
    frameworks: [
      ...assessment.frameworks.map((framework) => framework.id),
      ...(assessment.attack === null ? [] : [ATTACK_FRAMEWORK_ID]),
    ],
    top_actions: pack.plan?.actions ?? [],
  };
}

/** The latest of the orgs' collection times (compared as instants, written as the org wrote it). */
function latest(times: readonly string[]): string {
  return times.reduce((a, b) => (Date.parse(b) > Date.parse(a) || (Date.parse(b) === Date.parse(a) && b > a) ? b : a));
}

/** The fleet of packs that check-packs.ts accepted (at least one, names unique, one kind and period). */
export function combineOrgPacks(packs: readonly OrgPack[]): FleetAssessment {
  const orgs = [...packs].sort((a, b) => compareText(a.name, b.name));
  const first = orgs[0]!;
  const catalogs: Record<string, string> = {};
  for (const pack of orgs) Object.assign(catalogs, pack.manifest.catalogs);
  return {
    format: FLEET_FORMAT,
    kind: first.manifest.kind,
    period: first.manifest.period,
    collected_at: latest(orgs.map((pack) => pack.manifest.collected_at)),
    complete: orgs.every((pack) => pack.manifest.complete),
    catalogs: Object.fromEntries(
      Object.keys(catalogs)
        .sort(compareText)
        .map((id) => [id, catalogs[id]!]),
    ),
    orgs: orgs.map(fleetOrg),
    frameworks: fleetFrameworks(orgs),
    attack: fleetAttack(orgs),
  };
}
