/**
 * A collector that keeps failing, followed through the whole command line:
 * `collect` exits 3 with a valid snapshot that says which part failed and no
 * population file for it; `assess --json` reports every dependent finding as
 * unknown; `report` and `pack` exit 3 with packs whose cover and manifest say
 * INCOMPLETE; and no run leaves anything half-written behind.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type AssessInputs, loadAssessInputs } from "../../src/assess/load-inputs.js";
import { Assessment } from "../../src/assess/schema.js";
import { DEFAULT_FRAMEWORKS } from "../../src/config/schema.js";
import { loadDatadogModule } from "../../src/datadog/session.js";
import { Manifest } from "../../src/pack/manifest.js";
import { Snapshot } from "../../src/snapshot/schema.js";
import { pdfText } from "../helpers/pdf.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";
import { expectDependentsUnknown } from "./fixtures/dependents.js";
import { DAY_BEFORE_NOW, NOW } from "./fixtures/fast-collect.js";
import { workLeftUnder } from "./fixtures/files.js";

const context = useSimulator({ now: NOW });
let dir: string;
let config: string;
let inputs: AssessInputs;

const env = () => ({ DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: context.sim.url });
/** Packs render two frameworks to stay quick; `assess --json` checks all of them. */
const TWO_FRAMEWORKS = ["--framework", "pci-dss-4.0.1", "--framework", "mitre-attack"];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-e2e-"));
  // An explicit empty config: every framework, and no ddproof.yaml from the working folder.
  config = join(dir, "ddproof.yaml");
  await writeFile(config, "");
  inputs = await loadAssessInputs({ frameworks: [...DEFAULT_FRAMEWORKS], userDirs: [], attestationsFile: null });
  // Loading the client takes over a second; keep it out of the timed runs.
  await loadDatadogModule();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => context.sim.setFaults(""));

async function manifestOf(pack: string): Promise<Manifest> {
  return Manifest.parse(JSON.parse(await readFile(join(pack, "manifest.json"), "utf8")));
}

async function coverText(pdf: string): Promise<string> {
  return (await pdfText(await readFile(pdf))).split("\f")[0]!.replace(/\s+/g, " ");
}

describe("a signals endpoint that keeps answering 500", () => {
  const snapshotFile = () => join(dir, "collected", "snapshot.json");

  it("collect: exit 3 after one retry, a valid snapshot naming the failed part, no population file and no work files", async () => {
    context.sim.setFaults("signals:status=500");
    const run = await cli(
      ["collect", "--config", config, ...DAY_BEFORE_NOW, "--out", snapshotFile(), "--retries", "1", "--timeout", "5"],
      env(),
    );
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/signals\s+error\s+ERROR: Datadog answered HTTP 500: Internal Server Error/);
    expect(run.stdout).toContain("Evidence is INCOMPLETE: signals could not be collected");

    const snapshot = Snapshot.parse(JSON.parse(await readFile(snapshotFile(), "utf8")));
    expect(snapshot.complete).toBe(false);
    // One request for the notification rules (routing is measured on the signals), then the search and its one retry.
    expect(snapshot.collectors.signals).toMatchObject({ status: "error", requests: 3, retries: 1 });
    expect(await readdir(join(dir, "collected"))).toEqual(["snapshot.json"]);
  });

  it("assess --json: exit 3; every finding that reads signals is unknown, none that does not", async () => {
    const run = await cli(["assess", "--config", config, "--snapshot", snapshotFile(), "--json"]);
    expect(run.code).toBe(3);
    const assessment = Assessment.parse(JSON.parse(run.stdout));
    expect(assessment.complete).toBe(false);
    expect(expectDependentsUnknown(assessment, inputs.mappings, ["signals"])).toBeGreaterThan(0);
  });

  it("report: exit 3; the cover and the manifest say INCOMPLETE; no signals population; the pack verifies", async () => {
    const out = join(dir, "evidence-pack");
    const run = await cli([
      "report",
      "--config",
      config,
      "--snapshot",
      snapshotFile(),
      "--kind",
      "evidence",
      "--out",
      out,
      ...TWO_FRAMEWORKS,
    ]);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      "Evidence is INCOMPLETE: signals could not be collected; the pack says so on its cover.",
    );
    const manifest = await manifestOf(out);
    expect(manifest).toMatchObject({ complete: false, missing_evidence: ["signals"] });
    const paths = manifest.files.map((file) => file.path);
    expect(paths).toContain("populations/rules.csv");
    expect(paths).not.toContain("populations/signals.csv");
    expect(await coverText(join(out, "evidence-pack.pdf"))).toContain("INCOMPLETE — evidence missing from: signals");
    expect((await cli(["verify", out])).code).toBe(0);
    expect(await workLeftUnder(dir)).toEqual([]);
  });

  it("pack: collects, and writes a gap pack marked INCOMPLETE; exit 3; no working folder is left", async () => {
    context.sim.setFaults("signals:status=500");
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith("ddproof-pack-"));
    const out = join(dir, "gap-pack");
    const run = await cli(
      [
        "pack",
        "--config",
        config,
        "--kind",
        "gap",
        ...DAY_BEFORE_NOW,
        "--out",
        out,
        "--retries",
        "0",
        ...TWO_FRAMEWORKS,
      ],
      env(),
    );
    expect(run.code).toBe(3);
    expect(await manifestOf(out)).toMatchObject({ complete: false, missing_evidence: ["signals"] });
    expect(await coverText(join(out, "gap-report.pdf"))).toContain("INCOMPLETE — evidence missing from: signals");
    const after = (await readdir(tmpdir())).filter((name) => name.startsWith("ddproof-pack-"));
    expect(after.sort()).toEqual(before.sort());
    expect(await workLeftUnder(dir)).toEqual([]);
  });
});

describe("through the command line's own retry settings", () => {
  it("--timeout: answers slower than it are given up after --retries", async () => {
    context.sim.setFaults("hosts:latency=4000");
    const out = join(dir, "slow", "snapshot.json");
    const started = performance.now();
    const run = await cli(
      [
        "collect",
        "--config",
        config,
        ...DAY_BEFORE_NOW,
        "--out",
        out,
        "--retries",
        "1",
        "--timeout",
        "1",
        "--only",
        "agents",
      ],
      env(),
    );
    const elapsed = performance.now() - started;
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(
      /agents\s+error\s+ERROR: GET \/api\/v1\/hosts: no complete answer within 1 s after 2 attempts/,
    );
    expect(elapsed).toBeGreaterThanOrEqual(2 * 1000);
    // Given up after exactly --retries: the bound is the count of attempts, not a wall-clock figure.
    const snapshot = Snapshot.parse(JSON.parse(await readFile(out, "utf8")));
    expect(snapshot.collectors.agents).toMatchObject({ status: "error", retries: 1 });
  });

  it("a 429 storm is waited out for --retries resets, then given up", async () => {
    context.sim.setFaults("rules:status=429");
    const out = join(dir, "throttled", "snapshot.json");
    const started = performance.now();
    const run = await cli(
      ["collect", "--config", config, ...DAY_BEFORE_NOW, "--out", out, "--retries", "2", "--only", "rules"],
      env(),
    );
    const elapsed = performance.now() - started;
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/rules\s+error\s+ERROR: Datadog answered HTTP 429/);
    // Two waits of the announced one-second reset (plus jitter), then give up.
    expect(elapsed).toBeGreaterThanOrEqual(2 * 1000);
    const snapshot = Snapshot.parse(JSON.parse(await readFile(out, "utf8")));
    expect(snapshot.collectors.rules).toMatchObject({ status: "error", requests: 3, retries: 2 });
  });
});
