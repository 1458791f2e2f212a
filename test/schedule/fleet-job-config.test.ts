/**
 * A job's `orgs:` in the config: what a fleet job resolves to (its orgs by
 * name, each org's frameworks), every refusal naming the file and the path
 * inside it, and what `run-job` refuses before any run (a missing key
 * variable, `--api-url` with a fleet job).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openJobs } from "../../src/cli/schedule.js";
import { loadConfig } from "../../src/config/load.js";
import { InputError } from "../../src/errors.js";
import { resolveJobs } from "../../src/schedule/scheduled-job.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";

const dir = scratchDir("fleet-job-config");
let files = 0;

async function write(text: string): Promise<string> {
  files += 1;
  const file = join(dir, `ddproof-${files}.yaml`);
  await writeFile(file, text);
  return file;
}

const ORGS = [
  "frameworks: [pci-dss-4.0.1, mitre-attack]",
  "orgs:",
  "  - name: us",
  "    site: datadoghq.com",
  "    api_key_env: DD_API_KEY_US",
  "    app_key_env: DD_APP_KEY_US",
  "    api_url: http://127.0.0.1:9",
  "  - name: eu",
  "    site: datadoghq.eu",
  "    api_key_env: DD_API_KEY_EU",
  "    app_key_env: DD_APP_KEY_EU",
  "    api_url: http://127.0.0.1:9",
  "    frameworks: [soc2-2017]",
].join("\n");

const job = (extra: string) =>
  `jobs:\n  - name: nightly\n    cron: "0 2 * * *"\n    kind: gap\n    period: last-24h\n${extra}`;

/** The error loading `text` gives, with the file's name replaced by FILE. */
async function refusal(text: string): Promise<string> {
  const file = await write(text);
  const error = await loadConfig(file).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InputError);
  return (error as Error).message.split(file).join("FILE");
}

describe("a job's orgs", () => {
  it("resolves orgs: all to every org by name, each with its own frameworks unless the job names some", async () => {
    const file = await write(
      `${ORGS}\n${job("    orgs: all\n")}  - name: weekly\n    cron: "0 3 * * 1"\n    kind: evidence\n    period: last-7d\n    frameworks: [mitre-attack]\n    orgs: [us]\n`,
    );
    const { config } = await loadConfig(file);
    const [nightly, weekly] = resolveJobs({ config, file, userDirs: [], attestationsFile: null }, {}, dir);
    expect(nightly!.fleet?.map((org) => [org.name, org.inputs.frameworks])).toEqual([
      ["eu", ["soc2-2017"]],
      ["us", ["pci-dss-4.0.1", "mitre-attack"]],
    ]);
    expect(weekly!.fleet?.map((org) => [org.name, org.inputs.frameworks])).toEqual([["us", ["mitre-attack"]]]);
    expect(nightly!.jobDir).toBe(join(dir, "ddproof-out", "nightly"));
  });

  it("refuses an org the config does not list, or one named twice, at its place in the list", async () => {
    expect(await refusal(`${ORGS}\n${job("    orgs: [us, apac]\n")}`)).toBe(
      'FILE: jobs[0].orgs[1]: no org named "apac" in orgs:; its orgs are us, eu',
    );
    expect(await refusal(`${ORGS}\n${job("    orgs: [us, us]\n")}`)).toBe('FILE: jobs[0].orgs[1]: "us" is named twice');
    expect(await refusal(`${ORGS}\n${job("    orgs: []\n")}`)).toContain(
      "FILE: jobs[0].orgs: expected at least one org name, or all",
    );
  });

  it("asks a job of a config with orgs: to name its orgs, and refuses orgs in a config without them", async () => {
    expect(await refusal(`${ORGS}\n${job("")}`)).toBe(
      "FILE: jobs[0]: this file lists orgs (us, eu): name the ones this job runs on with orgs: [NAME, ...] or orgs: all",
    );
    expect(await refusal(job("    orgs: all\n"))).toBe(
      'FILE: jobs[0].orgs: this file has no orgs: list to choose from; add one (see "Several orgs" in the README) or leave out the job\'s orgs',
    );
  });

  it("run-job reads every org's keys before any run, names what is missing, and refuses --api-url", async () => {
    const file = await write(`${ORGS}\n${job("    orgs: all\n")}`);
    const missing = await cli(["run-job", "nightly", "--config", file], { DD_API_KEY_US: "a".repeat(32) });
    expect(missing.code).toBe(2);
    for (const variable of ["DD_APP_KEY_US", "DD_API_KEY_EU", "DD_APP_KEY_EU"])
      expect(missing.stderr).toContain(variable);
    expect(missing.stderr).not.toContain("a".repeat(32));

    const keys = {
      DD_API_KEY_US: "a".repeat(32),
      DD_APP_KEY_US: "b".repeat(40),
      DD_API_KEY_EU: "c".repeat(32),
      DD_APP_KEY_EU: "d".repeat(40),
    };
    const apiUrl = await cli(["run-job", "nightly", "--config", file, "--api-url", "http://127.0.0.1:9"], keys);
    expect(apiUrl.code).toBe(2);
    expect(apiUrl.stderr).toContain("--api-url names one endpoint: a job with orgs: sends each org's requests");
  });

  it("needs no DD_API_KEY when every job names orgs, and reads only the keys of the orgs the jobs name", async () => {
    const file = await write(`${ORGS}\n${job("    orgs: [eu]\n")}`);
    const { settings } = await openJobs(
      { config: file, logFormat: "json" },
      {
        output: { out: () => undefined, err: () => undefined, isTTY: false },
        env: { DD_API_KEY_EU: "c".repeat(32), DD_APP_KEY_EU: "d".repeat(40) },
        setExitCode: () => undefined,
      },
    );
    expect(settings.target).toBeNull();
    expect([...settings.orgTargets!.entries()]).toEqual([
      ["eu", expect.objectContaining({ site: "datadoghq.eu", apiUrl: "http://127.0.0.1:9" })],
    ]);
  });
});
