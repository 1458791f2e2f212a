/**
 * An evidence pack for NIST SP 800-53 Rev. 5 Moderate, the shipped catalog
 * imported from OSCAL, made like any other framework's: its control matrix
 * CSV, the HTML report showing NIST's labels, and OSCAL assessment results
 * that reference NIST's own control and objective ids.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assess } from "../../src/assess/index.js";
import { loadAssessInputs } from "../../src/assess/load-inputs.js";
import { Thresholds } from "../../src/config/schema.js";
import { Manifest } from "../../src/pack/manifest.js";
import { controlMatrix } from "../../src/report/pdf/evidence/control-matrix.js";
import { buildSnapshot, hosts, lastDays, logSources, sourceVolume } from "../assess/fixtures/snapshot-builder.js";
import { cli } from "../helpers/run-cli.js";

const NIST = "nist-800-53-rev5-moderate";
const snapshot = buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))), agents: { hosts: hosts(3, "web") } });

interface Results {
  "assessment-results": {
    results: Array<{
      "reviewed-controls": { "control-selections": Array<{ description: string; "include-controls": Array<{ "control-id": string }> }> };
      findings: Array<{ title: string; target: { "target-id": string; props: Array<{ name: string; value: string }> } }>;
    }>;
  };
}

let dir: string;
let pack: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-nist-pack-"));
  await writeFile(join(dir, "snapshot.json"), JSON.stringify(snapshot));
  await writeFile(join(dir, "ddproof.yaml"), `frameworks: [${NIST}]\n`);
  pack = join(dir, "evidence");
  const run = await cli(["report", "--snapshot", join(dir, "snapshot.json"), "--kind", "evidence", "--config", join(dir, "ddproof.yaml"), "--out", pack]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("an evidence pack for NIST SP 800-53 Moderate", () => {
  it("holds its control matrix, the PDF, the HTML report and the OSCAL results", async () => {
    const paths = Manifest.parse(JSON.parse(await readFile(join(pack, "manifest.json"), "utf8"))).files.map((file) => file.path);
    expect(paths).toEqual(expect.arrayContaining([`controls-${NIST}.csv`, "evidence-pack.pdf", "report.html", "assessment-results.json"]));
    const csv = (await readFile(join(pack, `controls-${NIST}.csv`), "utf8")).split("\n");
    expect(csv.filter((line) => line.startsWith(`${NIST},`))).toHaveLength(305);
  });

  it("references NIST's control ids in the OSCAL results, and each control's assessment objective", async () => {
    const results = (JSON.parse(await readFile(join(pack, "assessment-results.json"), "utf8")) as Results)["assessment-results"].results[0]!;
    const [selection] = results["reviewed-controls"]["control-selections"];
    expect(selection!.description).toBe("NIST SP 800-53 Rev. 5 Moderate baseline 5.1.1+u4");
    const ids = selection!["include-controls"].map((entry) => entry["control-id"]);
    // 177 controls and 110 enhancements; the 18 family rows are not OSCAL controls.
    expect(ids).toHaveLength(287);
    expect(ids).toEqual(expect.arrayContaining(["au-2", "au-11", "ir-4", "ra-5", "si-4", "si-4.2"]));
    expect(ids).not.toContain("au");
    const finding = results.findings.find((candidate) => candidate.target["target-id"] === "si-4.2_obj")!;
    expect(finding.title).toBe("NIST SP 800-53 Rev. 5 Moderate baseline SI-4(2): Automated Tools and Mechanisms for Real-time Analysis");
    expect(finding.target.props).toEqual(expect.arrayContaining([expect.objectContaining({ name: "control-label", value: "SI-4(2)" })]));
    expect(results.findings.find((candidate) => candidate.title.includes(": Audit and Accountability"))!.target["target-id"]).toBe(`${NIST}_au`);
  });

  it("shows NIST's labels in the HTML report", async () => {
    const html = await readFile(join(pack, "report.html"), "utf8");
    expect(html).toContain('<th scope="row" class="control-id">SI-4(2)</th>');
    expect(html).not.toContain('<th scope="row" class="control-id">si-4.2</th>');
  });

  it("shows NIST's labels in the PDF control matrix", async () => {
    const inputs = await loadAssessInputs({ frameworks: [NIST], userDirs: [], attestationsFile: null });
    const [framework] = assess({ snapshot, ...inputs, thresholds: Thresholds.parse({}), frameworks: [NIST] }).frameworks;
    const text = JSON.stringify(controlMatrix(framework!, inputs.catalogs[0], snapshot));
    expect(text).toContain('"text":"SI-4(2)"');
    expect(text).toContain("  Family au: Audit and Accountability");
  });

  it("shows NIST's labels in the gap report", async () => {
    const out = join(dir, "gap");
    const run = await cli(["report", "--snapshot", join(dir, "snapshot.json"), "--kind", "gap", "--config", join(dir, "ddproof.yaml"), "--out", out]);
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(join(out, "report.html"), "utf8");
    expect(html).toContain('<th scope="row">AU-1</th>');
    expect(html).not.toContain('<th scope="row">au-1</th>');
    // gaps.csv keeps the id, the stable key diffs compare.
    expect(await readFile(join(out, "gaps.csv"), "utf8")).toMatch(new RegExp(`^control,${NIST},au-1,`, "m"));
  });
});
