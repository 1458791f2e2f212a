/**
 * Several orgs from one config, from the command line, in-process: three
 * simulated orgs on 127.0.0.1 (one with an endpoint that always fails), each
 * reached through the real collectors and the official client with its own
 * keys from the variables the config names. One org failing leaves the
 * others complete (exit 3); every org shares one period; DD_SITE and
 * DDPROOF_API_URL never redirect an org; no piece of any key is printed or
 * written, and output is captured before any redaction, so a key that
 * reached a message would show.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Output } from "../../src/cli/output.js";
import { runCli } from "../../src/cli/program.js";
import type { CollectEvent } from "../../src/collectors/run.js";
import { collectOrgs } from "../../src/fleet/collect-orgs.js";
import { Manifest } from "../../src/pack/manifest.js";
import { readSnapshot } from "../../src/snapshot/read.js";
import type { Snapshot } from "../../src/snapshot/schema.js";
import { closedPort } from "../helpers/closed-port.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { useSimulator } from "../helpers/simulator.js";
import { DAY_BEFORE_NOW as DAY } from "../reliability/fixtures/fast-collect.js";
import { leaksIn, leaksUnder } from "../reliability/fixtures/secret-scan.js";

const NAMES = ["broken", "eu", "us"] as const;
type Name = (typeof NAMES)[number];

const sims = {
  us: useSimulator({ seed: 11 }),
  eu: useSimulator({ seed: 12 }),
  broken: useSimulator({ seed: 13, faults: "hosts:status=500" }),
};

/** Each org's keys, in the variables the config names; the one-org variables hold others. */
const KEYS = {
  DD_API_KEY_US: "fleet0us0api0key0a1b2c3d4e5f6a7b8c9",
  DD_APP_KEY_US: "fleet0us0app0key0f9e8d7c6b5a4f3e2d1c0b9a8",
  DD_API_KEY_EU: "fleet0eu0api0key0a1b2c3d4e5f6a7b8c9",
  DD_APP_KEY_EU: "fleet0eu0app0key0f9e8d7c6b5a4f3e2d1c0b9a8",
  DD_API_KEY_BROKEN: "fleet0br0api0key0a1b2c3d4e5f6a7b8c9",
  DD_APP_KEY_BROKEN: "fleet0br0app0key0f9e8d7c6b5a4f3e2d1c0b9a8",
  DD_API_KEY: "fleet0one0org0api0key0c0ffee0c0ffee0",
  DD_APP_KEY: "fleet0one0org0app0key0c0ffee0c0ffee0c0ffee",
};
const SECRETS = Object.values(KEYS);

const dir = scratchDir("orgs-cli");
const config = join(dir, "ddproof.yaml");
const plainConfig = join(dir, "plain.yaml");
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const org = (name: Name, site: string, extra: string[] = []) => [
    `  - name: ${name}`,
    `    site: ${site}`,
    `    api_key_env: DD_API_KEY_${name.toUpperCase()}`,
    `    app_key_env: DD_APP_KEY_${name.toUpperCase()}`,
    `    api_url: ${sims[name].sim.url}`,
    ...extra,
  ];
  await writeFile(
    config,
    [
      "timezone: Europe/Paris",
      "frameworks: [pci-dss-4.0.1, mitre-attack]",
      "orgs:",
      ...org("us", "datadoghq.com", ["    org_name: US business unit"]),
      ...org("eu", "datadoghq.eu", ["    frameworks: [soc2-2017, mitre-attack]"]),
      ...org("broken", "us3.datadoghq.com"),
      "",
    ].join("\n"),
  );
  await writeFile(plainConfig, "timezone: UTC\n");
  // Were DD_SITE or DDPROOF_API_URL to reach an org, its requests would go nowhere.
  env = { ...KEYS, DD_SITE: "ap1.datadoghq.com", DDPROOF_API_URL: `http://127.0.0.1:${await closedPort()}` };
});

