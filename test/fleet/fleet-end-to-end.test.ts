/**
 * The fleet from the command line, end to end: `demo --orgs 3` against three
 * differently shaped simulated orgs, `pack --all-orgs` and `report
 * --all-orgs` from a config's `orgs:`, and `merge` of their org packs, made
 * in this process and in separate processes. The fleet pack must agree with
 * the org packs it was made from, and be the same bytes however it was made.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Assessment, type ControlStatus } from "../../src/assess/schema.js";
import { FleetAssessment } from "../../src/fleet/schema.js";
import { Manifest } from "../../src/pack/manifest.js";
import { type RunningFleet, startFleetSimulators } from "../../src/simulator/fleet.js";
import { expectSameBytes } from "../helpers/pack-bytes.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { csvRecords } from "../report/data/fixtures/parse-csv.js";
import { WORST_TO_BEST } from "./fixtures/org-pack-builder.js";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const dir = scratchDir("fleet-e2e");
const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, "utf8"));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe("ddproof demo --orgs 3", () => {
  const out = join(dir, "demo");
  const evidence = join(out, "evidence");
  const orgs = ["degraded", "eu", "us"];
  let demo: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    demo = await cli(["demo", "--orgs", "3", "--out", out, "--no-progress"]);
  }, 300_000);

  it("writes every org's pack and the fleet pack for each kind, and exits 3 for the degraded org", async () => {
    expect(demo.stderr).toBe("");
    expect(demo.code).toBe(3);
    for (const kind of ["evidence", "gap", "attack"])
      expect((await readdir(join(out, kind))).sort()).toEqual([...orgs, "fleet"].sort());
    const verified = await cli(["verify", join(evidence, "fleet")]);
    expect(verified.code).toBe(0);
  });

  it("has the worst-of status of the three org packs for every control, each org's status beside it", async () => {
    const perOrg = new Map<string, Record<string, ControlStatus>>();
    for (const org of orgs) {
      const assessment = Assessment.parse(await readJson(join(evidence, org, "assessment.json")));
      for (const framework of assessment.frameworks)
        for (const control of framework.controls) {
          const key = `${framework.id} ${control.id}`;
          perOrg.set(key, { ...perOrg.get(key), [org]: control.status });
        }
    }
    const worst = (statuses: Record<string, ControlStatus>) =>
      WORST_TO_BEST.find((status) => Object.values(statuses).includes(status));

    const fleet = FleetAssessment.parse(await readJson(join(evidence, "fleet", "fleet.json")));
    const controls = fleet.frameworks.flatMap((framework) =>
      framework.controls.map((control) => ({ key: `${framework.id} ${control.id}`, control })),
    );
    expect(controls.map(({ key }) => key).sort()).toEqual([...perOrg.keys()].sort());
    for (const { key, control } of controls)
      expect({ status: control.status, orgs: control.orgs }, key).toEqual({
        status: worst(perOrg.get(key)!),
        orgs: perOrg.get(key),
      });

    const rows = csvRecords(await readFile(join(evidence, "fleet", "controls.csv"), "utf8"));
    expect(rows).toHaveLength(perOrg.size);
    for (const row of rows) {
      const statuses = perOrg.get(`${row.framework} ${row.control_id}`)!;
      expect(row.status).toBe(worst(statuses));
      for (const org of orgs) expect(row[`status:${org}`], `${row.control_id} ${org}`).toBe(statuses[org]);
    }
    // The orgs differ (the EU org's thinner coverage, the degraded org's unknowns), so worst-of is tested.
    const disagreeing = [...perOrg.values()].filter((statuses) => new Set(Object.values(statuses)).size > 1);
    expect(disagreeing.length).toBeGreaterThan(20);
    expect(rows.some((row) => row.status === "unknown" && row["status:us"] !== "unknown")).toBe(true);
  });

  it("scores each technique by the weakest of the three orgs", async () => {
    const scores = new Map<string, Record<string, number>>();
    for (const org of orgs) {
      const assessment = Assessment.parse(await readJson(join(evidence, org, "assessment.json")));
      for (const technique of assessment.attack!.techniques)
        scores.set(technique.id, { ...scores.get(technique.id), [org]: technique.score });
    }
    const fleet = FleetAssessment.parse(await readJson(join(evidence, "fleet", "fleet.json")));
    expect(fleet.attack!.techniques).toHaveLength(scores.size);
    for (const technique of fleet.attack!.techniques) {
      const byOrg = scores.get(technique.id)!;
      expect({ score: technique.score, orgs: technique.orgs }, technique.id).toEqual({
        score: Math.min(...Object.values(byOrg)),
        orgs: byOrg,
      });
    }
    expect(fleet.attack!.techniques.some((t) => new Set(Object.values(t.orgs)).size > 1)).toBe(true);
  });

  it("leaves the other orgs complete and marks the fleet pack incomplete for the degraded org alone", async () => {
    const fleetManifest = Manifest.parse(await readJson(join(evidence, "fleet", "manifest.json")));
    expect(fleetManifest.complete).toBe(false);
    expect(fleetManifest.missing_evidence).toEqual(["degraded/agents"]);
    for (const org of orgs) {
      const manifest = Manifest.parse(await readJson(join(evidence, org, "manifest.json")));
      expect({ org: manifest.org, complete: manifest.complete }).toEqual({ org, complete: org !== "degraded" });
      const listed = fleetManifest.fleet?.orgs.find((entry) => entry.name === org);
      expect(listed).toEqual({
        name: org,
        manifest_sha256: sha256(await readFile(join(evidence, org, "manifest.json"))),
        complete: org !== "degraded",
      });
    }
  });
});

describe("pack --all-orgs, report --all-orgs and merge", () => {
  const keys: NodeJS.ProcessEnv = {};
  const config = join(dir, "ddproof.yaml");
  let fleet: RunningFleet;

  beforeAll(async () => {
    fleet = await startFleetSimulators({ orgs: 3 });
    const lines = ["timezone: UTC", "orgs:"];
    for (const org of fleet.orgs) {
      const variable = org.name.toUpperCase();
      keys[`DD_API_KEY_${variable}`] = `${org.name}-api-key-for-the-fleet-test`;
      keys[`DD_APP_KEY_${variable}`] = `${org.name}-app-key-for-the-fleet-test`;
      lines.push(
        `  - name: ${org.name}`,
        `    site: ${org.site}`,
        `    api_key_env: DD_API_KEY_${variable}`,
        `    app_key_env: DD_APP_KEY_${variable}`,
        `    api_url: ${org.url}`,
      );
    }
    await writeFile(config, `${lines.join("\n")}\n`);
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it("merge of the org packs pack --all-orgs wrote reproduces its fleet pack byte for byte", async () => {
    const packs = join(dir, "packs");
    const packed = await cli(
      [
        "pack",
        "--kind",
        "evidence",
        "--all-orgs",
        "--config",
        config,
        "--period",
        "2026-Q3",
        "--out",
        packs,
        "--no-progress",
      ],
      keys,
    );
    expect(packed.stderr).toBe("");
    expect(packed.code).toBe(3);
    expect((await readdir(packs)).sort()).toEqual(["degraded", "eu", "fleet", "us"]);

    const merged = join(dir, "merged");
    const merge = await cli(["merge", ...["us", "eu", "degraded"].map((org) => join(packs, org)), "--out", merged]);
    expect(merge.stderr).toBe("");
    expect(merge.code).toBe(3);
    await expectSameBytes(join(merged, "fleet"), join(packs, "fleet"));
  }, 300_000);

  it("merge of org packs written by separate report --org processes from the same snapshots is the same bytes as report --all-orgs", async () => {
    const snapshots = join(dir, "snapshots");
    const collected = await cli(
      ["collect", "--all-orgs", "--config", config, "--period", "2026-Q3", "--out", snapshots, "--no-progress"],
      keys,
    );
    expect(collected.code).toBe(3);
    const together = join(dir, "together");
    const reported = await cli([
      "report",
      "--kind",
      "evidence",
      "--all-orgs",
      "--config",
      config,
      "--snapshot",
      snapshots,
      "--out",
      together,
    ]);
    expect(reported.stderr).toBe("");

    const apart = join(dir, "apart");
    // One process per org, all at once, as the pods of a cluster job would run.
    await Promise.all(
      ["eu", "degraded", "us"].map((org) => {
        const args = [
          "report",
          "--kind",
          "evidence",
          "--org",
          org,
          "--config",
          config,
          "--snapshot",
          join(snapshots, org, "snapshot.json"),
        ];
        return run(process.execPath, [CLI, ...args, "--out", join(apart, org)]).catch((error: { code?: number }) => {
          // Exit 3 is an incomplete org's pack, written; anything else is a failure.
          if (error.code !== 3) throw error;
        });
      }),
    );
    await run(process.execPath, [
      CLI,
      "merge",
      ...["us", "eu", "degraded"].map((org) => join(apart, org)),
      "--out",
      apart,
    ]).catch((error: { code?: number }) => {
      if (error.code !== 3) throw error;
    });
    for (const org of ["degraded", "eu", "us"]) await expectSameBytes(join(apart, org), join(together, org));
    await expectSameBytes(join(apart, "fleet"), join(together, "fleet"));
  }, 300_000);
});
