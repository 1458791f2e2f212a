/**
 * `plan` and `whatif` per org, in-process, on the folder `collect
 * --all-orgs` writes: three simulated orgs collected through the real
 * collectors (the EU org assesses no HIPAA). Each org is planned with its own
 * frameworks from the config, `--all-orgs` gives every org's plan under its
 * name, the fleet pack carries exactly those actions, and every wrong
 * combination of flags and folders is refused naming what was expected.
 */
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { format as fleetActionsCsvFormat } from "../../src/fleet/formats/fleet-actions-csv.js";
import { format as fleetJsonFormat } from "../../src/fleet/formats/fleet-json.js";
import { FleetAssessment } from "../../src/fleet/schema.js";
import { writeFleetPack } from "../../src/fleet/write-fleet-pack.js";
import { OrgPlans } from "../../src/plan/org-plans.js";
import { Plan } from "../../src/plan/plan.js";
import { format as actionsJsonFormat } from "../../src/report/formats/actions-json.js";
import { format as assessmentJsonFormat } from "../../src/report/formats/assessment-json.js";
import { format as snapshotJsonFormat } from "../../src/report/formats/snapshot-json.js";
import { collectFleet, FLEET_ORGS, renderOrgPack } from "../fleet/fixtures/fleet-orgs.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { csvRecords } from "../report/data/fixtures/parse-csv.js";
import { editArgs } from "./fixtures/demo-org.js";

const root = scratchDir("org-plans");
const snapshots = join(root, "snapshots");
const config = join(root, "ddproof.yaml");
const plainConfig = join(root, "plain.yaml");
const NAMES = FLEET_ORGS.map((org) => org.name).sort();
const HIPAA = "hipaa-security-rule";
const eu = FLEET_ORGS.find((org) => org.name === "eu")!;

/** The fixture's orgs as a config lists them: the EU org with its own frameworks, the others the config's. */
function configText(): string {
  const lines = ["timezone: UTC", "orgs:"];
  for (const org of FLEET_ORGS) {
    const upper = org.name.toUpperCase();
    lines.push(
      `  - name: ${org.name}`,
      `    site: ${org.site}`,
      `    api_key_env: DD_API_KEY_${upper}`,
      `    app_key_env: DD_APP_KEY_${upper}`,
    );
    if (org === eu) lines.push(`    frameworks: [${org.frameworks.join(", ")}]`);
  }
  return `${lines.join("\n")}\n`;
}

/** What `plan --all-orgs --out` wrote. */
let plans: OrgPlans;
/** What it printed meanwhile. */
let printed: string;

