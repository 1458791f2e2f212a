import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { Assessment } from "../../src/assess/schema.js";
import { runAssess, tempDir } from "./fixtures/cli-harness.js";
import {
  buildSnapshot,
  detectionRule,
  hosts,
  lastDays,
  logSources,
  sourceVolume,
} from "./fixtures/snapshot-builder.js";

let dir: string;
let snapshotFile: string;
let incompleteFile: string;

beforeAll(() => {
  const snapshot = buildSnapshot({
    rules: {
      rules: [detectionRule({ id: "r1", query: "source:cloudtrail", tags: ["technique:T1078.004-cloud-accounts"] })],
    },
    log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))),
    agents: { hosts: hosts(3, "web") },
  });
  dir = tempDir({
    "snapshot.json": JSON.stringify(snapshot),
    "incomplete.json": JSON.stringify(buildSnapshot({ signals: "error" })),
    "v9.json": JSON.stringify({ ...snapshot, schema_version: 9 }),
  });
  snapshotFile = join(dir, "snapshot.json");
  incompleteFile = join(dir, "incomplete.json");
});

const mappingFile = (body: string) => `framework: datadog-baseline\ncontrols:\n${body}`;

/** One attestation as YAML; fields override a valid evidence attestation of DDB-07. */
function attestationYaml(
  fields: { framework?: string; id?: string; type?: string; date?: string; expires?: string } = {},
): string {
  const {
    framework = "datadog-baseline",
    id = "DDB-07",
    type = "evidence",
    date = "2026-01-01",
    expires = "2027-01-01",
  } = fields;
  return `- control: { framework: ${framework}, id: ${id} }\n  type: ${type}\n  owner: a@example.com\n  reason: r\n  date: ${date}\n  expires: ${expires}\n`;
}

