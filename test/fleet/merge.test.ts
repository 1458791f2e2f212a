/**
 * From org packs to the fleet pack, on three orgs collected from simulators
 * through the real collectors: the fleet agrees with the org packs (every
 * status and score recomputed here from their assessment.json), is a pure
 * function of them (the same bytes twice, and from packs rendered and
 * merged in other processes), and `merge` refuses what cannot be combined.
 */
import { execFile } from "node:child_process";
import { createHash, createPrivateKey } from "node:crypto";
import { cp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { Assessment, type ControlStatus } from "../../src/assess/schema.js";
import { FleetAssessment } from "../../src/fleet/schema.js";
import { writeFleetPack } from "../../src/fleet/write-fleet-pack.js";
import { Manifest } from "../../src/pack/manifest.js";
import { generateSigningKeyPair, SIGNATURE_FILE, signManifest } from "../../src/pack/sign.js";
import { Plan } from "../../src/plan/plan.js";
import { format as assessmentJsonFormat } from "../../src/report/formats/assessment-json.js";
import { format as snapshotJsonFormat } from "../../src/report/formats/snapshot-json.js";
import { expectSameBytes } from "../helpers/pack-bytes.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { csvRecords } from "../report/data/fixtures/parse-csv.js";
import { collectFleet, FLEET_ORGS, renderOrgPack } from "./fixtures/fleet-orgs.js";
import { WORST_TO_BEST } from "./fixtures/org-pack-builder.js";

const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
const RENDER_ORG_PACK = fileURLToPath(new URL("./fixtures/render-org-pack.mjs", import.meta.url));

const ORG_NAMES = FLEET_ORGS.map((org) => org.name).sort();
const COMPLETE_ORGS = FLEET_ORGS.filter((org) => org.faults === "").map((org) => org.name);

let root: string;
let snapshots: Map<string, string>;
/** `packs/<org>/` as `pack --all-orgs` lays them out, and the fleet pack in `packs/fleet/`. */
let packs: string;
const orgDir = (name: string) => join(packs, name);
const fleetDir = () => join(packs, "fleet");

beforeAll(async () => {
  root = scratchDir("fleet");
  snapshots = await collectFleet(join(root, "snapshots"));
  packs = join(root, "packs");
  for (const org of FLEET_ORGS) await renderOrgPack("gap", org, snapshots.get(org.name)!, orgDir(org.name));
  await writeFleetPack({ orgPackDirs: FLEET_ORGS.map((org) => orgDir(org.name)), outDir: packs });
}, 300_000);

const readJson = async (file: string): Promise<unknown> => JSON.parse(await readFile(file, "utf8"));
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** A copy of an org pack, changed by `edit`, in a folder of its own named like the org. */
async function alteredCopy(name: string, label: string, edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, label, name);
  await cp(orgDir(name), dir, { recursive: true });
  await edit(dir);
  return dir;
}

