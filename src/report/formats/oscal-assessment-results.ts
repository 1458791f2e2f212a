/**
 * assessment-results.json: the assessment as an OSCAL 1.1.2
 * assessment-results document, for GRC tools that import OSCAL.
 *
 * - One result covering every assessed framework (ATT&CK techniques are not
 *   controls and stay in the Navigator layer). `reviewed-controls` lists
 *   every control, one selection per framework.
 * - One finding per control: `satisfied` for pass, accepted and
 *   not_applicable, `not-satisfied` for fail, partial, unknown and manual;
 *   the ddproof status is stated in the status remarks and a property.
 * - One observation per finding of the control (check result), method
 *   `TEST` for automated checks and `EXAMINE` for attestations and manual
 *   checks (OSCAL's method vocabulary has no "automated"; every observation
 *   names ddproof as the tool that made it). `collected` is the snapshot's
 *   collection time and `expires` is one period length later: a quarter's
 *   evidence is stale once the next quarter's is due.
 * - A catalog imported from OSCAL (NIST SP 800-53) is referenced by its own
 *   control and objective ids; other catalogs by ddproof tokens
 *   (oscal-targets.ts).
 * - `relevant-evidence` points at files in the pack (oscal-evidence.ts).
 * - UUIDs are name-based (oscal-ids.ts), so the file is byte-identical for
 *   the same inputs.
 */
import type { ControlResult, ControlStatus, Finding, FrameworkResult } from "../../assess/schema.js";
import type { RenderedFile, ReportFormat, ReportInput } from "../contract.js";
import { controlVerdict } from "../control-reason.js";
import { compareText } from "../id-order.js";
import { relevantEvidence } from "../oscal-evidence.js";
import { uuidV5 } from "../oscal-ids.js";
import { type OscalTargets, oscalTargets } from "../oscal-targets.js";
import { stableJson } from "../stable-json.js";
import { ASSESSMENT_JSON } from "./assessment-json.js";
import { SNAPSHOT_JSON } from "./snapshot-json.js";

export const OSCAL_FILE = "assessment-results.json";
export const OSCAL_VERSION = "1.1.2";
/** Namespace of ddproof's own OSCAL properties. */
export const DDPROOF_OSCAL_NS = "urn:ddproof:oscal";

export interface Prop {
  name: string;
  ns: string;
  value: string;
}

const prop = (name: string, value: string): Prop => ({ name, ns: DDPROOF_OSCAL_NS, value });

/** Properties from name/value pairs; OSCAL forbids blank or space-padded values, so those are trimmed or left out. */
export function props(pairs: ReadonlyArray<readonly [string, string | null]>): Prop[] {
  return pairs.flatMap(([name, value]) => (value === null || value.trim() === "" ? [] : [prop(name, value.trim())]));
}

export const STATUS_REMARKS: Record<ControlStatus, string> = {
  pass: "ddproof status: pass (the evidence meets the requirement)",
  accepted: "ddproof status: accepted (an active, recorded risk acceptance)",
  not_applicable: "ddproof status: not_applicable (attested as not applicable)",
  fail: "ddproof status: fail",
  partial: "ddproof status: partial (part of the evidence falls short or still needs a person)",
  unknown: "ddproof status: unknown (evidence could not be collected or is insufficient)",
  manual: "ddproof status: manual (needs a person's attestation, and none is active)",
};

const SATISFIED: ReadonlySet<ControlStatus> = new Set(["pass", "accepted", "not_applicable"]);

/** Automated checks are tests of the org's configuration; attestations are examined documents. */
function methodOf(finding: Finding): "TEST" | "EXAMINE" {
  const byPerson =
    finding.check === "manual" ||
    finding.check === "attestation" ||
    finding.evidence.some((ref) => ref.type === "attestation");
  return byPerson ? "EXAMINE" : "TEST";
}

/** Evidence of a quarter stays current for one more quarter: collected_at plus the period's length. */
export function observationExpiry(collectedAt: string, period: { from: string; to: string }): string {
  const length = Date.parse(period.to) - Date.parse(period.from);
  return new Date(Date.parse(collectedAt) + length).toISOString();
}

interface DocumentContext {
  input: ReportInput;
  base: string;
  toolUuid: string;
  expires: string;
}

function observationsOf(ctx: DocumentContext, framework: FrameworkResult, control: ControlResult) {
  return control.findings.map((finding, index) => ({
    uuid: uuidV5(`${ctx.base}/observation/${framework.id}/${control.id}/${index}`),
    title: `${finding.check} check on ${framework.id} ${control.id}`,
    description: finding.reason,
    props: props([
      ["check", finding.check],
      ["status", finding.status],
      ["message-id", finding.message_id],
    ]),
    methods: [methodOf(finding)],
    types: ["control-objective"],
    origins: [{ actors: [{ type: "tool", "actor-uuid": ctx.toolUuid }] }],
    ...(finding.evidence.length === 0
      ? {}
      : { "relevant-evidence": relevantEvidence(finding.evidence, ctx.input.snapshot) }),
    collected: ctx.input.snapshot.collected_at,
    expires: ctx.expires,
    ...(finding.rationale === null && !finding.informational ? {} : { remarks: remarksOf(finding) }),
  }));
}

