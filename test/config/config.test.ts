import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { EXAMPLE_CONFIG } from "../../src/cli/init.js";
import { loadConfig } from "../../src/config/load.js";
import { InputError } from "../../src/errors.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-config-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function load(text: string) {
  const file = join(dir, "ddproof.yaml");
  await writeFile(file, text);
  return loadConfig(file);
}

describe("loadConfig", () => {
  it("gives the defaults when no file is named and none exists", async () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const { config, file } = await loadConfig(undefined);
      expect(file).toBeNull();
      expect(config.timezone).toBe("UTC");
      expect(config.thresholds).toEqual({ attack_gap_below: 3, triage_sla_minutes: { critical: 60, high: 240 } });
      expect(config.frameworks).toContain("mitre-attack");
    } finally {
      process.chdir(cwd);
    }
  });

  it("loads the shipped example, with its two standard jobs", async () => {
    const { config } = await loadConfig(EXAMPLE_CONFIG);
    expect(config.jobs.map((job) => job.name)).toEqual(["nightly-gap", "quarterly-evidence"]);
    expect(config.jobs[1]).toMatchObject({ kind: "evidence", period: "previous-quarter" });
  });

  it("names the file and the path of an unknown key", async () => {
    await expect(load("site: datadoghq.eu\nthresholds:\n  attack_gap_belw: 2\n")).rejects.toThrow(
      /ddproof\.yaml: thresholds: Unrecognized key: "attack_gap_belw"/,
    );
  });

  it("names the path inside a job list", async () => {
    const error = await load(
      "jobs:\n  - name: ok\n    cron: '* * * * *'\n    kind: weekly\n    period: last-24h\n",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(
      /ddproof\.yaml: jobs\[0\]\.kind: Invalid option: expected one of "gap"\|"evidence"\|"attack"/,
    );
  });

  it("refuses a time zone that does not exist", async () => {
    await expect(load("timezone: Mars/Olympus\n")).rejects.toThrow(/timezone: expected an IANA time zone/);
  });

  it("reports YAML syntax errors with the line", async () => {
    await expect(load("site: [unclosed\n")).rejects.toThrow(/ddproof\.yaml: line \d+/);
  });

  it("refuses a named file that does not exist", async () => {
    await expect(loadConfig(join(dir, "missing.yaml"))).rejects.toThrow(
      /missing\.yaml: cannot read the config file \(ENOENT\)/,
    );
  });
});
