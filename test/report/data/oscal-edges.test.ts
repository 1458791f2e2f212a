/**
 * assessment-results.json at its edges: the status remark and state of
 * every ddproof status, a control's display label as a target property,
 * which observations are examinations (a manual check, or any attestation
 * among the evidence), both remarks of a finding joined, what each UUID is
 * named after, two frameworks and two catalogs in the wording, versions
 * given in any order, and a catalog imported from OSCAL found among others.
 */
import { describe, expect, it } from "vitest";
import type { ControlStatus, EvidenceRef, Finding } from "../../../src/assess/schema.js";
import {
  buildAssessmentResults,
  findingTarget,
  methodUuid,
  STATUS_REMARKS,
  toolAssets,
  versionPairs,
} from "../../../src/report/formats/oscal-assessment-results.js";
import { uuidV5 } from "../../../src/report/oscal-ids.js";
import { FRAMEWORK } from "../../assess/fixtures/catalogs.js";
import { reportInput } from "./fixtures/report-input.js";

interface Observation {
  uuid: string;
  title: string;
  methods: string[];
  remarks?: string;
}
interface Document {
  uuid: string;
  metadata: { props: Array<{ name: string; value: string }>; parties: Array<{ uuid: string }> };
  "import-ap": { href: string };
  results: Array<{
    uuid: string;
    description: string;
    observations?: Observation[];
    "reviewed-controls": { "control-selections": Array<{ "include-controls": Array<{ "control-id": string }> }> };
    findings?: Array<{ target: { "target-id": string } }>;
    "local-definitions": {
      "assessment-assets": { components: Array<{ uuid: string }>; "assessment-platforms": Array<{ uuid: string }> };
    };
  }>;
  "back-matter": {
    resources: Array<{ uuid: string; description: string; props: Array<{ name: string; value: string }> }>;
  };
}

const documentOf = (input = reportInput()) =>
  buildAssessmentResults(input)["assessment-results"] as unknown as Document;

function finding(check: string, evidence: EvidenceRef[], fields: Partial<Finding> = {}): Finding {
  return {
    check,
    status: "fail",
    reason: `${check} reason`,
    evidence,
    message_id: "test.message",
    data: {},
    reason_code: null,
    rationale: null,
    informational: false,
    ...fields,
  };
}

/** The fixture org with control 3's findings replaced by `findings`. */
function withControl3Findings(findings: Finding[]) {
  const input = reportInput();
  const assessment = structuredClone(input.assessment);
  assessment.frameworks[0]!.controls.find((control) => control.id === "3")!.findings = findings;
  return { ...input, assessment };
}

describe("OSCAL finding targets", () => {
  it("states every ddproof status in the remarks, satisfied only for pass, accepted and not_applicable", () => {
    const expected: Record<ControlStatus, [string, string]> = {
      pass: ["satisfied", "ddproof status: pass (the evidence meets the requirement)"],
      accepted: ["satisfied", "ddproof status: accepted (an active, recorded risk acceptance)"],
      not_applicable: ["satisfied", "ddproof status: not_applicable (attested as not applicable)"],
      fail: ["not-satisfied", "ddproof status: fail"],
      partial: ["not-satisfied", "ddproof status: partial (part of the evidence falls short or still needs a person)"],
      unknown: ["not-satisfied", "ddproof status: unknown (evidence could not be collected or is insufficient)"],
      manual: ["not-satisfied", "ddproof status: manual (needs a person's attestation, and none is active)"],
    };
    expect(STATUS_REMARKS).toEqual(
      Object.fromEntries(Object.entries(expected).map(([status, [, text]]) => [status, text])),
    );
    for (const [status, [state, remarks]] of Object.entries(expected))
      expect(findingTarget("fw", { id: "1", title: "T", status: status as ControlStatus }, "fw_1").status).toEqual({
        state,
        remarks,
      });
  });

  it("names the control's display label as a property when it has one", () => {
    const target = findingTarget(
      "nist",
      { id: "si-4.2", label: "SI-4(2)", title: "Monitoring", status: "pass" },
      "si-4.2_obj",
    );
    expect(target).toEqual({
      type: "objective-id",
      "target-id": "si-4.2_obj",
      title: "Monitoring",
      props: [
        { name: "framework", ns: "urn:ddproof:oscal", value: "nist" },
        { name: "control-id", ns: "urn:ddproof:oscal", value: "si-4.2" },
        { name: "control-label", ns: "urn:ddproof:oscal", value: "SI-4(2)" },
      ],
      status: { state: "satisfied", remarks: "ddproof status: pass (the evidence meets the requirement)" },
    });
  });
});