describe("ddproof assess", () => {
  it("prints the assessment as JSON in the documented shape", async () => {
    const run = await runAssess(["--snapshot", snapshotFile, "--json"]);
    expect(run.code).toBe(0);
    const assessment = Assessment.parse(JSON.parse(run.out));
    expect(assessment.frameworks.map((framework) => framework.id)).toEqual([
      "pci-dss-4.0.1",
      "soc2-2017",
      "hipaa-security-rule",
      "datadog-baseline",
    ]);
    const baseline = assessment.frameworks[3]!;
    expect(baseline.controls.find((control) => control.id === "DDB-02")).toMatchObject({
      status: "pass",
      findings: [{ check: "log_source", status: "pass" }],
    });
    expect(baseline.controls.find((control) => control.id === "DDB-10")).toMatchObject({ status: "fail" });
    const t1078 = assessment.attack!.techniques.find((technique) => technique.id === "T1078");
    expect(t1078).toMatchObject({
      score: 3,
      rules: { effective: ["r1"] },
      visibility: { sources: ["cloudtrail", "runtime-security-agent"] },
    });
    expect(Object.keys(JSON.parse(run.out))).toEqual(expect.arrayContaining(["period", "frameworks", "attack"]));
  });

  it("prints a readable summary without --json", async () => {
    const run = await runAssess([
      "--snapshot",
      snapshotFile,
      "--framework",
      "datadog-baseline",
      "--framework",
      "mitre-attack",
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Datadog security monitoring baseline 1: 10 controls: pass ");
    expect(run.out).toMatch(/fail {5}DDB-\d\d {2}/);
    expect(run.out).toContain("DDB-10  The signals search returned 0 signals for the period; required 1");
    expect(run.out).toMatch(/MITRE ATT&CK 18\.1: \d+ techniques; below 3 is a gap/);
    expect(run.out).toMatch(/\n {2}initial-access +\d+/);
  });

  it("exits 3 for an incomplete snapshot and still prints the assessment", async () => {
    const run = await runAssess(["--snapshot", incompleteFile, "--framework", "datadog-baseline", "--json"]);
    expect(run.code).toBe(3);
    const assessment = Assessment.parse(JSON.parse(run.out));
    expect(assessment.complete).toBe(false);
    expect(assessment.frameworks[0]!.controls.find((control) => control.id === "DDB-10")!.status).toBe("unknown");
  });

  it("exits 2 naming the supported versions for a snapshot of another schema version", async () => {
    const run = await runAssess(["--snapshot", join(dir, "v9.json")]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("schema_version 9 is not supported; this ddproof reads version 1, 2");
  });

  it("lets a user mapping replace the shipped mapping of a control", async () => {
    const user = tempDir({
      "datadog-baseline.yaml": mappingFile(
        '  DDB-10:\n    - kind: manual\n      rationale: "Attest API access for automation."\n',
      ),
    });
    const run = await runAssess([
      "--snapshot",
      snapshotFile,
      "--framework",
      "datadog-baseline",
      "--mappings",
      user,
      "--json",
    ]);
    const control = Assessment.parse(JSON.parse(run.out)).frameworks[0]!.controls.find(
      (candidate) => candidate.id === "DDB-10",
    );
    expect(control).toMatchObject({
      status: "manual",
      findings: [{ check: "manual", rationale: "Attest API access for automation." }],
    });
    const other = Assessment.parse(JSON.parse(run.out)).frameworks[0]!.controls.find(
      (candidate) => candidate.id === "DDB-02",
    );
    expect(other!.findings[0]!.check).toBe("log_source");
  });

  it("applies attestations from the config file, relative to it", async () => {
    const configDir = tempDir({
      "ddproof.yaml": "frameworks: [datadog-baseline]\nattestations: attestations.yaml\n",
      "attestations.yaml": attestationYaml({
        id: "DDB-10",
        type: "risk_acceptance",
        date: "2026-09-01",
        expires: "2026-12-31",
      }),
    });
    const run = await runAssess(["--snapshot", snapshotFile, "--config", join(configDir, "ddproof.yaml"), "--json"]);
    expect(run.code).toBe(0);
    const control = Assessment.parse(JSON.parse(run.out)).frameworks[0]!.controls.find(
      (candidate) => candidate.id === "DDB-10",
    );
    expect(control).toMatchObject({ status: "accepted", attestations: [{ owner: "a@example.com", state: "active" }] });
  });
});

describe("ddproof assess refuses bad input files with exit 2, naming the file and the path in it", () => {
  const withAttestations = (d: string) => ["--attestations", join(d, "attestations.yaml")];
  async function expectInputError(
    files: Record<string, string>,
    expected: string,
    extraArgs: (dir: string) => string[] = (d) => ["--mappings", d],
  ) {
    const user = tempDir(files);
    const run = await runAssess(["--snapshot", snapshotFile, "--framework", "datadog-baseline", ...extraArgs(user)]);
    expect(run.code).toBe(2);
    expect(run.err).toContain(expected.replaceAll("DIR", user));
  }

  it("an unknown control id", () =>
    expectInputError(
      { "datadog-baseline.yaml": mappingFile("  DDB-99:\n    - kind: manual\n      rationale: Nope.\n") },
      'DIR/datadog-baseline.yaml: controls["DDB-99"]: "DDB-99" is not a control of datadog-baseline',
    ));

  it("an unknown check kind", () =>
    expectInputError(
      { "datadog-baseline.yaml": mappingFile("  DDB-02:\n    - kind: log_sources\n      rationale: Typo.\n") },
      'DIR/datadog-baseline.yaml: controls["DDB-02"][0].kind: unknown check kind "log_sources"',
    ));

  it("a bad parameter", () =>
    expectInputError(
      {
        "datadog-baseline.yaml": mappingFile(
          '  DDB-02:\n    - kind: log_source\n      params: { sources: [okta], min_days_share: "most" }\n      rationale: Bad.\n',
        ),
      },
      'DIR/datadog-baseline.yaml: controls["DDB-02"][0].params.min_days_share: Invalid input: expected number',
    ));

  it("an unknown parameter", () =>
    expectInputError(
      {
        "datadog-baseline.yaml": mappingFile(
          "  DDB-02:\n    - kind: manual\n      params: { attest: x }\n      rationale: Bad.\n",
        ),
      },
      'DIR/datadog-baseline.yaml: controls["DDB-02"][0].params: Unrecognized key: "attest"',
    ));

  it("a mapping file for a framework that does not exist", () =>
    expectInputError(
      { "pci-dss-3.2.yaml": "framework: pci-dss-3.2\ncontrols: {}\n" },
      'DIR/pci-dss-3.2.yaml: (top level): no catalog "pci-dss-3.2"',
    ));

  it("a bad source table row", () =>
    expectInputError(
      { "attack-log-sources.yaml": "sources:\n  - datadog: [okta]\n    attack: []\n" },
      "DIR/attack-log-sources.yaml: sources[0].attack:",
    ));

  it("a bad catalog", () =>
    expectInputError({ "datadog-baseline.json": '{"id": "datadog-baseline"}' }, "DIR/datadog-baseline.json: name:"));

  it("an attestation for an unknown control", () =>
    expectInputError(
      { "attestations.yaml": attestationYaml({ id: "DDB-42" }) },
      'DIR/attestations.yaml: [0].control.id: "DDB-42" is not a control of datadog-baseline',
      withAttestations,
    ));

  it("an attestation with a malformed date", () =>
    expectInputError(
      { "attestations.yaml": attestationYaml({ expires: "31/12/2026" }) },
      "DIR/attestations.yaml: [0].expires: expected a date such as 2026-07-01",
      withAttestations,
    ));

  it("an attestation that expires before it starts", () =>
    expectInputError(
      {
        "attestations.yaml": attestationYaml({
          framework: "mitre-attack",
          id: "T1078",
          type: "risk_acceptance",
          date: "2026-06-01",
          expires: "2026-01-01",
        }),
      },
      "DIR/attestations.yaml: [0].expires: expected a date on or after `date`",
      withAttestations,
    ));

  it("an attestation for an unknown framework", () =>
    expectInputError(
      { "attestations.yaml": attestationYaml({ framework: "iso-27001", id: "A.8.16" }) },
      'DIR/attestations.yaml: [0].control.framework: unknown framework "iso-27001"',
      withAttestations,
    ));

  it("a mappings folder that does not exist", async () => {
    const run = await runAssess(["--snapshot", snapshotFile, "--mappings", "/nonexistent-ddproof-dir"]);
    expect(run.code).toBe(2);
    expect(run.err).toContain("/nonexistent-ddproof-dir: expected a folder");
  });
});
