/**
 * assessment-results.json beyond its schema: the wording of its titles,
 * descriptions and remarks, every property it sets, the tool component,
 * how observations of people's work are marked, and what it leaves out
 * when there is nothing to say (no controls, no versions, no warnings).
 */
import { describe, expect, it } from "vitest";
import { buildAssessmentResults, props } from "../../../src/report/formats/oscal-assessment-results.js";
import { attestation } from "../../assess/fixtures/catalogs.js";
import { reportInput } from "./fixtures/report-input.js";

type Prop = { name: string; ns: string; value: string };
const pairs = (list: readonly Prop[] | undefined) => (list ?? []).map((prop) => `${prop.name}=${prop.value}`);

interface Observation {
  title: string;
  props: Prop[];
  methods: string[];
  types: string[];
  remarks?: string;
  "relevant-evidence"?: unknown;
}
interface Finding {
  title: string;
  description: string;
  props: Prop[];
  target: { type: string; title: string; props: Prop[] };
}
interface Result {
  title: string;
  description: string;
  props: Prop[];
  remarks?: string;
  observations?: Observation[];
  findings?: Finding[];
  "reviewed-controls": { "control-selections": Array<{ description: string }> };
  "local-definitions": {
    "assessment-assets": {
      components: Array<{ uuid: string; props: Prop[] } & Record<string, unknown>>;
      "assessment-platforms": Array<{ uuid: string } & Record<string, unknown>>;
    };
  };
}

function document(input = reportInput()) {
  // The document's shape is pinned by oscal.test.ts; here its values are read.
  return buildAssessmentResults(input)["assessment-results"] as unknown as {
    metadata: { title: string; props: Prop[] };
    "import-ap": { href: string; remarks: string };
    results: Result[];
    "back-matter": { resources: Array<{ description: string; props: Prop[] }> };
  };
}

describe("OSCAL properties", () => {
  it("trims values and leaves out blank and missing ones, all in ddproof's namespace", () => {
    expect(
      props([
        ["a", "  x "],
        ["b", " "],
        ["c", null],
        ["d", ""],
        ["e", "y"],
      ]),
    ).toEqual([
      { name: "a", ns: "urn:ddproof:oscal", value: "x" },
      { name: "e", ns: "urn:ddproof:oscal", value: "y" },
    ]);
  });
});