describe("OSCAL observations", () => {
  it("tests automated checks, examines manual checks and any finding with an attestation among its evidence", () => {
    const source: EvidenceRef = { type: "source", id: "cloudtrail" };
    const attested: EvidenceRef = { type: "attestation", id: "https://wiki.example.com/q3" };
    const document = documentOf(
      withControl3Findings([
        finding("log_source", []),
        finding("log_source", [source]),
        finding("manual", []),
        finding("log_source", [source, attested]),
        finding("attestation", []),
      ]),
    );
    const observations = document.results[0]!.observations!.filter((observation) =>
      observation.title.endsWith(" on test-fw 3"),
    );
    expect(observations.map((observation) => [observation.title, observation.methods])).toEqual([
      ["log_source check on test-fw 3", ["TEST"]],
      ["log_source check on test-fw 3", ["TEST"]],
      ["manual check on test-fw 3", ["EXAMINE"]],
      ["log_source check on test-fw 3", ["EXAMINE"]],
      ["attestation check on test-fw 3", ["EXAMINE"]],
    ]);
  });

  it("joins a finding's rationale and the informational note with a space", () => {
    const document = documentOf(
      withControl3Findings([finding("log_source", [], { rationale: "Firewall logs arrive.", informational: true })]),
    );
    const observation = document.results[0]!.observations!.find((candidate) =>
      candidate.title.endsWith(" on test-fw 3"),
    )!;
    expect(observation.remarks).toBe("Firewall logs arrive. Informational: not counted in the control's status.");
  });
});

describe("OSCAL identifiers of a collection", () => {
  it("names each UUID after the collection and what it identifies", () => {
    const input = reportInput();
    const base = "datadoghq.com|Test org|2026-07-01T00:00:00Z|2026-10-01T00:00:00Z|2026-10-01T06:00:00Z";
    expect(
      `${input.snapshot.org.site}|${input.snapshot.org.name}|${input.snapshot.period.from}|${input.snapshot.period.to}|${input.snapshot.collected_at}`,
    ).toBe(base);
    const document = documentOf(input);
    const result = document.results[0]!;
    expect(document.uuid).toBe(uuidV5(`${base}/document`));
    expect(document.metadata.parties.map((party) => party.uuid)).toEqual([uuidV5(`${base}/party/organisation`)]);
    expect(result.uuid).toBe(uuidV5(`${base}/result`));
    expect(result["local-definitions"]["assessment-assets"].components.map((component) => component.uuid)).toEqual([
      uuidV5(`${base}/component/ddproof`),
    ]);
    expect(result["local-definitions"]["assessment-assets"]["assessment-platforms"].map((p) => p.uuid)).toEqual([
      uuidV5(`${base}/platform/ddproof`),
    ]);
    expect(methodUuid(base)).toBe(uuidV5(`${base}/resource/assessment-method`));
    expect(document["back-matter"].resources.map((resource) => resource.uuid)).toEqual([methodUuid(base)]);
    expect(document["import-ap"].href).toBe(`#${methodUuid(base)}`);
  });

  it("gives the platform its own UUID and has it use the tool component", () => {
    expect(toolAssets("b", "tool-uuid", "1.2.3")["assessment-platforms"]).toEqual([
      { uuid: uuidV5("b/platform/ddproof"), title: "ddproof", "uses-components": [{ "component-uuid": "tool-uuid" }] },
    ]);
  });
});

describe("OSCAL wording with several frameworks and catalogs", () => {
  it("lists every assessed framework in the result's description, comma separated", () => {
    const input = reportInput();
    const assessment = structuredClone(input.assessment);
    assessment.frameworks.push({
      ...structuredClone(assessment.frameworks[0]!),
      id: "other-fw",
      name: "Other",
      version: "2",
    });
    expect(documentOf({ ...input, assessment }).results[0]!.description).toBe(
      "Controls of Test framework 1.0, Other 2 judged from the Datadog organisation's API, collected 2026-10-01T06:00:00Z.",
    );
  });

  it("orders versions by name whatever order they are given in", () => {
    expect(versionPairs({ zz: "2", ddproof: "0.1.0", aa: "1" })).toEqual([
      ["version", "aa 1"],
      ["version", "ddproof 0.1.0"],
      ["version", "zz 2"],
    ]);
    const document = documentOf({
      ...reportInput(),
      versions: { "zz-fw": "2", ddproof: "0.1.0", "mitre-attack": "18.1" },
    });
    expect(document.metadata.props.map((prop) => `${prop.name}=${prop.value}`)).toEqual([
      "datadog-site=datadoghq.com",
      "version=ddproof 0.1.0",
      "version=mitre-attack 18.1",
      "version=zz-fw 2",
    ]);
    const [method] = document["back-matter"].resources;
    expect(method!.description.split("\n\n")[1]).toBe("Catalogs: mitre-attack 18.1, zz-fw 2.");
    expect(method!.props.filter((prop) => prop.name === "catalog").map((prop) => prop.value)).toEqual([
      "mitre-attack 18.1",
      "zz-fw 2",
    ]);
  });

  it("finds the assessed framework's own catalog among others, and targets an OSCAL import by its own ids", () => {
    const decoy = { ...FRAMEWORK, id: "decoy" };
    const imported = { ...FRAMEWORK, oscal: { catalog_uuid: "u-1", control_kinds: ["requirement"] } };
    const result = documentOf({ ...reportInput(), catalogs: [decoy, imported] }).results[0]!;
    expect(
      result["reviewed-controls"]["control-selections"].map((selection) =>
        selection["include-controls"].map((control) => control["control-id"]),
      ),
    ).toEqual([["1", "1.1", "1.2", "2", "2.1", "2.2", "3"]]);
    expect(result.findings!.map((found) => found.target["target-id"])).toEqual([
      "1",
      "1.1",
      "1.2",
      "2",
      "2.1",
      "2.2",
      "3",
    ]);
  });
});