function remarksOf(finding: Finding): string {
  const notes = [
    finding.rationale,
    finding.informational ? "Informational: not counted in the control's status." : null,
  ];
  return notes.filter((note) => note !== null).join(" ");
}

function findingOf(
  ctx: DocumentContext,
  framework: FrameworkResult,
  targets: OscalTargets,
  control: ControlResult,
  observationUuids: string[],
) {
  const verdict = controlVerdict(control, framework);
  return {
    uuid: uuidV5(`${ctx.base}/finding/${framework.id}/${control.id}`),
    title: `${framework.name} ${control.label ?? control.id}: ${control.title}`,
    description: verdict.reason,
    props: props([
      ["status", control.status],
      ["status-from", control.status_from],
      ["reason-code", verdict.reason_code],
    ]),
    target: findingTarget(framework.id, control, targets.targetOf(control.id)),
    ...relatedObservations(observationUuids),
  };
}

/** A finding's target: the control's objective, named by its ids, satisfied or not by its status. */
export function findingTarget(
  frameworkId: string,
  control: Pick<ControlResult, "id" | "label" | "title" | "status">,
  targetId: string,
) {
  return {
    type: "objective-id",
    "target-id": targetId,
    title: control.title,
    props: props([
      ["framework", frameworkId],
      ["control-id", control.id],
      ["control-label", control.label ?? null],
    ]),
    status: {
      state: SATISFIED.has(control.status) ? "satisfied" : "not-satisfied",
      remarks: STATUS_REMARKS[control.status],
    },
  };
}

/** A finding's `related-observations`, left out when there are none (OSCAL allows no empty list). */
export function relatedObservations(observationUuids: readonly string[]) {
  return observationUuids.length === 0
    ? {}
    : { "related-observations": observationUuids.map((uuid) => ({ "observation-uuid": uuid })) };
}

function targetsOf(ctx: DocumentContext, framework: FrameworkResult): OscalTargets {
  return oscalTargets(
    framework,
    ctx.input.catalogs.find((catalog) => catalog.id === framework.id),
  );
}

/** ddproof as the tool every observation names as its origin, and the platform that runs it. */
export function toolAssets(base: string, toolUuid: string, version: string) {
  return {
    components: [
      {
        uuid: toolUuid,
        type: "software",
        title: "ddproof",
        description:
          "Collects a Datadog organisation's security monitoring configuration and activity through its API and judges it against control mappings.",
        props: props([["collected-with-version", version]]),
        status: { state: "operational" },
      },
    ],
    "assessment-platforms": [
      {
        uuid: uuidV5(`${base}/platform/ddproof`),
        title: "ddproof",
        "uses-components": [{ "component-uuid": toolUuid }],
      },
    ],
  };
}

/**
 * One finding per control of every framework, in order, each related to
 * the observations made of that control.
 */
export function findingsWithObservations<
  Framework extends { controls: readonly object[] },
  Observation extends { uuid: string },
  Found,
>(
  frameworks: readonly Framework[],
  observe: (framework: Framework, control: Framework["controls"][number]) => Observation[],
  find: (framework: Framework, control: Framework["controls"][number], observationUuids: string[]) => Found,
): { observations: Observation[]; findings: Found[] } {
  const observations: Observation[] = [];
  const findings: Found[] = [];
  for (const framework of frameworks) {
    for (const control of framework.controls) {
      const own = observe(framework, control);
      observations.push(...own);
      findings.push(
        find(
          framework,
          control,
          own.map((observation) => observation.uuid),
        ),
      );
    }
  }
  return { observations, findings };
}

function resultOf(ctx: DocumentContext) {
  const { snapshot, assessment } = ctx.input;
  const targets = new Map(assessment.frameworks.map((framework) => [framework.id, targetsOf(ctx, framework)]));
  const { observations, findings } = findingsWithObservations(
    assessment.frameworks,
    (framework, control) => observationsOf(ctx, framework, control),
    (framework, control, uuids) => findingOf(ctx, framework, targets.get(framework.id)!, control, uuids),
  );
  return {
    uuid: uuidV5(`${ctx.base}/result`),
    title: `Security monitoring evidence for ${snapshot.period.label}`,
    description: `Controls of ${assessment.frameworks.map((framework) => `${framework.name} ${framework.version}`).join(", ")} judged from the Datadog organisation's API, collected ${snapshot.collected_at}.`,
    start: snapshot.period.from,
    end: snapshot.period.to,
    props: props([
      ["period", snapshot.period.label],
      ["evidence-complete", String(assessment.complete)],
    ]),
    "local-definitions": { "assessment-assets": toolAssets(ctx.base, ctx.toolUuid, snapshot.tool.version) },
    "reviewed-controls": {
      "control-selections": assessment.frameworks.map((framework) => ({
        description: `${framework.name} ${framework.version}`,
        "include-controls": targets
          .get(framework.id)!
          .reviewedControls.map((controlId) => ({ "control-id": controlId })),
      })),
    },
    ...(observations.length === 0 ? {} : { observations }),
    ...(findings.length === 0 ? {} : { findings }),
    ...(assessment.snapshot_warnings.length === 0 ? {} : { remarks: assessment.snapshot_warnings.join("\n\n") }),
  };
}