interface RawRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process, keeping its lines as written: not redacted here, so a key put in a message shows. */
async function run(argv: string[], runEnv: NodeJS.ProcessEnv = env): Promise<RawRun> {
  const out: string[] = [];
  const err: string[] = [];
  const output: Output = { out: (line) => out.push(line), err: (line) => err.push(line), isTTY: false };
  const code = await runCli(argv, { output, env: runEnv });
  return { code, stdout: out.join("\n"), stderr: err.join("\n") };
}

/** No piece of any key in the output (nor a redaction, which would mean one reached it), nor in any file under `folders`. */
async function expectNoKeys(result: RawRun, folders: string[]): Promise<void> {
  const found = [...leaksIn(result.stdout, SECRETS, "stdout"), ...leaksIn(result.stderr, SECRETS, "stderr")];
  for (const folder of folders) found.push(...(await leaksUnder(folder, SECRETS)));
  expect(found).toEqual([]);
  expect(result.stdout + result.stderr).not.toContain("[redacted]");
}

const manifestOf = async (pack: string) =>
  Manifest.parse(JSON.parse(await readFile(join(pack, "manifest.json"), "utf8")));

const requestCounts = () => NAMES.map((name) => sims[name].sim.requests.length);

const snapshotsDir = join(dir, "snapshots");

/** Collecting and rendering three orgs' packs on a loaded two-core machine takes a while. */
const PACK_TIMEOUT_MS = 180_000;

