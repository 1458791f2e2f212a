/**
 * FleetAssessments for the fleet view tests, built in memory from the
 * shipped catalogs (so tables have real sizes) and parsed with the fleet
 * schema. Statuses and scores come from a hash of org, framework and id, so
 * orgs differ and every run is the same; a few samples are fixed so tests
 * can name them. The worst-of and weakest rules are applied here on their
 * own, the way the fleet contract states them.
 *
 * The 3-org fleet: ap-south (no HIPAA, no actions), eu-west (incomplete:
 * signals missing) and us-east. The 20-org fleet shows the PDF's column
 * groups; some of its names are long.
 */
import { createHash } from "node:crypto";
import type { ControlStatus } from "../../src/assess/schema.js";
import { loadAttackCatalog } from "../../src/catalogs/attack/load.js";
import type { AttackCatalog } from "../../src/catalogs/attack/schema.js";
import { loadFrameworkCatalogs } from "../../src/catalogs/load.js";
import type { FrameworkCatalog } from "../../src/catalogs/schema.js";
import type { FleetReportInput } from "../../src/fleet/contract.js";
import { FLEET_FORMAT, FleetAssessment, WORST_FIRST } from "../../src/fleet/schema.js";
import type { PlanAction } from "../../src/plan/plan.js";

export const PCI = "pci-dss-4.0.1";
export const SOC2 = "soc2-2017";
export const HIPAA = "hipaa-security-rule";
export const ATTACK_ID = "mitre-attack";
const FRAMEWORKS = [PCI, SOC2, HIPAA] as const;

export interface FixtureOrg {
  name: string;
  display_name: string | null;
  site: string;
  collected_at: string;
  missing_evidence: string[];
  frameworks: string[];
}

/** A display name HTML escaping would change: it must reach every view as written. */
export const ODD_DISPLAY_NAME = "APAC <South> & Partners";

export const THREE_ORGS: readonly FixtureOrg[] = [
  {
    name: "ap-south",
    display_name: ODD_DISPLAY_NAME,
    site: "ap1.datadoghq.com",
    collected_at: "2026-10-01T05:40:00Z",
    missing_evidence: [],
    frameworks: [PCI, SOC2, ATTACK_ID],
  },
  {
    name: "eu-west",
    display_name: "Acme EU",
    site: "datadoghq.eu",
    collected_at: "2026-10-01T06:00:00Z",
    missing_evidence: ["signals"],
    frameworks: [PCI, SOC2, HIPAA, ATTACK_ID],
  },
  {
    name: "us-east",
    display_name: null,
    site: "datadoghq.com",
    collected_at: "2026-10-01T05:55:00Z",
    missing_evidence: [],
    frameworks: [PCI, SOC2, HIPAA, ATTACK_ID],
  },
];

const TWENTY_NAMES = [
  "ap-south",
  "apac-retail-prod",
  "ca-central",
  "cards-eu-west-1",
  "cards-us-east-1",
  "data-platform",
  "eu-central",
  "eu-west",
  "gov-us-west",
  "k8s-shared-services",
  "latam",
  "media-streaming-prod",
  "mobile-backend",
  "payments-eu-prod",
  "payments-us-prod",
  "sandbox",
  "sec-tooling",
  "uk-south",
  "us-east",
  "us-west",
];

/** Twenty orgs; every fourth lacks HIPAA, the third is incomplete. */
export const TWENTY_ORGS: readonly FixtureOrg[] = TWENTY_NAMES.map((name, i) => ({
  name,
  display_name: `Business unit ${i + 1}`,
  site: i % 3 === 0 ? "datadoghq.eu" : "datadoghq.com",
  collected_at: `2026-10-01T05:${String(10 + i * 2).padStart(2, "0")}:00Z`,
  missing_evidence: i === 2 ? ["agents", "signals"] : [],
  frameworks: i % 4 === 1 ? [PCI, SOC2, ATTACK_ID] : [PCI, SOC2, HIPAA, ATTACK_ID],
}));

/** Fixed per-org values the tests read back: fleet status fail (eu-west), unknown (eu-west), manual (HIPAA: no ap-south). */
export const SAMPLE_STATUSES: Record<string, Record<string, Record<string, ControlStatus>>> = {
  [PCI]: { "10.2.1": { "ap-south": "pass", "eu-west": "fail", "us-east": "partial" } },
  [SOC2]: { "CC7.2": { "ap-south": "pass", "eu-west": "unknown", "us-east": "pass" } },
  [HIPAA]: { "164.312(b)": { "eu-west": "manual", "us-east": "pass" } },
};
export const SAMPLE_SCORES: Record<string, Record<string, number>> = {
  T1110: { "ap-south": 4, "eu-west": 1, "us-east": 3 },
  T1059: { "ap-south": 3, "eu-west": 3, "us-east": 3 },
};

export const PERIOD = {
  label: "2026-Q3",
  from: "2026-07-01T00:00:00Z",
  to: "2026-10-01T00:00:00Z",
  timezone: "UTC",
};
export const VERSIONS = { ddproof: "0.1.0", [PCI]: "4.0.1", [ATTACK_ID]: "18.1" };
const GAP_BELOW = 3;

/** 0 … n-1 from a hash of the parts: stable, spread, and different per org. */
function pick(n: number, ...parts: string[]): number {
  return createHash("sha256").update(parts.join("\n")).digest().readUInt32BE(0) % n;
}

