/**
 * The NIST SP 800-53 catalogs: the shipped Moderate baseline reproduces byte
 * for byte from the OSCAL file committed in data-sources/nist-oscal/, and
 * `catalog import-oscal` on NIST's Low baseline (committed beside it) gives
 * a framework that loads and assesses.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assess } from "../../src/assess/index.js";
import { loadAssessInputs } from "../../src/assess/load-inputs.js";
import { loadFrameworkCatalog } from "../../src/catalogs/load.js";
import { readOscalSources, renderOscalImports } from "../../src/catalogs/oscal/sources.js";
import { Thresholds } from "../../src/config/schema.js";
import { buildSnapshot, hosts, lastDays, logSources, sourceVolume } from "../assess/fixtures/snapshot-builder.js";
import { cli } from "../helpers/run-cli.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SOURCES = join(ROOT, "data-sources", "nist-oscal");
const MODERATE = "nist-800-53-rev5-moderate";
const LOW_FILE = "NIST_SP-800-53_rev5_LOW-baseline-resolved-profile_catalog.json";

describe("data-sources/nist-oscal", () => {
  it("reproduces the shipped Moderate catalog byte for byte", async () => {
    const rendered = await renderOscalImports(SOURCES);
    expect(rendered.map((entry) => entry.id)).toEqual([MODERATE]);
    expect(rendered[0]!.text).toBe(await readFile(join(ROOT, "frameworks", `${MODERATE}.json`), "utf8"));
    expect(rendered[0]!.imported.withdrawn).toEqual([]);
  });

  it("holds every file its imports.json lists, NIST's licence among them, outside the npm package", async () => {
    const { files } = await readOscalSources(SOURCES);
    for (const name of files) expect((await readFile(join(SOURCES, name))).length, name).toBeGreaterThan(0);
    expect(files).toEqual(expect.arrayContaining(["LICENSE.md", "SOURCE.txt", LOW_FILE]));
    expect(await readFile(join(SOURCES, "LICENSE.md"), "utf8")).toMatch(/CC0 1\.0 Universal/);
    const manifest = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { files: string[] };
    expect(manifest.files.some((entry) => entry.startsWith("data-sources"))).toBe(false);
  });
});

describe("the shipped Moderate baseline", () => {
  it("has NIST's 18 families, 177 controls and 110 enhancements, with OSCAL ids and NIST labels", async () => {
    const catalog = await loadFrameworkCatalog(MODERATE);
    const count = (kind: string) => catalog.controls.filter((control) => control.kind === kind).length;
    expect([count("family"), count("control"), count("enhancement")]).toEqual([18, 177, 110]);
    expect(catalog.controls.find((control) => control.id === "si-4.2")).toEqual({
      id: "si-4.2",
      label: "SI-4(2)",
      title: "Automated Tools and Mechanisms for Real-time Analysis",
      parent: "si-4",
      kind: "enhancement",
      monitoring_relevant: true,
      attributes: { oscal_objective: "si-4.2_obj" },
    });
    const family = catalog.controls.find((control) => control.id === "au")!;
    expect(family).toMatchObject({ title: "Audit and Accountability", parent: null, kind: "family" });
    expect(Object.keys(family)).not.toContain("label");
    expect(catalog.source.references?.[0]).toMatchObject({ repo: "usnistgov/oscal-content", commit: "88bb8deeaa815f8914d68ea7e31a622ebbc1719d" });
  });
});

describe("import-oscal on NIST's Low baseline", () => {
  let root: string;
  let ext: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "ddproof-nist-low-"));
    ext = join(root, "ext");
    await mkdir(ext);
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it("gives a framework that loads and, with the Moderate mapping cut to its controls, assesses", async () => {
    const config = join(root, "ddproof.yaml");
    await writeFile(config, "");
    const run = await cli(["catalog", "import-oscal", join(SOURCES, LOW_FILE), "--id", "nist-800-53-rev5-low", "--mappings", ext, "--config", config]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe(
      `wrote ${join(ext, "nist-800-53-rev5-low.json")}: NIST Special Publication 800-53 Revision 5.1.1 LOW IMPACT BASELINE 5.1.1+u4: ` +
        "18 family rows, 131 control rows, 18 control enhancement rows; 0 monitoring-relevant; 0 withdrawn skipped",
    );

    const low = await loadFrameworkCatalog("nist-800-53-rev5-low", [ext]);
    const lowIds = new Set(low.controls.map((control) => control.id));
    const moderate = parse(await readFile(join(ROOT, "mappings", `${MODERATE}.yaml`), "utf8")) as { controls: Record<string, unknown> };
    const controls = Object.fromEntries(Object.entries(moderate.controls).filter(([id]) => lowIds.has(id)));
    expect(Object.keys(controls)).toEqual(expect.arrayContaining(["au-2", "au-11", "ir-4", "si-4", "ra-5"]));
    await writeFile(join(ext, "nist-800-53-rev5-low.yaml"), stringify({ framework: "nist-800-53-rev5-low", controls }));

    const inputs = await loadAssessInputs({ frameworks: ["nist-800-53-rev5-low"], userDirs: [ext], attestationsFile: null });
    const snapshot = buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))), agents: { hosts: hosts(3, "web") } });
    const assessment = assess({ snapshot, ...inputs, thresholds: Thresholds.parse({}), frameworks: ["nist-800-53-rev5-low"] });
    const [result] = assessment.frameworks;
    expect(result!.controls).toHaveLength(low.controls.length);
    const au2 = result!.controls.find((control) => control.id === "au-2")!;
    expect(au2.findings.map((finding) => [finding.check, finding.status])).toEqual([
      ["log_source", "pass"],
      ["agent_coverage", "pass"],
      ["manual", "manual"],
    ]);
    expect(result!.controls.find((control) => control.id === "ac-1")!.findings[0]!.message_id).toBe("noMapping");
  });
});