export const methodUuid = (base: string): string => uuidV5(`${base}/resource/assessment-method`);

/**
 * What the assessment was: the tool, the catalogs and the mappings applied
 * (by digest: a user's folder can replace the shipped ones under the same
 * version), and the pack files it was made from. `import-ap` points here.
 */
function methodResource(input: ReportInput, base: string) {
  const catalogs = Object.keys(input.versions)
    .filter((key) => key !== "ddproof")
    .sort(compareText)
    .map((key) => `${key} ${input.versions[key]}`);
  const mappings = Object.keys(input.mappingDigests).sort(compareText);
  return {
    uuid: methodUuid(base),
    title: "ddproof assessment method",
    description: [
      `Assessed by ddproof ${input.versions.ddproof ?? "(version unknown)"} from a snapshot of the Datadog API collected at ${input.snapshot.collected_at}, over ${input.snapshot.period.label}.`,
      `Catalogs: ${catalogs.join(", ") || "none"}.`,
      `Each control is judged by the checks its mapping lists; the mappings applied are identified by their SHA-256 (properties mapping-sha256). ${ASSESSMENT_METHOD_NOTE}`,
    ].join("\n\n"),
    props: props([
      ["tool-version", input.versions.ddproof ?? null],
      ...catalogs.map((catalog) => ["catalog", catalog] as const),
      ...mappings.map((id) => ["mapping-sha256", `${id} ${input.mappingDigests[id]}`] as const),
    ]),
    rlinks: METHOD_FILES.map((href) => ({ href, "media-type": "application/json" })),
  };
}

/** The pack files the results were made from (both are in every pack, and hashed in its manifest). */
const METHOD_FILES = [SNAPSHOT_JSON, ASSESSMENT_JSON] as const;
const ASSESSMENT_METHOD_NOTE =
  "A check whose evidence could not be collected is unknown, never satisfied; the pack's manifest lists the SHA-256 of every file.";

/** One `version` property pair per tool and catalog version, by name. */
export function versionPairs(versions: Readonly<Record<string, string>>) {
  return Object.keys(versions)
    .sort(compareText)
    .map((key) => ["version", `${key} ${versions[key]}`] as const);
}

export function buildAssessmentResults(input: ReportInput) {
  const { snapshot } = input;
  const org = snapshot.org.name ?? snapshot.org.site;
  // Everything that makes one collection distinct from another names its UUIDs.
  const base = `${snapshot.org.site}|${org}|${snapshot.period.from}|${snapshot.period.to}|${snapshot.collected_at}`;
  const ctx: DocumentContext = {
    input,
    base,
    toolUuid: uuidV5(`${base}/component/ddproof`),
    expires: observationExpiry(snapshot.collected_at, snapshot.period),
  };
  const versions = versionPairs(input.versions);
  return {
    "assessment-results": {
      uuid: uuidV5(`${base}/document`),
      metadata: {
        title: `ddproof assessment results: ${org}, ${snapshot.period.label}`,
        "last-modified": snapshot.collected_at,
        version: snapshot.collected_at,
        "oscal-version": OSCAL_VERSION,
        props: props([["datadog-site", snapshot.org.site], ...versions]),
        parties: [{ uuid: uuidV5(`${base}/party/organisation`), type: "organization", name: org }],
      },
      "import-ap": {
        href: `#${methodUuid(base)}`,
        remarks:
          "No separate assessment plan: the plan is ddproof's control mappings, applied to the snapshot in this pack, as the back-matter resource this points at describes.",
      },
      results: [resultOf(ctx)],
      "back-matter": { resources: [methodResource(input, base)] },
    },
  };
}

export const format: ReportFormat = {
  id: "oscal-assessment-results",
  kinds: ["evidence"],
  description:
    "assessment-results.json: OSCAL 1.1.2 assessment results (findings satisfied/not-satisfied, observations pointing at pack files) for GRC tools",
  async render(input): Promise<RenderedFile[]> {
    return [{ path: OSCAL_FILE, text: stableJson(buildAssessmentResults(input)) }];
  },
};