/** Mostly pass, often partial or fail, now and then the rest. */
const STATUS_WHEEL: readonly ControlStatus[] = [
  ...Array<ControlStatus>(8).fill("pass"),
  "partial",
  "partial",
  "partial",
  "fail",
  "fail",
  "fail",
  "unknown",
  "manual",
  "manual",
  "accepted",
  "not_applicable",
];

function worstOf<T>(values: ReadonlyMap<string, T>, rank: (value: T) => number): { worst: T; orgs: string[] } {
  const entries = [...values];
  const worst = entries.reduce((a, b) => (rank(b[1]) < rank(a[1]) ? b : a))[1];
  return { worst, orgs: entries.filter(([, value]) => rank(value) === rank(worst)).map(([org]) => org) };
}

function frameworkOf(catalog: FrameworkCatalog, orgs: readonly FixtureOrg[]) {
  const assessing = orgs.filter((org) => org.frameworks.includes(catalog.id)).map((org) => org.name);
  const summary = { pass: 0, partial: 0, fail: 0, unknown: 0, manual: 0, accepted: 0, not_applicable: 0 };
  const controls = catalog.controls.map((control) => {
    const statuses = new Map(
      assessing.map((org) => {
        const fixed = SAMPLE_STATUSES[catalog.id]?.[control.id]?.[org];
        return [org, fixed ?? STATUS_WHEEL[pick(STATUS_WHEEL.length, org, catalog.id, control.id)]!] as const;
      }),
    );
    const { worst, orgs: worstOrgs } = worstOf(statuses, (status) => WORST_FIRST.indexOf(status));
    summary[worst] += 1;
    return {
      id: control.id,
      ...(control.label === undefined ? {} : { label: control.label }),
      title: control.title,
      parent: control.parent,
      monitoring_relevant: control.monitoring_relevant,
      status: worst,
      orgs: Object.fromEntries(statuses),
      worst_orgs: worstOrgs,
    };
  });
  return { id: catalog.id, name: catalog.name, version: catalog.version, orgs: assessing, summary, controls };
}

function attackOf(catalog: AttackCatalog, orgs: readonly FixtureOrg[]) {
  const assessing = orgs.filter((org) => org.frameworks.includes(ATTACK_ID)).map((org) => org.name);
  const techniques = catalog.techniques
    .filter((technique) => !technique.revoked && !technique.deprecated)
    .map((technique) => {
      const scores = new Map(
        assessing.map((org) => [org, SAMPLE_SCORES[technique.id]?.[org] ?? pick(6, org, technique.id)] as const),
      );
      const { worst, orgs: weakest } = worstOf(scores, (score) => score);
      return {
        id: technique.id,
        name: technique.name,
        tactics: technique.tactics,
        parent: technique.parent,
        score: worst,
        orgs: Object.fromEntries(scores),
        weakest_orgs: weakest,
        reason: worst < GAP_BELOW ? ("no_rule" as const) : ("covered" as const),
      };
    });
  return { version: catalog.version, gap_below: GAP_BELOW, orgs: assessing, techniques };
}

function actionsOf(org: FixtureOrg, kind: FleetAssessment["kind"]): PlanAction[] {
  if (kind !== "gap" || org.name === "ap-south") return [];
  return [1, 2].map((rank) => ({
    rank,
    edit: `--enable-rule ${org.name}-rule-${rank}`,
    summary: `Enable the ${org.name} rule ${rank} (detects brute force)`,
    gain: 10 - rank * 3,
    techniques: [{ id: "T1110", from: 1, to: 3 }],
    controls: [{ framework: PCI, id: "10.2.1", from: "fail" as const, to: "pass" as const }],
    cumulative: { techniques: [{ id: "T1110", from: 1, to: 3 }], controls: [] },
  }));
}

let catalogs: Promise<{ frameworks: FrameworkCatalog[]; attack: AttackCatalog }> | null = null;
function shippedCatalogs() {
  catalogs ??= Promise.all([loadFrameworkCatalogs([...FRAMEWORKS]), loadAttackCatalog()]).then(
    ([frameworks, attack]) => ({ frameworks, attack }),
  );
  return catalogs;
}

export interface FleetFixtureOptions {
  orgs?: readonly FixtureOrg[];
  kind?: FleetAssessment["kind"];
}

export async function fleetFixture(options: FleetFixtureOptions = {}): Promise<FleetReportInput> {
  const orgs = [...(options.orgs ?? THREE_ORGS)].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const kind = options.kind ?? "evidence";
  const { frameworks, attack } = await shippedCatalogs();
  const fleet = FleetAssessment.parse({
    format: FLEET_FORMAT,
    kind,
    period: PERIOD,
    collected_at: orgs
      .map((org) => org.collected_at)
      .sort()
      .at(-1),
    complete: orgs.every((org) => org.missing_evidence.length === 0),
    catalogs: Object.fromEntries([
      ...frameworks.map((catalog) => [catalog.id, catalog.version]),
      [ATTACK_ID, attack.version],
    ]),
    orgs: orgs.map((org) => ({
      name: org.name,
      site: org.site,
      display_name: org.display_name,
      collected_at: org.collected_at,
      complete: org.missing_evidence.length === 0,
      missing_evidence: org.missing_evidence,
      manifest_sha256: createHash("sha256").update(org.name).digest("hex"),
      frameworks: org.frameworks,
      top_actions: actionsOf(org, kind),
    })),
    frameworks: frameworks.map((catalog) => frameworkOf(catalog, orgs)),
    attack: attackOf(attack, orgs),
  });
  return { fleet, templates: {}, versions: VERSIONS, attack };
}
