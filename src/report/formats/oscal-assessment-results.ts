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

export const OSCAL_FILE = "assessment-results.json";
export const OSCAL_VERSION = "1.1.2";
/** Namespace of ddproof's own OSCAL properties. */
export const DDPROOF_OSCAL_NS = "urn:ddproof:oscal";

interface Prop {
  name: string;
  ns: string;
  value: string;
}

const prop = (name: string, value: string): Prop => ({ name, ns: DDPROOF_OSCAL_NS, value });

/** Properties from name/value pairs; OSCAL forbids blank or space-padded values, so those are trimmed or left out. */
function props(pairs: ReadonlyArray<readonly [string, string | null]>): Prop[] {
  return pairs.flatMap(([name, value]) => (value === null || value.trim() === "" ? [] : [prop(name, value.trim())]));
}

const STATUS_REMARKS: Record<ControlStatus, string> = {
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
    target: {
      type: "objective-id",
      "target-id": targets.targetOf(control.id),
      title: control.title,
      props: props([
        ["framework", framework.id],
        ["control-id", control.id],
        ["control-label", control.label ?? null],
      ]),
      status: {
        state: SATISFIED.has(control.status) ? "satisfied" : "not-satisfied",
        remarks: STATUS_REMARKS[control.status],
      },
    },
    ...(observationUuids.length === 0
      ? {}
      : { "related-observations": observationUuids.map((uuid) => ({ "observation-uuid": uuid })) }),
  };
}

function targetsOf(ctx: DocumentContext, framework: FrameworkResult): OscalTargets {
  return oscalTargets(
    framework,
    ctx.input.catalogs.find((catalog) => catalog.id === framework.id),
  );
}

function resultOf(ctx: DocumentContext) {
  const { snapshot, assessment } = ctx.input;
  const observations: Array<ReturnType<typeof observationsOf>[number]> = [];
  const findings: Array<ReturnType<typeof findingOf>> = [];
  const targets = new Map(assessment.frameworks.map((framework) => [framework.id, targetsOf(ctx, framework)]));
  for (const framework of assessment.frameworks) {
    for (const control of framework.controls) {
      const own = observationsOf(ctx, framework, control);
      observations.push(...own);
      findings.push(
        findingOf(
          ctx,
          framework,
          targets.get(framework.id)!,
          control,
          own.map((observation) => observation.uuid),
        ),
      );
    }
  }
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
    "local-definitions": {
      // The tool every observation names as its origin.
      "assessment-assets": {
        components: [
          {
            uuid: ctx.toolUuid,
            type: "software",
            title: "ddproof",
            description:
              "Collects a Datadog organisation's security monitoring configuration and activity through its API and judges it against control mappings.",
            props: props([["collected-with-version", snapshot.tool.version]]),
            status: { state: "operational" },
          },
        ],
        "assessment-platforms": [
          {
            uuid: uuidV5(`${ctx.base}/platform/ddproof`),
            title: "ddproof",
            "uses-components": [{ "component-uuid": ctx.toolUuid }],
          },
        ],
      },
    },
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
  const versions = Object.keys(input.versions)
    .sort(compareText)
    .map((key) => ["version", `${key} ${input.versions[key]}`] as const);
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
        href: "#",
        remarks:
          "No separate assessment plan: the plan is ddproof's control mappings, applied to the snapshot in this pack.",
      },
      results: [resultOf(ctx)],
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