describe("assessment-results.json wording", () => {
  it("titles the document, the result and the method, with the versions as properties", () => {
    const doc = document();
    expect(doc.metadata.title).toBe("ddproof assessment results: Test org, 2026-Q3");
    expect(pairs(doc.metadata.props)).toEqual([
      "datadog-site=datadoghq.com",
      "version=ddproof 0.1.0",
      "version=mitre-attack 18.1",
    ]);
    expect(doc["import-ap"].remarks).toBe(
      "No separate assessment plan: the plan is ddproof's control mappings, applied to the snapshot in this pack, " +
        "as the back-matter resource this points at describes.",
    );
    const [result] = doc.results;
    expect(result!.title).toBe("Security monitoring evidence for 2026-Q3");
    expect(result!.description).toBe(
      "Controls of Test framework 1.0 judged from the Datadog organisation's API, collected 2026-10-01T06:00:00Z.",
    );
    expect(pairs(result!.props)).toEqual(["period=2026-Q3", "evidence-complete=true"]);
    expect(result!["reviewed-controls"]["control-selections"][0]!.description).toBe("Test framework 1.0");
    expect(doc["back-matter"].resources[0]!.description).toBe(
      "Assessed by ddproof 0.1.0 from a snapshot of the Datadog API collected at 2026-10-01T06:00:00Z, over 2026-Q3.\n\n" +
        "Catalogs: mitre-attack 18.1.\n\n" +
        "Each control is judged by the checks its mapping lists; the mappings applied are identified by their SHA-256 " +
        "(properties mapping-sha256). A check whose evidence could not be collected is unknown, never satisfied; " +
        "the pack's manifest lists the SHA-256 of every file.",
    );
  });

  it("describes ddproof as an operational software component that the platform uses", () => {
    const assets = document().results[0]!["local-definitions"]["assessment-assets"];
    const component = assets.components[0]!;
    expect(component).toMatchObject({
      type: "software",
      title: "ddproof",
      description:
        "Collects a Datadog organisation's security monitoring configuration and activity through its API and judges it against control mappings.",
      status: { state: "operational" },
    });
    expect(pairs(component.props)).toEqual(["collected-with-version=0.0.0-test"]);
    expect(assets["assessment-platforms"]).toEqual([
      { uuid: expect.any(String), title: "ddproof", "uses-components": [{ "component-uuid": component.uuid }] },
    ]);
    expect(assets["assessment-platforms"][0]!.uuid).not.toBe(component.uuid);
  });

  it("titles observations and findings and states their check, status and reason as properties", () => {
    const [result] = document().results;
    const observations = result!.observations!;
    expect(observations.map((observation) => observation.title)).toEqual([
      "log_source check on test-fw 1.1",
      "manual check on test-fw 1.2",
      "log_source check on test-fw 2.1",
      "manual check on test-fw 2.2",
      "log_source check on test-fw 3",
    ]);
    expect(pairs(observations[2]!.props)).toEqual(["check=log_source", "status=partial", "message-id=tooFewSources"]);
    expect(observations[2]!.types).toEqual(["control-objective"]);
    // A finding without a rationale or evidence says nothing of either.
    expect("remarks" in observations[3]!).toBe(false);
    expect("relevant-evidence" in observations[3]!).toBe(false);
    const findings = result!.findings!;
    expect(findings.map((finding) => finding.title)).toEqual([
      "Test framework 1: Logging",
      "Test framework 1.1: Cloud audit logs arrive",
      "Test framework 1.2: Logs are reviewed",
      "Test framework 2: Policies",
      "Test framework 2.1: A policy exists",
      "Test framework 2.2: Not for us",
      "Test framework 3: Unmapped",
    ]);
    expect(pairs(findings[4]!.props)).toEqual(["status=partial", "status-from=own", "reason-code=source_silent"]);
    expect(pairs(findings[0]!.props)).toEqual(["status=partial", "status-from=children"]);
    expect(findings[4]!.target).toMatchObject({ type: "objective-id", title: "A policy exists" });
    expect(pairs(findings[4]!.target.props)).toEqual(["framework=test-fw", "control-id=2.1"]);
    expect(findings[4]!.description).toBe(
      "Only 0 of 1 log sources had data on at least 90% of the 92 days; required 1: okta 10.8%",
    );
  });

  it("examines a lapsed attestation, and says it is informational", () => {
    const input = reportInput({
      attestations: [attestation("test-fw", "1.2", "evidence", "2026-01-01", "2026-06-30")],
    });
    const observations = document(input).results[0]!.observations!;
    const lapsed = observations.filter((observation) => pairs(observation.props).includes("check=attestation"));
    expect(lapsed.map((observation) => observation.title)).toEqual(["attestation check on test-fw 1.2"]);
    expect(lapsed[0]!.methods).toEqual(["EXAMINE"]);
    // No rationale: the remark is the informational note alone.
    expect(lapsed[0]!.remarks).toBe("Informational: not counted in the control's status.");
  });

  it("carries the snapshot's warnings as the result's remarks", () => {
    const input = reportInput();
    const warned = { ...input, assessment: { ...input.assessment, snapshot_warnings: ["first", "second"] } };
    expect(document(warned).results[0]!.remarks).toBe("first\n\nsecond");
    expect("remarks" in document(input).results[0]!).toBe(false);
  });

  it("leaves out observations and findings without controls, and versions it was not given", () => {
    const input = { ...reportInput({ frameworks: ["mitre-attack"] }), versions: {} };
    const doc = document(input);
    const [result] = doc.results;
    expect("observations" in result!).toBe(false);
    expect("findings" in result!).toBe(false);
    expect(result!["reviewed-controls"]["control-selections"]).toEqual([]);
    expect(result!.description).toBe(
      "Controls of  judged from the Datadog organisation's API, collected 2026-10-01T06:00:00Z.",
    );
    const [method] = doc["back-matter"].resources;
    expect(method!.description).toMatch(/^Assessed by ddproof \(version unknown\) from a snapshot/);
    expect(method!.description).toContain("\n\nCatalogs: none.\n\n");
    expect(pairs(method!.props)).toEqual([
      `mapping-sha256=attack-log-sources ${"b".repeat(64)}`,
      `mapping-sha256=test-fw ${"a".repeat(64)}`,
    ]);
    expect(pairs(doc.metadata.props)).toEqual(["datadog-site=datadoghq.com"]);
  });
});
