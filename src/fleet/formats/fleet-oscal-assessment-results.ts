/**
 * assessment-results.json: the fleet as one OSCAL 1.1.2 assessment-results
 * document, built from the same parts as an org pack's
 * (report/formats/oscal-assessment-results.ts).
 *
 * - Each org is a party (type organization, its fleet name as short name)
 *   and the subject of its own observations.
 * - One observation per control and assessing org: that org's status, read
 *   from its pack (method EXAMINE: the fleet reviews the org's assessment),
 *   with its pack's assessment.json as relevant evidence. Org packs sit
 *   beside the fleet pack (`../<org>/`), as `pack --all-orgs` writes them.
 * - One finding per control: the worst-of status, satisfied only for pass,
 *   accepted and not_applicable, related to every org's observation.
 * - The method resource links each org pack's manifest.json with the
 *   SHA-256 the fleet manifest records for it.
 * - UUIDs are name-based on the period and the org packs' manifest hashes,
 *   so the same org packs always give the same bytes.
 */
import type { RenderedFile } from "../../report/contract.js";
import { ASSESSMENT_JSON } from "../../report/formats/assessment-json.js";
import {
  findingsWithObservations,
  findingTarget,
  methodUuid,
  OSCAL_FILE,
  OSCAL_VERSION,
  observationExpiry,
  props,
  relatedObservations,
  STATUS_REMARKS,
  toolAssets,
  versionPairs,
} from "../../report/formats/oscal-assessment-results.js";
import { oscalToken, uuidV5 } from "../../report/oscal-ids.js";
import { stableJson } from "../../report/stable-json.js";
import type { FleetFormat, FleetReportInput } from "../contract.js";
import type { FleetControl, FleetFramework } from "../schema.js";
import { FLEET_JSON } from "./fleet-json.js";

export const FLEET_OSCAL_FILE = OSCAL_FILE;

/** A file of an org pack, as seen from the fleet pack beside it (`DIR/fleet/` and `DIR/<org>/`). */
export const orgPackHref = (org: string, path: string) => `../${org}/${path}`;

interface FleetContext {
  input: FleetReportInput;
  base: string;
  toolUuid: string;
  partyUuid(org: string): string;
}

/** The orgs that assess the control with their statuses, in the fleet's order (by name). */
function orgStatuses(ctx: FleetContext, control: FleetControl) {
  return ctx.input.fleet.orgs.flatMap((org) => {
    const status = control.orgs[org.name];
    return status === undefined ? [] : [{ org, name: org.name, status }];
  });
}

function observationsOf(ctx: FleetContext, framework: FleetFramework, control: FleetControl) {
  const { period } = ctx.input.fleet;
  return orgStatuses(ctx, control).map(({ org, name, status }) => {
    return {
      uuid: uuidV5(`${ctx.base}/observation/${framework.id}/${control.id}/${name}`),
      title: `${name}: ${framework.id} ${control.id}`,
      description: `Datadog organisation ${name} (${org.site}): ${STATUS_REMARKS[status]}`,
      props: props([
        ["org", name],
        ["status", status],
      ]),
      methods: ["EXAMINE"],
      types: ["control-objective"],
      origins: [{ actors: [{ type: "tool", "actor-uuid": ctx.toolUuid }] }],
      subjects: [{ "subject-uuid": ctx.partyUuid(name), type: "party", title: name }],
      "relevant-evidence": [
        {
          href: orgPackHref(name, ASSESSMENT_JSON),
          description: `The assessment in ${name}'s pack, whose manifest.json has SHA-256 ${org.manifest_sha256}`,
        },
      ],
      collected: org.collected_at,
      expires: observationExpiry(org.collected_at, period),
    };
  });
}

function findingOf(ctx: FleetContext, framework: FleetFramework, control: FleetControl, observationUuids: string[]) {
  const byOrg = orgStatuses(ctx, control).map(({ name, status }) => `${name} ${status}`);
  return {
    uuid: uuidV5(`${ctx.base}/finding/${framework.id}/${control.id}`),
    title: `${framework.name} ${control.label ?? control.id}: ${control.title}`,
    description: `${control.status} in ${control.worst_orgs.join(", ")}: the worst of ${byOrg.join(", ")}.`,
    props: props([
      ["status", control.status],
      ["worst-orgs", control.worst_orgs.join(" ")],
    ]),
    target: findingTarget(framework.id, control, oscalToken(framework.id, control.id)),
    ...relatedObservations(observationUuids),
  };
}

