/**
 * Every data output, rendered twice from the same inputs, gives the same
 * bytes; and the outputs hold up on the shipped catalogs (PCI DSS, SOC 2,
 * HIPAA, the baseline and ATT&CK v18.1), not only on the test catalog.
 */
import { describe, expect, it } from "vitest";
import { ATTACK_FRAMEWORK_ID } from "../../../src/assess/attestations.js";
import { assess } from "../../../src/assess/index.js";
import { loadAssessInputs } from "../../../src/assess/load-inputs.js";
import { Thresholds } from "../../../src/config/schema.js";
import type { ReportFormat, ReportInput } from "../../../src/report/contract.js";
import { format as assessmentJsonFormat } from "../../../src/report/formats/assessment-json.js";
import { format as attackCoverageCsvFormat } from "../../../src/report/formats/attack-coverage-csv.js";
import { format as attackLayerFormat } from "../../../src/report/formats/attack-layer.js";
import { format as changesJsonFormat } from "../../../src/report/formats/changes-json.js";
import { format as controlsCsvFormat } from "../../../src/report/formats/controls-csv.js";
import { format as gapsCsvFormat } from "../../../src/report/formats/gaps-csv.js";
import { format as oscalAssessmentResultsFormat } from "../../../src/report/formats/oscal-assessment-results.js";
import { format as populationsCsvFormat } from "../../../src/report/formats/populations-csv.js";
import { format as snapshotJsonFormat } from "../../../src/report/formats/snapshot-json.js";
import { buildSnapshot } from "../../assess/fixtures/snapshot-builder.js";
import { csvRecords } from "./fixtures/parse-csv.js";
import { assessed, fileText, orgParts, reportInput } from "./fixtures/report-input.js";

const FORMATS: readonly ReportFormat[] = [
  controlsCsvFormat,
  attackCoverageCsvFormat,
  gapsCsvFormat,
  populationsCsvFormat,
  attackLayerFormat,
  oscalAssessmentResultsFormat,
  assessmentJsonFormat,
  snapshotJsonFormat,
  changesJsonFormat,
];

async function renderAll(input: ReportInput): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const format of FORMATS) {
    for (const file of await format.render(input)) {
      expect(out.has(file.path), `${file.path} rendered twice`).toBe(false);
      out.set(file.path, await fileText(file));
    }
  }
  return out;
}

describe("byte-identical output", () => {
  it("renders every format to the same bytes twice", async () => {
    const previous = { ...assessed({ collectedAt: "2026-09-30T06:00:00Z" }), label: "last-night" };
    const first = await renderAll(reportInput({ previous }));
    const second = await renderAll(reportInput({ previous }));
    expect([...first.keys()].sort()).toEqual([
      "assessment-results.json",
      "assessment.json",
      "attack-coverage.csv",
      "attack-layer.json",
      "changes.json",
      "controls-test-fw.csv",
      "gaps.csv",
      "populations/agents.csv",
      "populations/index.csv",
      "populations/log-sources.csv",
      "populations/rule-changes.csv",
      "populations/rules.csv",
      "populations/signals.csv",
      "snapshot.json",
    ]);
    for (const [path, text] of first) expect(second.get(path), path).toBe(text);
  });

  it("has unique format ids and kinds from the report kinds", () => {
    expect(new Set(FORMATS.map((format) => format.id)).size).toBe(FORMATS.length);
    for (const format of FORMATS)
      expect(format.kinds.every((kind) => ["gap", "evidence", "attack"].includes(kind))).toBe(true);
  });

  it("neutralises the formula-named rule in every CSV that shows rule names", async () => {
    const files = await renderAll(reportInput());
    for (const path of [
      "attack-coverage.csv",
      "populations/rules.csv",
      "populations/rule-changes.csv",
      "populations/signals.csv",
    ]) {
      const text = files.get(path)!;
      expect(text, path).toContain(`'=HYPERLINK(`);
      expect(text, path).not.toMatch(/(^|,|\n)"?=HYPERLINK/);
    }
  });
});

describe("on the shipped catalogs", () => {
  it("renders every framework's matrix, OSCAL tokens and a Navigator layer", async () => {
    const frameworks = ["pci-dss-4.0.1", "soc2-2017", "hipaa-security-rule", "datadog-baseline", ATTACK_FRAMEWORK_ID];
    const inputs = await loadAssessInputs({ frameworks, userDirs: [], attestationsFile: null });
    const snapshot = buildSnapshot(orgParts());
    const assessment = assess({ snapshot, ...inputs, thresholds: Thresholds.parse({}), frameworks });
    const input: ReportInput = {
      ...reportInput(),
      snapshot,
      assessment,
      catalogs: inputs.catalogs,
      attack: inputs.attack,
    };
    const first = await renderAll(input);
    const second = await renderAll(input);
    for (const [path, text] of first) expect(second.get(path), path).toBe(text);

    for (const id of frameworks.filter((framework) => framework !== ATTACK_FRAMEWORK_ID)) {
      const rows = csvRecords(first.get(`controls-${id}.csv`)!);
      expect(rows.length, id).toBe(inputs.catalogs.find((catalog) => catalog.id === id)!.controls.length);
    }
    const hipaa = csvRecords(first.get("controls-hipaa-security-rule.csv")!);
    expect(hipaa.some((row) => (row.control_id ?? "").includes("("))).toBe(true);

    const oscal = JSON.parse(first.get("assessment-results.json")!)["assessment-results"];
    const targets: string[] = oscal.results[0].findings.map(
      (finding: { target: { "target-id": string } }) => finding.target["target-id"],
    );
    expect(targets.every((token) => /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u.test(token))).toBe(true);
    expect(new Set(targets).size).toBe(targets.length);

    const layer = JSON.parse(first.get("attack-layer.json")!);
    expect(layer.versions.attack).toBe(inputs.attack!.version.split(".")[0]);
    const expectedEntries = assessment.attack!.techniques.reduce((sum, technique) => sum + technique.tactics.length, 0);
    expect(layer.techniques).toHaveLength(expectedEntries);
    expect(layer.techniques.length).toBeGreaterThan(500);
  });
});