describe("collect --all-orgs", () => {
  it("collects every org into its folder: the failing org incomplete, the others complete, exit 3, no key anywhere", async () => {
    const result = await run([
      "collect",
      "--config",
      config,
      "--all-orgs",
      "--out",
      snapshotsDir,
      ...DAY,
      "--retries",
      "0",
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(3);
    const snapshots = {} as Record<Name, Snapshot>;
    for (const name of NAMES) {
      snapshots[name] = await readSnapshot(join(snapshotsDir, name, "snapshot.json"));
      // Its population file beside its snapshot.
      expect(existsSync(join(snapshotsDir, name, "signals.jsonl"))).toBe(true);
    }
    expect(snapshots.us.complete).toBe(true);
    expect(snapshots.eu.complete).toBe(true);
    expect(snapshots.broken.complete).toBe(false);
    expect(snapshots.broken.collectors.agents.status).toBe("error");
    expect(snapshots.broken.collectors.rules.status).toBe("ok");

    // Every line names its org; the last one names the incomplete org.
    expect(result.stdout).toContain(`[us] Snapshot ${join(snapshotsDir, "us", "snapshot.json")}`);
    expect(result.stdout).toMatch(/^\[us\] {3}11 of 11 collectors ok/m);
    expect(result.stdout).toMatch(/^\[broken\] {3}agents\s+error\s+ERROR: Datadog answered HTTP 500/m);
    expect(result.stdout.split("\n").at(-1)).toBe("Evidence is INCOMPLETE for 1 of 3 orgs: broken.");

    // One period, resolved once in the config's time zone, and one collection time.
    for (const name of NAMES) {
      expect(snapshots[name].period).toEqual({ ...resolvedDay(), timezone: "Europe/Paris" });
      expect(snapshots[name].collected_at).toBe(snapshots.us.collected_at);
    }

    // Each org's own site and endpoint, whatever DD_SITE and DDPROOF_API_URL say.
    expect(snapshots.us.org).toEqual({ site: "datadoghq.com", api_url: sims.us.sim.url, name: "US business unit" });
    expect(snapshots.eu.org).toEqual({ site: "datadoghq.eu", api_url: sims.eu.sim.url, name: "eu" });
    expect(snapshots.broken.org).toEqual({ site: "us3.datadoghq.com", api_url: sims.broken.sim.url, name: "broken" });

    await expectNoKeys(result, [snapshotsDir]);
  });

  it("collects the orgs at the same time, not one after the other", async () => {
    // Every answer takes 300 ms: were the orgs collected in turn, an org would finish a collector before the next began.
    for (const name of NAMES) sims[name].sim.setFaults(`*:latency=300${name === "broken" ? ",hosts:status=500" : ""}`);
    const events: Array<{ org: string; event: CollectEvent }> = [];
    const out = join(dir, "concurrent");
    try {
      const outcomes = await collectOrgs(
        NAMES.map((name) => ({
          name,
          displayName: name,
          target: {
            apiKey: KEYS.DD_API_KEY_US,
            appKey: KEYS.DD_APP_KEY_US,
            site: "datadoghq.com",
            apiUrl: sims[name].sim.url,
          },
        })),
        {
          period: { ...resolvedDay(), timezone: "UTC" },
          now: new Date("2026-11-15T12:00:00Z"),
          dir: out,
          policy: { maxRetries: 0 },
          only: ["rules", "agents"],
          onEvent: (org, event) => events.push({ org, event }),
        },
      );
      expect(outcomes.map((outcome) => [outcome.name, outcome.snapshot?.collectors.rules.status])).toEqual([
        ["broken", "ok"],
        ["eu", "ok"],
        ["us", "ok"],
      ]);
    } finally {
      for (const name of NAMES) sims[name].sim.setFaults(name === "broken" ? "hosts:status=500" : "");
    }
    const firstDone = events.findIndex(({ event }) => event.type === "done");
    const startedBefore = new Set(
      events.slice(0, firstDone).flatMap(({ org, event }) => (event.type === "start" ? [org] : [])),
    );
    expect([...startedBefore].sort()).toEqual([...NAMES]);
  });

  it("collect --org writes one org's snapshot file, as collect always has", async () => {
    const out = join(dir, "one", "eu.json");
    const result = await run(["collect", "--config", config, "--org", "eu", "--out", out, ...DAY]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const snapshot = await readSnapshot(out);
    expect(snapshot.org).toEqual({ site: "datadoghq.eu", api_url: sims.eu.sim.url, name: "eu" });
    expect(result.stdout).toContain(`Snapshot ${out}`);
    await expectNoKeys(result, [join(dir, "one")]);
  });
});

/** The DAY flags' window, as the config's Europe/Paris zone resolves it. */
function resolvedDay() {
  return { label: "custom", from: "2026-11-14T12:00:00Z", to: "2026-11-15T12:00:00Z" };
}

describe("refusals, before any request and without writing anything", () => {
  const nowhere = join(dir, "nowhere");
  it.each(
    [
      [
        ["collect", "--org", "us", "--all-orgs", "--out", nowhere, ...DAY],
        "--org and --all-orgs cannot be given together",
      ],
      [
        ["collect", "--org", "apac", "--out", nowhere, ...DAY],
        `--org "apac": no such org in ${config}; its orgs are us, eu, broken`,
      ],
      [
        ["collect", "--out", nowhere, ...DAY],
        `${config} lists orgs (us, eu, broken): choose one with --org NAME, or every one with --all-orgs`,
      ],
      [["collect", "--all-orgs", ...DAY], "--all-orgs needs --out DIR: the folder to hold <org>/snapshot.json"],
      [
        ["collect", "--all-orgs", "--out", nowhere, "--api-url", "http://127.0.0.1:1", ...DAY],
        "--api-url names one endpoint: with --all-orgs each org's requests go to its own api_url (or site) in the config",
      ],
      [
        ["pack", "--org", "us", "--all-orgs", "--kind", "attack", "--out", nowhere, ...DAY],
        "--org and --all-orgs cannot be given together",
      ],
      [["doctor"], `${config} lists orgs (us, eu, broken): choose one with --org NAME`],
      [["doctor", "--all-orgs"], "unknown option '--all-orgs'"],
    ].map(([args, message]): [string, string[], string] => [
      // A stable title: the command line without the run's folders and the period flags.
      (args as string[])
        .filter((arg) => !(DAY as readonly string[]).includes(arg))
        .map((arg) => (arg === nowhere ? "DIR" : arg))
        .join(" "),
      args as string[],
      message as string,
    ]),
  )("%s", async (_title, args, message) => {
    const before = requestCounts();
    const result = await run([...args, "--config", config]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(requestCounts()).toEqual(before);
    expect(existsSync(nowhere)).toBe(false);
  });

  it("names a missing key variable, and no key", async () => {
    const before = requestCounts();
    const { DD_APP_KEY_EU: _left, ...rest } = env;
    const result = await run(["collect", "--config", config, "--all-orgs", "--out", nowhere, ...DAY], {
      ...rest,
      DD_API_KEY_BROKEN: "",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      [
        'ddproof: org "eu": missing DD_APP_KEY_EU (its app_key_env) in the environment',
        'org "broken": missing DD_API_KEY_BROKEN (its api_key_env) in the environment',
      ].join("\n"),
    );
    expect(requestCounts()).toEqual(before);
    await expectNoKeys(result, []);
  });

  it("refuses --org and --all-orgs where the config has no orgs", async () => {
    const result = await run(["collect", "--config", plainConfig, "--all-orgs", "--out", nowhere, ...DAY]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--all-orgs: ${plainConfig} has no orgs: list`);
  });
});

describe("pack", () => {
  it(
    "pack --org writes one org's pack: its frameworks, its name in the manifest",
    async () => {
      const out = join(dir, "pack-eu");
      const result = await run(["pack", "--config", config, "--org", "eu", "--kind", "attack", ...DAY, "--out", out]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      const manifest = await manifestOf(out);
      expect(manifest.org).toBe("eu");
      expect(Object.keys(manifest.catalogs)).toContain("soc2-2017");
      expect(Object.keys(manifest.catalogs)).not.toContain("pci-dss-4.0.1");
      expect((await run(["verify", out])).code).toBe(0);
      await expectNoKeys(result, [out]);
    },
    PACK_TIMEOUT_MS,
  );

  const fleetPacks = join(dir, "fleet-packs");
  const packAllOrgs = ["pack", "--config", config, "--all-orgs", "--kind", "attack", ...DAY, "--retries", "0"];

  it(
    "pack --all-orgs writes one pack per org, each naming its org; the failing org's is incomplete",
    async () => {
      const out = fleetPacks;
      // A temporary folder of this run's own, to see that the working folder is gone afterwards.
      const work = join(dir, "tmp");
      await mkdir(work);
      const previousTmp = process.env.TMPDIR;
      process.env.TMPDIR = work;
      let result: RawRun;
      try {
        result = await run([...packAllOrgs, "--out", out]);
      } finally {
        if (previousTmp === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = previousTmp;
      }
      expect(result.stderr).toBe("");
      expect(result.code).toBe(3);
      // Each org's pack, and the fleet pack made from them.
      expect((await readdir(out)).sort()).toEqual([...NAMES, "fleet"].sort());
      for (const name of NAMES) {
        const manifest = await manifestOf(join(out, name));
        expect(manifest.org).toBe(name);
        expect(manifest.complete).toBe(name !== "broken");
        expect(manifest.period.timezone).toBe("Europe/Paris");
        expect(result.stdout).toContain(`[${name}] Wrote attack pack ${join(out, name)}`);
        expect((await run(["verify", join(out, name)])).code).toBe(0);
      }
      expect((await manifestOf(join(out, "broken"))).missing_evidence).toEqual(["agents"]);
      expect(Object.keys((await manifestOf(join(out, "us"))).catalogs)).toContain("pci-dss-4.0.1");
      expect(Object.keys((await manifestOf(join(out, "eu"))).catalogs)).toContain("soc2-2017");
      // Nothing staged is left beside the packs, nor any working folder.
      expect((await readdir(out)).filter((name) => name.startsWith("."))).toEqual([]);
      expect(await readdir(work)).toEqual([]);
      await expectNoKeys(result, [out]);
    },
    PACK_TIMEOUT_MS,
  );

  it(
    "pack --all-orgs leaves existing org packs alone without --force, and replaces them with it",
    async () => {
      const out = fleetPacks;
      const before = await Promise.all(NAMES.map((name) => manifestOf(join(out, name))));
      const refused = await run([...packAllOrgs, "--out", out]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`${join(out, "us")}: a pack already exists there; use --force to replace it`);
      expect(await Promise.all(NAMES.map((name) => manifestOf(join(out, name))))).toEqual(before);

      const replaced = await run([...packAllOrgs, "--out", out, "--force"]);
      expect(replaced.code).toBe(3);
      for (const [i, name] of NAMES.entries()) {
        const manifest = await manifestOf(join(out, name));
        expect(manifest.org).toBe(name);
        // A new collection: a later collection time than the pack it replaced.
        expect(manifest.collected_at > before[i]!.collected_at).toBe(true);
      }
      // Each org's pack, and the fleet pack made from them.
      expect((await readdir(out)).sort()).toEqual([...NAMES, "fleet"].sort());
    },
    PACK_TIMEOUT_MS,
  );
});

describe("report --all-orgs", () => {
  const reportAllOrgs = (snapshots: string, out: string) => [
    "report",
    "--config",
    config,
    "--all-orgs",
    "--snapshot",
    snapshots,
    "--kind",
    "attack",
    "--out",
    out,
  ];

  it(
    "writes every org's pack from the folder collect --all-orgs wrote",
    async () => {
      const out = join(dir, "report-packs");
      const result = await run(reportAllOrgs(snapshotsDir, out));
      expect(result.stderr).toBe("");
      expect(result.code).toBe(3);
      const manifests = await Promise.all(NAMES.map((name) => manifestOf(join(out, name))));
      expect(manifests.map((manifest) => [manifest.org, manifest.complete])).toEqual([
        ["broken", false],
        ["eu", true],
        ["us", true],
      ]);
      expect(new Set(manifests.map((manifest) => JSON.stringify(manifest.period))).size).toBe(1);
      // The org packs' last line, then the fleet pack's, which names the collector the broken org lacks.
      const lines = result.stdout.split("\n");
      expect(lines).toContain("Evidence is INCOMPLETE for 1 of 3 orgs: broken.");
      expect(lines.at(-1)).toBe(
        "Evidence is INCOMPLETE: broken/agents could not be collected; the fleet pack says so.",
      );
      expect(
        Manifest.parse(JSON.parse(await readFile(join(out, "fleet", "manifest.json"), "utf8"))).fleet?.orgs,
      ).toEqual(
        await Promise.all(
          NAMES.map(async (name, i) => ({
            name,
            manifest_sha256: createHash("sha256")
              .update(await readFile(join(out, name, "manifest.json")))
              .digest("hex"),
            complete: manifests[i]!.complete,
          })),
        ),
      );
    },
    PACK_TIMEOUT_MS,
  );

  it("report --org writes one org's pack from its snapshot, naming the org", async () => {
    const out = join(dir, "report-eu");
    const snapshot = join(dir, "one", "eu.json");
    const result = await run([
      "report",
      "--config",
      config,
      "--org",
      "eu",
      "--snapshot",
      snapshot,
      "--kind",
      "attack",
      "--out",
      out,
    ]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const manifest = await manifestOf(out);
    expect(manifest.org).toBe("eu");
    expect(Object.keys(manifest.catalogs)).toContain("soc2-2017");
  });

  it("refuses before writing any pack when an org's snapshot is missing", async () => {
    const out = join(dir, "report-missing");
    const result = await run(reportAllOrgs(join(dir, "one"), out));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(join(dir, "one", "us", "snapshot.json"));
    expect(existsSync(out)).toBe(false);
  });
});

describe("doctor --org", () => {
  it("checks that org's endpoint and site with its keys", async () => {
    const result = await run(["doctor", "--config", config, "--org", "eu"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.split("\n").slice(0, 2)).toEqual([
      "org eu",
      `ddproof doctor: ${sims.eu.sim.url} (site datadoghq.eu)`,
    ]);
    await expectNoKeys(result, []);
  });
});
