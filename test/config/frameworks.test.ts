/**
 * The config's `frameworks` are checked against the catalogs that exist
 * (shipped, and in the extension folders), not against a list in code: a
 * user catalog can be selected by id, and an unknown id stops the run with
 * exit 2, the file, the path and every id that would do.
 */
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Assessment } from "../../src/assess/schema.js";
import { availableCatalogIds } from "../../src/catalogs/discover.js";
import { loadConfig } from "../../src/config/load.js";
import { DEFAULT_FRAMEWORKS } from "../../src/config/schema.js";
import { InputError } from "../../src/errors.js";
import { buildSnapshot, lastDays, logSources, sourceVolume } from "../assess/fixtures/snapshot-builder.js";
import { cli } from "../helpers/run-cli.js";

const HOUSE_RULES = {
  id: "house-rules",
  name: "House rules",
  version: "2026.1",
  publisher: "Example Ltd",
  text_policy: "Our own words.",
  source: { description: "Written by the security team." },
  controls: [
    { id: "HR", title: "Logging", parent: null, kind: "group", monitoring_relevant: true },
    { id: "HR-1", title: "Cloud audit logs arrive every day.", parent: "HR", kind: "rule", monitoring_relevant: true },
  ],
};
const HOUSE_MAPPING = [
  "framework: house-rules",
  "controls:",
  "  HR-1:",
  "    - kind: log_source",
  "      params: { sources: [cloudtrail], min_sources: 1 }",
  "      rationale: CloudTrail has data on most days of the period.",
  "",
].join("\n");

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-config-frameworks-"));
  await mkdir(join(dir, "ext"));
  await writeFile(join(dir, "ext", "house-rules.json"), JSON.stringify(HOUSE_RULES));
  await writeFile(join(dir, "ext", "house-rules.yaml"), HOUSE_MAPPING);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function configFile(text: string): Promise<string> {
  const file = join(dir, "ddproof.yaml");
  await writeFile(file, text);
  return file;
}

async function loadError(text: string, extraDirs: string[] = []): Promise<InputError> {
  const error: unknown = await loadConfig(await configFile(text), extraDirs).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe("frameworks in the config", () => {
  it("may name a user catalog from a `mappings:` folder, relative to the config file", async () => {
    const { config } = await loadConfig(await configFile("frameworks: [nist-800-53-rev5-moderate, house-rules]\nmappings: [ext]\n"));
    expect(config.frameworks).toEqual(["nist-800-53-rev5-moderate", "house-rules"]);
  });

  it("may name a user catalog from a --mappings folder", async () => {
    const { config } = await loadConfig(await configFile("frameworks: [house-rules]\n"), [join(dir, "ext")]);
    expect(config.frameworks).toEqual(["house-rules"]);
  });

  it("refuses an unknown id, naming the file, the path and every available id", async () => {
    const available = await availableCatalogIds([join(dir, "ext")]);
    expect(available).toContain("mitre-attack");
    expect(available).toContain("house-rules");
    const error = await loadError("frameworks: [house-rules, house-rulez]\nmappings: [ext]\n");
    expect(error.message).toBe(`${join(dir, "ddproof.yaml")}: frameworks[1]: unknown framework "house-rulez"; available: ${available.join(", ")}`);
  });

  it("refuses a user catalog's id when its folder is not given", async () => {
    const error = await loadError("frameworks: [house-rules]\n");
    expect(error.message).toMatch(/ddproof\.yaml: frameworks\[0\]: unknown framework "house-rules"; available: datadog-baseline, /);
    expect(error.message).not.toContain("house-rules,");
  });

  it("checks each job's frameworks with the job's path", async () => {
    const job = "jobs:\n  - name: nightly\n    cron: '0 2 * * *'\n    kind: gap\n    period: last-24h\n    frameworks: [soc2-2017, iso-27001]\n";
    const error = await loadError(job);
    expect(error.message).toMatch(/ddproof\.yaml: jobs\[0\]\.frameworks\[1\]: unknown framework "iso-27001"; available: /);
  });

  it("defaults to catalogs that are all shipped", async () => {
    const available = await availableCatalogIds();
    expect(DEFAULT_FRAMEWORKS.filter((id) => !available.includes(id))).toEqual([]);
  });
});

describe("the CLI", () => {
  async function snapshotFile(): Promise<string> {
    const file = join(dir, "snapshot.json");
    await writeFile(file, JSON.stringify(buildSnapshot({ log_sources: logSources(sourceVolume("cloudtrail", lastDays(92))) })));
    return file;
  }

  it("assesses a shipped opt-in catalog and a user catalog the config selects", async () => {
    const config = await configFile("frameworks: [nist-800-53-rev5-moderate, house-rules]\nmappings: [ext]\n");
    const run = await cli(["assess", "--config", config, "--snapshot", await snapshotFile(), "--json"]);
    expect(run.code, run.stderr).toBe(0);
    const assessment = Assessment.parse(JSON.parse(run.stdout));
    expect(assessment.frameworks.map((framework) => framework.id)).toEqual(["nist-800-53-rev5-moderate", "house-rules"]);
    expect(assessment.frameworks[0]!.controls.find((control) => control.id === "au-2")!.findings[0]).toMatchObject({ check: "log_source", status: "pass" });
    expect(assessment.frameworks[1]!.controls.find((control) => control.id === "HR-1")).toMatchObject({ status: "pass", findings: [{ check: "log_source" }] });
  });

  it("exits 2 on an unknown id in the config, listing the known ids", async () => {
    const config = await configFile("frameworks: [iso-27001]\n");
    const run = await cli(["assess", "--config", config, "--snapshot", await snapshotFile()]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${config}: frameworks[0]: unknown framework "iso-27001"; available: ${(await availableCatalogIds()).join(", ")}`);
  });

  it("exits 2 on an unknown --framework, listing the known ids", async () => {
    const run = await cli(["assess", "--config", await configFile(""), "--snapshot", await snapshotFile(), "--framework", "iso-27001"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--framework: unknown framework "iso-27001"; available: ${(await availableCatalogIds()).join(", ")}`);
  });
});