async function editManifest(dir: string, change: (manifest: Record<string, unknown>) => void): Promise<void> {
  const manifest = (await readJson(join(dir, "manifest.json"))) as Record<string, unknown>;
  change(manifest);
  await writeFile(join(dir, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Each org's assessment.json, as its pack holds it. */
async function orgAssessments(): Promise<Map<string, Assessment>> {
  const assessments = new Map<string, Assessment>();
  for (const name of ORG_NAMES)
    assessments.set(name, Assessment.parse(await readJson(join(orgDir(name), "assessment.json"))));
  return assessments;
}

describe("the fleet pack agrees with the org packs", () => {
  it("has every control's worst-of status and per-org statuses, recomputed from each org's assessment.json", async () => {
    const assessments = await orgAssessments();
    const expected = new Map<string, Record<string, ControlStatus>>();
    for (const [org, assessment] of assessments)
      for (const framework of assessment.frameworks)
        for (const control of framework.controls) {
          const key = `${framework.id} ${control.id}`;
          expected.set(key, { ...expected.get(key), [org]: control.status });
        }
    const worst = (statuses: Record<string, ControlStatus>) =>
      WORST_TO_BEST.find((status) => Object.values(statuses).includes(status))!;

    const fleet = FleetAssessment.parse(await readJson(join(fleetDir(), "fleet.json")));
    const fleetControls = fleet.frameworks.flatMap((framework) =>
      framework.controls.map((control) => [`${framework.id} ${control.id}`, control] as const),
    );
    expect(fleetControls.map(([key]) => key).sort()).toEqual([...expected.keys()].sort());
    for (const [key, control] of fleetControls) {
      const orgs = expected.get(key)!;
      expect({ status: control.status, orgs: control.orgs }, key).toEqual({ status: worst(orgs), orgs });
      expect(control.worst_orgs, key).toEqual(ORG_NAMES.filter((org) => orgs[org] === worst(orgs)));
    }

    const rows = csvRecords(await readFile(join(fleetDir(), "controls.csv"), "utf8"));
    expect(rows.map((row) => `${row.framework} ${row.control_id}`)).toEqual(fleetControls.map(([key]) => key));
    for (const row of rows) {
      const orgs = expected.get(`${row.framework} ${row.control_id}`)!;
      expect(row.status).toBe(worst(orgs));
      for (const org of ORG_NAMES) expect(row[`status:${org}`], `${row.control_id} ${org}`).toBe(orgs[org] ?? "");
    }
    // The test means something: orgs disagree on some controls, and the EU org has no say in HIPAA.
    const disagreeing = [...expected.values()].filter((orgs) => new Set(Object.values(orgs)).size > 1);
    expect(disagreeing.length).toBeGreaterThan(10);
    const hipaa = rows.filter((row) => row.framework === "hipaa-security-rule");
    expect(hipaa.length).toBeGreaterThan(0);
    expect(hipaa.every((row) => row["status:eu"] === "" && row["status:us"] !== "")).toBe(true);
  });

  it("scores every technique by its weakest org, with each org's score beside it", async () => {
    const assessments = await orgAssessments();
    const expected = new Map<string, Record<string, number>>();
    for (const [org, assessment] of assessments)
      for (const technique of assessment.attack!.techniques)
        expected.set(technique.id, { ...expected.get(technique.id), [org]: technique.score });

    const fleet = FleetAssessment.parse(await readJson(join(fleetDir(), "fleet.json")));
    expect(fleet.attack!.techniques.map((technique) => technique.id).sort()).toEqual([...expected.keys()].sort());
    for (const technique of fleet.attack!.techniques) {
      const orgs = expected.get(technique.id)!;
      const weakest = Math.min(...Object.values(orgs));
      expect({ score: technique.score, orgs: technique.orgs }, technique.id).toEqual({ score: weakest, orgs });
      expect(technique.weakest_orgs).toEqual(ORG_NAMES.filter((org) => orgs[org] === weakest));
      const first = assessments.get(technique.weakest_orgs[0]!)!.attack!.techniques.find((t) => t.id === technique.id)!;
      expect(technique.reason).toBe(first.reason);
    }
    const rows = csvRecords(await readFile(join(fleetDir(), "attack-coverage.csv"), "utf8"));
    expect(rows).toHaveLength(expected.size);
    for (const row of rows) {
      const orgs = expected.get(row.technique_id!)!;
      expect(Number(row.score)).toBe(Math.min(...Object.values(orgs)));
      for (const org of ORG_NAMES) expect(row[`score:${org}`]).toBe(String(orgs[org]));
    }
    expect([...expected.values()].filter((orgs) => new Set(Object.values(orgs)).size > 1).length).toBeGreaterThan(10);
  });

  it("lists and hashes every org pack in its manifest, dated by the latest org, incomplete for the org that is", async () => {
    const manifest = Manifest.parse(await readJson(join(fleetDir(), "manifest.json")));
    const orgs: Array<{ name: string; manifest_sha256: string; complete: boolean }> = [];
    for (const name of ORG_NAMES) {
      const own = Manifest.parse(await readJson(join(orgDir(name), "manifest.json")));
      orgs.push({
        name,
        manifest_sha256: sha256(await readFile(join(orgDir(name), "manifest.json"))),
        complete: own.complete,
      });
    }
    expect(manifest.fleet).toEqual({ orgs });
    expect(orgs.map((org) => [org.name, org.complete])).toEqual([
      ["apac", false],
      ["eu", true],
      ["us", true],
    ]);
    expect(manifest).toMatchObject({
      kind: "gap",
      complete: false,
      missing_evidence: ["apac/signals"],
      // The EU org was collected last, at 12:07.
      collected_at: "2026-11-15T12:07:00.000Z",
      period: { label: "2026-Q3", timezone: "UTC" },
    });
    expect(manifest.org).toBeUndefined();
    expect(manifest.files.map((file) => file.path)).toEqual([
      "actions.csv",
      "attack-coverage.csv",
      "controls.csv",
      "fleet.json",
      "fleet.pdf",
      "fleet.xlsx",
      "report.html",
    ]);
    const fleet = FleetAssessment.parse(await readJson(join(fleetDir(), "fleet.json")));
    expect(fleet.orgs.map((org) => [org.name, org.site, org.display_name, org.complete])).toEqual([
      ["apac", "ap1.datadoghq.com", "APAC org", false],
      ["eu", "datadoghq.eu", "EU business unit", true],
      ["us", "datadoghq.com", "US org", true],
    ]);
  });

  it("carries each org's next actions from its actions.json, in actions.csv", async () => {
    const rows = csvRecords(await readFile(join(fleetDir(), "actions.csv"), "utf8"));
    const expected: string[][] = [];
    for (const name of ORG_NAMES) {
      const plan = Plan.parse(await readJson(join(orgDir(name), "actions.json")));
      expect(plan.actions.length, name).toBeGreaterThan(0);
      // An edit starts with "-", which a spreadsheet would read as a formula: neutralised.
      for (const action of plan.actions)
        expected.push([name, String(action.rank), `'${action.edit}`, action.summary, String(action.gain)]);
    }
    expect(rows.map((row) => [row.org!, row.rank!, row.edit!, row.summary!, row.gain!])).toEqual(expected);
  });

  it("passes `ddproof verify`", async () => {
    const run = await cli(["verify", fleetDir()]);
    expect(run.stdout).toMatch(
      /intact, 7 files match manifest\.json \(the pack itself says its evidence is INCOMPLETE\)/,
    );
    expect(run.code).toBe(0);
  });
});

describe("the fleet pack is a pure function of the org packs", () => {
  it("is the same bytes when merged again, with the packs given in another order", async () => {
    const again = join(root, "again");
    const reversed = FLEET_ORGS.map((org) => orgDir(org.name)).reverse();
    await writeFleetPack({ orgPackDirs: reversed, outDir: again });
    await expectSameBytes(join(again, "fleet"), fleetDir());
    const run = await cli(["merge", ...ORG_NAMES.map(orgDir), "--out", join(root, "again-cli")]);
    expect(run.code).toBe(3);
    await expectSameBytes(join(root, "again-cli", "fleet"), fleetDir());
  });

  it("is the same bytes from org packs rendered in separate processes and merged by the built CLI", async () => {
    const elsewhere = join(root, "processes");
    // One process per org, all at once, as the pods of a cluster job would run.
    const runs = await Promise.all(
      FLEET_ORGS.map((org) =>
        exec(process.execPath, [
          RENDER_ORG_PACK,
          "gap",
          snapshots.get(org.name)!,
          join(elsewhere, org.name),
          org.name,
          org.frameworks.join(","),
        ]),
      ),
    );
    for (const run of runs) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    const merged = await exec(process.execPath, [
      CLI,
      "merge",
      ...ORG_NAMES.map((name) => join(elsewhere, name)),
      "--out",
      elsewhere,
    ]);
    expect(merged.stderr).toBe("");
    expect(merged.stdout).toMatch(/Wrote gap fleet pack .*: 3 orgs, 7 files listed in manifest\.json/);
    expect(merged.stdout).toContain("Evidence is INCOMPLETE: apac/signals could not be collected");
    expect(merged.code).toBe(3);
    for (const name of ORG_NAMES) await expectSameBytes(join(elsewhere, name), orgDir(name));
    await expectSameBytes(join(elsewhere, "fleet"), fleetDir());
  }, 240_000);
});

describe("ddproof merge", () => {
  it("writes a complete fleet pack of complete orgs, exit 0, and refuses to replace it without --force", async () => {
    const out = join(root, "complete");
    const dirs = COMPLETE_ORGS.map(orgDir);
    const run = await cli(["merge", ...dirs, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/Wrote gap fleet pack .*fleet: 2 orgs, 7 files listed in manifest\.json/);
    expect(run.stdout).toMatch(/PCI DSS.*\(worst of eu, us\): pass \d+, partial \d+, fail \d+/);
    expect(run.stdout).not.toContain("INCOMPLETE");
    expect(run.code).toBe(0);
    expect(Manifest.parse(await readJson(join(out, "fleet", "manifest.json")))).toMatchObject({
      complete: true,
      missing_evidence: [],
    });
    const refused = await cli(["merge", ...dirs, "--out", out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a pack already exists there; use --force to replace it/);
    expect((await cli(["merge", ...dirs, "--out", out, "--force"])).code).toBe(0);
  });

  it.each([
    [
      "one byte changed",
      async (dir: string) => {
        const file = join(dir, "gaps.csv");
        const bytes = await readFile(file);
        bytes[10] = bytes[10]! ^ 0x01;
        await writeFile(file, bytes);
      },
      "changed: gaps.csv",
    ],
    ["a file removed", (dir: string) => rm(join(dir, "actions.json")), "missing: actions.json"],
    ["a file added", (dir: string) => writeFile(join(dir, "notes.txt"), "mine\n"), "added: notes.txt"],
  ])(
    "refuses an org pack with %s (exit 1), naming the pack and the file, and writes nothing",
    async (label, edit, problem) => {
      const tampered = await alteredCopy("eu", label.replace(/ /g, "-"), edit);
      const out = join(root, `out-${label.replace(/ /g, "-")}`);
      const run = await cli(["merge", tampered, orgDir("us"), "--out", out]);
      expect(run.stderr).toBe(
        `ddproof: ${tampered}: the org pack is NOT intact (${problem}); \`ddproof verify\` lists what differs`,
      );
      expect(run.code).toBe(1);
      await expect(readdir(out)).rejects.toThrow(/ENOENT/);
    },
  );

  it("refuses org packs of different periods (exit 2), naming the orgs and both periods", async () => {
    const q2 = await alteredCopy("us", "q2", (dir) =>
      editManifest(dir, (manifest) => {
        manifest.period = {
          label: "2026-Q2",
          from: "2026-04-01T00:00:00Z",
          to: "2026-07-01T00:00:00Z",
          timezone: "UTC",
        };
      }),
    );
    const run = await cli(["merge", orgDir("eu"), q2, "--out", join(root, "out-q2")]);
    expect(run.stderr).toMatch(
      /the org packs cannot be combined:\n {2}eu: period 2026-Q3 \(2026-07-01T00:00:00Z to 2026-10-01T00:00:00Z, UTC\) differs from us: 2026-Q2 \(2026-04-01T00:00:00Z to 2026-07-01T00:00:00Z, UTC\)$/,
    );
    expect(run.code).toBe(2);
  });

  it("refuses org packs of different catalog versions (exit 2), naming the catalog and the orgs", async () => {
    const older = await alteredCopy("us", "older-catalog", (dir) =>
      editManifest(dir, (manifest) => {
        (manifest.catalogs as Record<string, string>)["pci-dss-4.0.1"] = "4.0.0";
      }),
    );
    const run = await cli(["merge", orgDir("eu"), older, "--out", join(root, "out-catalog")]);
    expect(run.stderr).toBe(
      "ddproof: the org packs cannot be combined:\n  eu: catalog pci-dss-4.0.1 version 4.0.1 differs from us: 4.0.0",
    );
    expect(run.code).toBe(2);
  });

  it("refuses a pack that names no org, saying how to write one, and a fleet pack given as an org pack", async () => {
    const anonymous = await alteredCopy("eu", "no-org", (dir) =>
      editManifest(dir, (manifest) => {
        delete manifest.org;
      }),
    );
    const run = await cli(["merge", anonymous, orgDir("us"), "--out", join(root, "out-no-org")]);
    expect(run.stderr).toBe(
      `ddproof: ${join(anonymous, "manifest.json")}: org: missing; the pack does not say which org it is of: write it with \`ddproof pack --org NAME\``,
    );
    expect(run.code).toBe(2);
    const fleet = await cli(["merge", fleetDir(), orgDir("us"), "--out", join(root, "out-fleet")]);
    expect(fleet.stderr).toMatch(/fleet: this is a fleet pack; give the org packs it was made from/);
    expect(fleet.code).toBe(2);
  });

  it("checks signed org packs with --public-key, signs the fleet pack with --sign-key, and refuses a bad signature", async () => {
    const keys = scratchDir("fleet-keys");
    const pair = generateSigningKeyPair();
    const other = generateSigningKeyPair();
    await writeFile(join(keys, "private.pem"), pair.privatePem);
    await writeFile(join(keys, "public.pem"), pair.publicPem);
    await writeFile(join(keys, "other.pem"), other.publicPem);
    const signed: string[] = [];
    for (const name of COMPLETE_ORGS) {
      signed.push(
        await alteredCopy(name, "signed", async (dir) => {
          const bytes = await readFile(join(dir, "manifest.json"));
          await writeFile(join(dir, SIGNATURE_FILE), signManifest(bytes, createPrivateKey(pair.privatePem)));
        }),
      );
    }
    const signedEu = join(root, "signed", "eu");
    const out = join(root, "signed-fleet");
    const args = ["merge", ...signed, "--out", out, "--public-key", join(keys, "public.pem")];
    const run = await cli([...args, "--sign-key", join(keys, "private.pem")]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("Signatures not checked");
    const unchecked = await cli(["merge", ...signed, orgDir("apac"), "--out", join(root, "unchecked")]);
    expect(unchecked.stdout).toContain(
      "Signatures not checked: the packs of eu, us are signed; give --public-key to check them.",
    );
    expect(unchecked.code).toBe(3);
    const verified = await cli(["verify", join(out, "fleet"), "--public-key", join(keys, "public.pem")]);
    expect(verified.stdout).toContain("signature valid");
    expect(verified.code).toBe(0);

    const wrongKey = await cli([
      "merge",
      ...signed,
      "--out",
      join(root, "wrong-key"),
      "--public-key",
      join(keys, "other.pem"),
    ]);
    expect(wrongKey.stderr).toMatch(
      /the org pack is NOT intact \(signature: manifest\.json\.sig does not match manifest\.json under the public key\)/,
    );
    expect(wrongKey.code).toBe(1);
    const unsigned = await cli([
      "merge",
      signedEu,
      orgDir("us"),
      "--out",
      join(root, "unsigned"),
      "--public-key",
      join(keys, "public.pem"),
    ]);
    expect(unsigned.stderr).toContain(
      `${orgDir("us")}: the org pack is NOT intact (signature: no manifest.json.sig, and a public key was given)`,
    );
    expect(unsigned.code).toBe(1);
  });
});

describe("an evidence fleet pack", () => {
  it("holds the fleet's OSCAL results and Navigator layer beside fleet.json and the CSVs", async () => {
    const dir = join(root, "evidence");
    const inputsOnly = [snapshotJsonFormat, assessmentJsonFormat];
    for (const org of FLEET_ORGS.filter((o) => COMPLETE_ORGS.includes(o.name)))
      await renderOrgPack("evidence", org, snapshots.get(org.name)!, join(dir, org.name), inputsOnly);
    const written = await writeFleetPack({ orgPackDirs: COMPLETE_ORGS.map((name) => join(dir, name)), outDir: dir });
    expect(written.manifest.files.map((file) => file.path)).toEqual([
      "assessment-results.json",
      "attack-coverage.csv",
      "attack-layer.json",
      "controls.csv",
      "fleet.json",
      "fleet.pdf",
      "fleet.xlsx",
      "report.html",
    ]);
    expect(written.fleet.orgs.every((org) => org.top_actions.length === 0)).toBe(true);
    expect((await cli(["verify", join(dir, "fleet")])).code).toBe(0);
  });
});

/** Runs a process to its end, whatever its exit code. */
function exec(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === "number" ? error.code : 1;
      resolve({ code, stdout, stderr });
    });
  });
}
