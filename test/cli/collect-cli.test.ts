import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Command } from "commander";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadAllCommands } from "../../src/cli/commands.js";
import { buildProgram } from "../../src/cli/program.js";
import { Snapshot } from "../../src/snapshot/schema.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";

const context = useSimulator();
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => context.sim.setFaults(""));

function env(): NodeJS.ProcessEnv {
  return { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: context.sim.url };
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe("ddproof collect", () => {
  it("writes a snapshot and its population file, and never the keys", async () => {
    const out = join(dir, "ok", "snapshot.json");
    const run = await cli(["collect", "--period", "last-7d", "--out", out], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/11 of 11 collectors ok/);
    const snapshot = Snapshot.parse(JSON.parse(await readFile(out, "utf8")));
    expect(snapshot.period.label).toBe("last-7d");
    for (const file of await filesUnder(join(dir, "ok"))) {
      const text = await readFile(file, "utf8");
      expect(text).not.toContain(TEST_API_KEY);
      expect(text).not.toContain(TEST_APP_KEY);
    }
    expect(run.stdout + run.stderr).not.toContain(TEST_API_KEY);
  });

  it("exits 3 with a valid, incomplete snapshot when a collector keeps failing", async () => {
    context.sim.setFaults("hosts:status=500");
    const out = join(dir, "incomplete", "snapshot.json");
    const run = await cli(["collect", "--period", "last-24h", "--out", out, "--retries", "1"], env());
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/agents\s+error\s+ERROR: Datadog answered HTTP 500/);
    expect(run.stdout).toMatch(/Evidence is INCOMPLETE: agents could not be collected/);
    const snapshot = Snapshot.parse(JSON.parse(await readFile(out, "utf8")));
    expect(snapshot.complete).toBe(false);
    expect(snapshot.collectors.agents.status).toBe("error");
    expect(snapshot.collectors.rules.status).toBe("ok");
  });

  it.each([
    [["--period", "2026-Q7"], /period "2026-Q7": expected 2026-Q3/],
    [["--from", "2026-01-01"], /--from and --to go together/],
    [["--period", "last-24h", "--only", "rules,bogus"], /--only "rules,bogus": unknown collector bogus/],
    [["--period", "last-24h", "--timeout", "soon"], /--timeout "soon": expected a number/],
  ])("exits 2 and writes nothing for %j", async (args, message) => {
    const out = join(dir, "bad", "snapshot.json");
    const run = await cli(["collect", ...args, "--out", out], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    await expect(readdir(join(dir, "bad"))).rejects.toThrow(/ENOENT/);
  });

  it("exits 2 naming the missing keys", async () => {
    const run = await cli(["collect", "--period", "last-24h", "--out", join(dir, "nokeys.json")], {
      DD_APP_KEY: TEST_APP_KEY,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/missing DD_API_KEY in the environment/);
    expect(run.stderr).not.toContain(TEST_APP_KEY);
  });

  it("exits 2 naming the file and key of an unknown config key", async () => {
    const config = join(dir, "ddproof.yaml");
    await writeFile(config, "timezone: UTC\nthreshold: 3\n");
    const run = await cli(["collect", "--config", config, "--period", "last-24h", "--out", join(dir, "x.json")], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${config}: (top level): Unrecognized key: "threshold"`);
  });
});

const ALL_COMMANDS = await loadAllCommands();

describe("every command", () => {
  // Walk the real program so a command added later is covered too.
  const program = buildProgram(
    {
      output: { out: () => {}, err: () => {}, isTTY: false },
      env: {},
      setExitCode: () => {},
    },
    ALL_COMMANDS,
  );
  const paths: string[][] = [];
  const walk = (command: Command, prefix: string[]) => {
    for (const sub of command.commands) {
      const path = [...prefix, sub.name()];
      if (sub.commands.length > 0) walk(sub, path);
      else paths.push(path);
    }
  };
  walk(program, []);

  it("includes the commands the README documents", () => {
    expect(paths.map((path) => path.join(" "))).toEqual(
      expect.arrayContaining([
        "demo",
        "collect",
        "assess",
        "verify",
        "simulate",
        "init",
        "catalog list",
        "catalog import-attack",
      ]),
    );
  });

  it.each(paths.map((path) => [path.join(" "), path]))("%s answers --help and --version", async (_name, path) => {
    const help = await cli([...path, "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(`Usage: ddproof ${path.join(" ")}`);
    const version = await cli([...path, "--version"]);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("refuses an unknown option with exit 2", async () => {
    const run = await cli(["collect", "--bogus"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--bogus'/);
  });
});