beforeAll(async () => {
  await collectFleet(snapshots);
  await writeFile(config, configText());
  await writeFile(plainConfig, "timezone: UTC\n");
  const out = join(root, "plans.json");
  const run = await cli(["plan", "--snapshot", snapshots, "--all-orgs", "--config", config, "--out", out]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  plans = OrgPlans.parse(JSON.parse(await readFile(out, "utf8")));
  printed = run.stdout;
}, 120_000);

const planJson = async (args: string[]): Promise<Plan> => {
  const run = await cli(["plan", ...args, "--json"]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return Plan.parse(JSON.parse(run.stdout));
};

const touchesHipaa = (plan: Plan) =>
  plan.actions.some((action) => action.cumulative.controls.some((control) => control.framework === HIPAA));

describe("plan --all-orgs", () => {
  it("gives every org's plan under its name, in name order, each org's own", () => {
    expect(Object.keys(plans.orgs)).toEqual(NAMES);
    for (const name of NAMES) expect(plans.orgs[name]!.actions.length, name).toBeGreaterThan(0);
    expect(plans.orgs.us).not.toEqual(plans.orgs.eu);
  });

  it("assesses each org with its own frameworks: the EU org's actions move no HIPAA control, the US org's do", () => {
    expect(touchesHipaa(plans.orgs.us!)).toBe(true);
    expect(touchesHipaa(plans.orgs.eu!)).toBe(false);
  });

  it("prints each org's plan, every line led by its name, as the JSON written with --out ranks it", () => {
    // An org's blank lines carry its name too: only a blank line between orgs is empty.
    const blocks = printed.split("\n\n");
    expect(blocks.map((block) => block.match(/^\[([a-z]+)\] /)?.[1])).toEqual(NAMES);
    for (const [i, name] of NAMES.entries()) {
      const lines = blocks[i]!.split("\n");
      const actions = plans.orgs[name]!.actions;
      expect(lines.every((line) => line.startsWith(`[${name}]`))).toBe(true);
      expect(lines[0]).toBe(
        `[${name}] ${actions.length} actions, ranked from ${plans.orgs[name]!.candidates} candidates by what each adds:`,
      );
      for (const action of actions)
        expect(lines).toContain(`[${name}] ${String(action.rank).padStart(2)}. ${action.edit}  (gain ${action.gain})`);
      expect(lines.at(-1)).toBe(
        `[${name}] See what one action moves: ddproof whatif --snapshot DIR --org ${name} <edit>`,
      );
    }
  });
});

describe("plan --org NAME", () => {
  it("gives that org's plan, as under --all-orgs", async () => {
    expect(await planJson(["--snapshot", snapshots, "--org", "eu", "--config", config])).toEqual(plans.orgs.eu);
  });

  it("says one action, not one actions, when it ranks one", async () => {
    const run = await cli(["plan", "--snapshot", snapshots, "--org", "us", "--config", config, "--top", "1"]);
    expect(run.code).toBe(0);
    expect(run.stdout.split("\n")[0]).toBe(
      `[us] 1 action, ranked from ${plans.orgs.us!.candidates} candidates by what each adds:`,
    );
  });

  it("takes that org's snapshot file itself, assessed with the org's frameworks, as report --org does", async () => {
    const file = join(snapshots, "eu", "snapshot.json");
    expect(await planJson(["--snapshot", file, "--org", "eu", "--config", config])).toEqual(plans.orgs.eu);
  });

  it("leaves a plain snapshot file as it was, with the config's frameworks, even when the config lists orgs", async () => {
    const file = join(snapshots, "eu", "snapshot.json");
    const plain = await planJson(["--snapshot", file, "--config", config]);
    // The config's frameworks include HIPAA, which the EU org's own leave out.
    expect(touchesHipaa(plain)).toBe(true);
  });
});

describe("whatif --org NAME", () => {
  it("applies the edit to that org's snapshot: what its plan says the first action moves", async () => {
    const first = plans.orgs.us!.actions[0]!;
    const args = ["whatif", "--snapshot", snapshots, "--org", "us", "--config", config, ...editArgs(first.edit)];
    const run = await cli([...args, "--json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const changes = JSON.parse(run.stdout);
    expect({ techniques: changes.techniques, controls: changes.controls }).toEqual({
      techniques: first.techniques,
      controls: first.controls,
    });
    const text = await cli(args);
    expect(text.stdout.split("\n")[0]).toBe(`What if (org us): ${first.edit}`);
  });
});

describe("the fleet pack's next actions", () => {
  it("are each org's actions exactly as `plan` ranks them for that org, in fleet.json and actions.csv", async () => {
    const dir = join(root, "gap");
    const formats = [snapshotJsonFormat, assessmentJsonFormat, actionsJsonFormat];
    for (const org of FLEET_ORGS)
      await renderOrgPack("gap", org, join(snapshots, org.name, "snapshot.json"), join(dir, org.name), formats);
    await writeFleetPack({
      orgPackDirs: NAMES.map((name) => join(dir, name)),
      outDir: dir,
      formats: [fleetJsonFormat, fleetActionsCsvFormat],
    });
    const fleet = FleetAssessment.parse(JSON.parse(await readFile(join(dir, "fleet", "fleet.json"), "utf8")));
    expect(Object.fromEntries(fleet.orgs.map((org) => [org.name, org.top_actions]))).toEqual(
      Object.fromEntries(NAMES.map((name) => [name, plans.orgs[name]!.actions])),
    );
    const rows = csvRecords(await readFile(join(dir, "fleet", "actions.csv"), "utf8"));
    expect(rows.map((row) => [row.org, row.rank, row.edit, row.gain])).toEqual(
      NAMES.flatMap((name) =>
        plans.orgs[name]!.actions.map((action) => [name, String(action.rank), `'${action.edit}`, String(action.gain)]),
      ),
    );
  });
});

describe("refused, naming what was expected", () => {
  const refused = async (args: string[]) => {
    const run = await cli(args);
    expect(run.stdout).toBe("");
    expect(run.code).toBe(2);
    return run.stderr;
  };

  it("--all-orgs with a snapshot file", async () => {
    const file = join(snapshots, "us", "snapshot.json");
    expect(await refused(["plan", "--snapshot", file, "--all-orgs", "--config", config])).toContain(
      `--snapshot ${file}: is a file; with --all-orgs, expected the folder \`collect --all-orgs\` wrote (<org>/snapshot.json for each org)`,
    );
  });

  it("an org the config does not list", async () => {
    expect(await refused(["plan", "--snapshot", snapshots, "--org", "mars", "--config", config])).toContain(
      `--org "mars": no such org in ${config}; its orgs are us, eu, apac`,
    );
  });

  it("an org with no snapshot or a bad one, or no folder at all", async () => {
    const partial = scratchDir("org-plans-partial", {
      "us/snapshot.json": await readFile(join(snapshots, "us", "snapshot.json"), "utf8"),
    });
    expect(await refused(["plan", "--snapshot", partial, "--all-orgs", "--config", config])).toContain(
      `--snapshot ${partial}: no snapshot at ${join(partial, "eu", "snapshot.json")}, ${join(partial, "apac", "snapshot.json")}; expected the folder`,
    );
    const broken = scratchDir("org-plans-broken", {
      "apac/snapshot.json": await readFile(join(snapshots, "apac", "snapshot.json"), "utf8"),
      "eu/snapshot.json": await readFile(join(snapshots, "eu", "snapshot.json"), "utf8"),
      "us/snapshot.json": '{"schema_version": 0}',
    });
    expect(await refused(["plan", "--snapshot", broken, "--all-orgs", "--config", config])).toContain(
      `${join(broken, "us", "snapshot.json")}: snapshot schema_version 0 is not supported`,
    );
    const nowhere = join(root, "nowhere");
    expect(
      await refused(["whatif", "--snapshot", nowhere, "--org", "eu", "--config", config, "--add-archive"]),
    ).toContain(`--snapshot ${nowhere}: no such folder; with --org, expected the folder`);
  });

  it("--org with a config that lists no orgs, and whatif for every org at once", async () => {
    expect(await refused(["plan", "--snapshot", snapshots, "--org", "us", "--config", plainConfig])).toContain(
      `--org: ${plainConfig} has no orgs: list`,
    );
    const all = await cli(["whatif", "--snapshot", snapshots, "--all-orgs", "--config", config, "--add-archive"]);
    expect(all.code).toBe(2);
    expect(all.stderr).toContain("--all-orgs");
  });
});
