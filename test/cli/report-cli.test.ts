/**
 * report, pack, verify and diff from the command line, on snapshots collected
 * from the simulator through the real collectors.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Manifest } from "../../src/pack/manifest.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";

const context = useSimulator();
let dir: string;
const env = () => ({ DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: context.sim.url });
const manifestOf = async (pack: string) =>
  Manifest.parse(JSON.parse(await readFile(join(pack, "manifest.json"), "utf8")));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-report-"));
  // Two collections a week apart, and one where a collector fails.
  for (const [name, period, faults] of [
    ["week1", "2026-09", ""],
    ["week2", "2026-10", "suppressions:status=403"],
    ["broken", "2026-10", "signals:status=500"],
  ] as const) {
    context.sim.setFaults(faults);
    const run = await cli(
      ["collect", "--period", period, "--out", join(dir, name, "snapshot.json"), "--retries", "0"],
      env(),
    );
    expect([0, 3]).toContain(run.code);
  }
  context.sim.setFaults("");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ddproof report", () => {
  it("writes an evidence pack that verifies, with every promised file", async () => {
    const out = join(dir, "evidence");
    const run = await cli([
      "report",
      "--snapshot",
      join(dir, "week1", "snapshot.json"),
      "--kind",
      "evidence",
      "--out",
      out,
    ]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Wrote evidence pack .*: \d+ files listed in manifest\.json/);
    const paths = (await manifestOf(out)).files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        "snapshot.json",
        "assessment.json",
        "assessment-results.json",
        "attack-layer.json",
        "attack-coverage.csv",
        "controls-pci-dss-4.0.1.csv",
        "controls-soc2-2017.csv",
        "controls-hipaa-security-rule.csv",
        "controls-datadog-baseline.csv",
        "populations/rules.csv",
        "populations/agents.csv",
        "populations/log-sources.csv",
        "populations/signals.csv",
        "populations/rule-changes.csv",
      ]),
    );
    const verify = await cli(["verify", out]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/intact, \d+ files match manifest\.json/);
  });

  it("is a pure function of its inputs: the same snapshot gives byte-identical files", async () => {
    const snapshot = join(dir, "week1", "snapshot.json");
    await cli(["report", "--snapshot", snapshot, "--kind", "attack", "--out", join(dir, "a1")]);
    await cli(["report", "--snapshot", snapshot, "--kind", "attack", "--out", join(dir, "a2")]);
    expect((await manifestOf(join(dir, "a1"))).files).toEqual((await manifestOf(join(dir, "a2"))).files);
  });

  it("adds changes.json to a gap report given an earlier pack, and diff agrees", async () => {
    const first = join(dir, "gap1");
    const second = join(dir, "gap2");
    expect(
      (await cli(["report", "--snapshot", join(dir, "week1", "snapshot.json"), "--kind", "gap", "--out", first])).code,
    ).toBe(0);
    const run = await cli([
      "report",
      "--snapshot",
      join(dir, "week2", "snapshot.json"),
      "--kind",
      "gap",
      "--out",
      second,
      "--previous",
      first,
    ]);
    expect(run.code).toBe(3); // week2 lacks suppressions
    const changes = JSON.parse(await readFile(join(second, "changes.json"), "utf8")) as {
      previous: { label: string };
      notes: string[];
    };
    expect(changes.previous.label).toBe("gap1");
    const diff = await cli(["diff", first, second, "--json"]);
    expect(diff.code).toBe(0);
    expect(JSON.parse(diff.stdout)).toEqual(changes);
    const text = await cli(["diff", first, second]);
    expect(text.stdout).toMatch(/new gaps: \d+/);
    expect(text.stdout).toMatch(/rules disabled: \d+/);
  });

  it("says INCOMPLETE, exits 3 and records the missing evidence when a collector failed", async () => {
    const out = join(dir, "broken-pack");
    const run = await cli([
      "report",
      "--snapshot",
      join(dir, "broken", "snapshot.json"),
      "--kind",
      "evidence",
      "--out",
      out,
    ]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/Evidence is INCOMPLETE: signals could not be collected/);
    const manifest = await manifestOf(out);
    expect(manifest).toMatchObject({ complete: false, missing_evidence: ["signals"] });
    expect(manifest.files.map((file) => file.path)).not.toContain("populations/signals.csv");
  });

  it("refuses to replace a pack without --force, and replaces it with", async () => {
    const out = join(dir, "evidence");
    const snapshot = join(dir, "week1", "snapshot.json");
    const refused = await cli(["report", "--snapshot", snapshot, "--kind", "evidence", "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a pack already exists there; use --force/);
    expect((await cli(["report", "--snapshot", snapshot, "--kind", "evidence", "--out", out, "--force"])).code).toBe(0);
  });

  it.each([
    [["--kind", "weekly"], /option '--kind <kind>' argument 'weekly' is invalid/],
    [
      ["--kind", "gap", "--previous", "/nonexistent-pack"],
      /nonexistent-pack\/snapshot\.json: cannot read the snapshot/,
    ],
  ])("exits 2 and writes nothing for %j", async (args, message) => {
    const out = join(dir, "never");
    const run = await cli(["report", "--snapshot", join(dir, "week1", "snapshot.json"), "--out", out, ...args]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect((await readdir(dir)).some((name) => name.includes("never"))).toBe(false);
  });
});

describe("ddproof verify", () => {
  it("exits 1 and names what changed", async () => {
    const out = join(dir, "tampered");
    await cli(["report", "--snapshot", join(dir, "week1", "snapshot.json"), "--kind", "gap", "--out", out]);
    await writeFile(join(out, "gaps.csv"), "forged\n");
    const run = await cli(["verify", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/NOT intact\n\s+changed\s+gaps\.csv/);
  });
});

describe("ddproof pack", () => {
  it("collects, assesses and writes a pack in one step, leaving no working files", async () => {
    const before = (await readdir(tmpdir())).filter((name) => name.startsWith("ddproof-pack-"));
    const out = join(dir, "one-step");
    const run = await cli(["pack", "--kind", "attack", "--period", "last-7d", "--out", out], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect((await cli(["verify", out])).code).toBe(0);
    const after = (await readdir(tmpdir())).filter((name) => name.startsWith("ddproof-pack-"));
    expect(after.sort()).toEqual(before.sort());
  });

  it("refuses an output folder that is not a pack before collecting anything", async () => {
    const out = join(dir, "not-a-pack");
    await mkdir(out);
    await writeFile(join(out, "notes.txt"), "mine");
    const before = context.sim.requests.length;
    const run = await cli(["pack", "--kind", "gap", "--period", "last-24h", "--out", out], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/exists and is not a ddproof pack/);
    expect(context.sim.requests.length).toBe(before);
    expect(await readFile(join(out, "notes.txt"), "utf8")).toBe("mine");
  });
});