function resultOf(ctx: FleetContext) {
  const { fleet, versions } = ctx.input;
  const { observations, findings } = findingsWithObservations(
    fleet.frameworks,
    (framework, control) => observationsOf(ctx, framework, control),
    (framework, control, uuids) => findingOf(ctx, framework, control, uuids),
  );
  const missing = fleet.orgs.flatMap((org) => org.missing_evidence.map((collector) => `${org.name}/${collector}`));
  return {
    uuid: uuidV5(`${ctx.base}/result`),
    title: `Security monitoring evidence for ${fleet.period.label} across ${fleet.orgs.length} Datadog organisations`,
    description:
      `Controls of ${fleet.frameworks.map((framework) => `${framework.name} ${framework.version}`).join(", ")}, ` +
      `judged in each organisation's pack (${fleet.orgs.map((org) => org.name).join(", ")}) and combined: ` +
      "a control's status is the worst of the organisations that assess its framework.",
    start: fleet.period.from,
    end: fleet.period.to,
    props: props([
      ["period", fleet.period.label],
      ["evidence-complete", String(fleet.complete)],
      ...fleet.orgs.map((org) => ["org", org.name] as const),
    ]),
    "local-definitions": { "assessment-assets": toolAssets(ctx.base, ctx.toolUuid, versions.ddproof ?? "unknown") },
    "reviewed-controls": {
      "control-selections": fleet.frameworks.map((framework) => ({
        description: `${framework.name} ${framework.version}`,
        "include-controls": framework.controls.map((control) => ({
          "control-id": oscalToken(framework.id, control.id),
        })),
      })),
    },
    ...(observations.length === 0 ? {} : { observations }),
    ...(findings.length === 0 ? {} : { findings }),
    ...(missing.length === 0 ? {} : { remarks: `Evidence could not be collected: ${missing.join(", ")}.` }),
  };
}

/** How the fleet's results were made, linking each org pack's manifest by the hash the fleet recorded. */
function methodResource(ctx: FleetContext) {
  const { fleet, versions } = ctx.input;
  const catalogs = Object.entries(fleet.catalogs).map(([id, version]) => `${id} ${version}`);
  return {
    uuid: methodUuid(ctx.base),
    title: "ddproof fleet assessment method",
    description: [
      `Combined by ddproof ${versions.ddproof ?? "(version unknown)"} from ${fleet.orgs.length} org packs over ${fleet.period.label}: ${fleet.orgs.map((org) => org.name).join(", ")}.`,
      `Catalogs: ${catalogs.join(", ") || "none"}.`,
      "Each org pack judged its own organisation's controls from its own snapshot. A control's fleet status is the worst of the organisations that assess its framework, in the order fail, unknown, partial, manual, accepted, pass, not_applicable. Each org pack's manifest lists the SHA-256 of its every file; the fleet pack's manifest lists the SHA-256 of each org pack's manifest.",
    ].join("\n\n"),
    props: props([
      ["tool-version", versions.ddproof ?? null],
      ...catalogs.map((catalog) => ["catalog", catalog] as const),
    ]),
    rlinks: [
      { href: FLEET_JSON, "media-type": "application/json" },
      ...fleet.orgs.map((org) => ({
        href: orgPackHref(org.name, "manifest.json"),
        "media-type": "application/json",
        hashes: [{ algorithm: "SHA-256", value: org.manifest_sha256 }],
      })),
    ],
  };
}

export function buildFleetAssessmentResults(input: FleetReportInput) {
  const { fleet } = input;
  // The org packs' manifests hash everything they hold: they name this fleet's UUIDs.
  const base = `fleet|${fleet.period.from}|${fleet.period.to}|${fleet.orgs.map((org) => `${org.name}:${org.manifest_sha256}`).join(",")}`;
  const ctx: FleetContext = {
    input,
    base,
    toolUuid: uuidV5(`${base}/component/ddproof`),
    partyUuid: (org) => uuidV5(`${base}/party/${org}`),
  };
  const names = fleet.orgs.map((org) => org.name).join(", ");
  return {
    "assessment-results": {
      uuid: uuidV5(`${base}/document`),
      metadata: {
        title: `ddproof fleet assessment results: ${names}, ${fleet.period.label}`,
        "last-modified": fleet.collected_at,
        version: fleet.collected_at,
        "oscal-version": OSCAL_VERSION,
        props: props(versionPairs(input.versions)),
        parties: fleet.orgs.map((org) => ({
          uuid: ctx.partyUuid(org.name),
          type: "organization",
          name: org.display_name ?? org.name,
          "short-name": org.name,
          props: props([
            ["datadog-site", org.site],
            ["evidence-complete", String(org.complete)],
            ["manifest-sha256", org.manifest_sha256],
          ]),
        })),
      },
      "import-ap": {
        href: `#${methodUuid(base)}`,
        remarks:
          "No separate assessment plan: each org pack applied ddproof's control mappings to its own snapshot, and this fleet pack combines their assessments, as the back-matter resource this points at describes.",
      },
      results: [resultOf(ctx)],
      "back-matter": { resources: [methodResource(ctx)] },
    },
  };
}

export const format: FleetFormat = {
  id: "fleet-oscal-assessment-results",
  kinds: ["evidence"],
  description:
    "assessment-results.json: OSCAL 1.1.2 assessment results of the fleet, each org a party and the subject of its observations, for GRC tools",
  async render(input): Promise<RenderedFile[]> {
    return [{ path: FLEET_OSCAL_FILE, text: stableJson(buildFleetAssessmentResults(input)) }];
  },
};
