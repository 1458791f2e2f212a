/**
 * A resolved job's remaining parts, called directly: where the index that
 * says when it last ran lives, a fleet job's orgs (a subset or all, sorted by
 * name, each with its frameworks), the signing key file and which key wins,
 * a Slack URL read from the environment, and what start-up checks in each
 * fleet org's inputs.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { Config } from "../../src/config/schema.js";
import { InputError } from "../../src/errors.js";
import { generateSigningKeyPair } from "../../src/pack/sign.js";
import {
  checkJobInputs,
  type JobDefaults,
  loadJobSigningKeys,
  resolveJobs,
  runIndexDirOf,
  type ScheduledJob,
} from "../../src/schedule/scheduled-job.js";
import { scratchDir } from "../helpers/scratch-dir.js";

const dir = scratchDir("scheduled-job");
const job = { name: "nightly", cron: "0 2 * * *", kind: "gap", period: "last-24h" };

function org(name: string, frameworks?: string[]) {
  return {
    name,
    site: "datadoghq.com",
    api_key_env: `DD_API_KEY_${name.toUpperCase()}`,
    app_key_env: `DD_APP_KEY_${name.toUpperCase()}`,
    ...(frameworks ? { frameworks } : {}),
  };
}

function defaults(config: Record<string, unknown>, file = "conf/ddproof.yaml"): JobDefaults {
  return { config: Config.parse(config), file, userDirs: ["extra"], attestationsFile: "attest.yaml" };
}

describe("runIndexDirOf", () => {
  it("is the job's folder, or the fleet's folder inside it for a fleet job", () => {
    expect(runIndexDirOf({ jobDir: "/out/nightly" })).toBe("/out/nightly");
    expect(runIndexDirOf({ jobDir: "/out/nightly", fleet: null })).toBe("/out/nightly");
    expect(runIndexDirOf({ jobDir: "/out/nightly", fleet: [] })).toBe(join("/out/nightly", "fleet"));
  });
});

describe("a fleet job's orgs", () => {
  const orgs = [org("us"), org("eu", ["soc2-2017"]), org("ap")];

  it("are the orgs it names, sorted by name, with the org's frameworks, else the config's", () => {
    const [resolved] = resolveJobs(
      defaults({ frameworks: ["pci-dss-4.0.1"], orgs, jobs: [{ ...job, orgs: ["us", "eu"] }] }),
      {},
      dir,
    );
    expect(resolved!.fleet).toEqual([
      {
        name: "eu",
        org: orgs[1],
        inputs: { frameworks: ["soc2-2017"], userDirs: ["extra"], attestationsFile: "attest.yaml" },
      },
      {
        name: "us",
        org: orgs[0],
        inputs: { frameworks: ["pci-dss-4.0.1"], userDirs: ["extra"], attestationsFile: "attest.yaml" },
      },
    ]);
  });

  it("are every org for orgs: all, each assessed against the job's frameworks when it names some", () => {
    const [resolved] = resolveJobs(
      defaults({ orgs, jobs: [{ ...job, orgs: "all", frameworks: ["mitre-attack"] }] }),
      {},
      dir,
    );
    expect(resolved!.fleet?.map((fleetOrg) => [fleetOrg.name, fleetOrg.inputs.frameworks])).toEqual([
      ["ap", ["mitre-attack"]],
      ["eu", ["mitre-attack"]],
      ["us", ["mitre-attack"]],
    ]);
  });

  it("are absent for a job of a config without orgs, even one that names orgs", () => {
    const [plain] = resolveJobs(defaults({ jobs: [job] }), {}, dir);
    expect("fleet" in plain!).toBe(false);
    const parsed = defaults({ jobs: [job] });
    const naming: JobDefaults = {
      ...parsed,
      config: { ...parsed.config, jobs: [{ ...parsed.config.jobs[0]!, orgs: "all" }] },
    };
    expect("fleet" in resolveJobs(naming, {}, dir)[0]!).toBe(false);
  });
});

describe("a job's signing key", () => {
  it("is resolved against the config file's folder, under the working directory", () => {
    const [signed, unsigned] = resolveJobs(
      defaults({
        jobs: [
          { ...job, signing_key_file: "keys/job.pem" },
          { ...job, name: "other" },
        ],
      }),
      {},
      dir,
    );
    expect(signed!.signingKeyFile).toBe(resolve(dir, "conf", "keys", "job.pem"));
    expect(unsigned!.signingKeyFile).toBeNull();
  });

  function keyFile(name: string): string {
    const file = join(dir, name);
    writeFileSync(file, generateSigningKeyPair().privatePem);
    return file;
  }
  const flagKey = keyFile("flag.pem");
  const jobKey = keyFile("job.pem");
  const envKey = keyFile("env.pem");

  function jobs(): ScheduledJob[] {
    return resolveJobs(
      defaults({
        jobs: [
          { ...job, name: "a", signing_key_file: jobKey },
          { ...job, name: "b" },
          { ...job, name: "c", signing_key_file: jobKey },
        ],
      }),
      {},
      dir,
    );
  }
  const exported = (job: ScheduledJob) => job.signingKey?.export({ type: "pkcs8", format: "pem" }).toString();
  const pem = (file: string) => readFileSync(file, "utf8");

  it("is --sign-key's for every job when given", async () => {
    const resolved = jobs();
    await loadJobSigningKeys(resolved, { flag: flagKey, env: envKey });
    expect(resolved.map(exported)).toEqual([pem(flagKey), pem(flagKey), pem(flagKey)]);
  });

  it("is the job's own, else DDPROOF_SIGNING_KEY_FILE's, each file loaded once", async () => {
    const resolved = jobs();
    await loadJobSigningKeys(resolved, { flag: null, env: envKey });
    expect(resolved.map(exported)).toEqual([pem(jobKey), pem(envKey), pem(jobKey)]);
    expect(resolved[0]!.signingKey).toBe(resolved[2]!.signingKey);
  });

  it("is none without a file, and a bad file stops start-up naming it", async () => {
    const resolved = jobs();
    await loadJobSigningKeys([resolved[1]!], { flag: null, env: null });
    expect(resolved[1]!.signingKey).toBeUndefined();
    const bad = join(dir, "bad.pem");
    writeFileSync(bad, "not a key\n");
    await expect(loadJobSigningKeys(resolved, { flag: null, env: bad })).rejects.toThrow(InputError);
    await expect(loadJobSigningKeys(resolved, { flag: null, env: bad })).rejects.toThrow(bad);
  });
});

describe("a Slack webhook from the environment", () => {
  it("is trimmed, and may be plain http", () => {
    const [resolved] = resolveJobs(defaults({ jobs: [{ ...job, notify: { slack_webhook: "env:HOOK" } }] }), {
      HOOK: "  http://127.0.0.1:8080/hook/abc  \n",
    });
    expect(resolved!.notify.slackWebhook).toBe("http://127.0.0.1:8080/hook/abc");
  });

  it("in the file, is refused without naming a variable when it is not http(s)", () => {
    const parsed = defaults({ jobs: [job] });
    const written: JobDefaults = {
      ...parsed,
      config: {
        ...parsed.config,
        jobs: [{ ...parsed.config.jobs[0]!, notify: { ...parsed.config.jobs[0]!.notify, slack_webhook: "ftp://x/y" } }],
      },
    };
    expect(() => resolveJobs(written, {})).toThrow(
      /^conf\/ddproof\.yaml: jobs\[0\]\.notify\.slack_webhook: expected an http\(s\) URL$/,
    );
  });
});

describe("checkJobInputs", () => {
  it("reads each fleet org's inputs, not the job's", async () => {
    const [fleet] = resolveJobs(
      defaults({
        frameworks: ["pci-dss-4.0.1"],
        orgs: [org("us"), org("eu", ["no-such-framework"])],
        jobs: [{ ...job, orgs: "all", output_root: dir }],
      }),
      {},
      dir,
    );
    const fixed = { ...fleet!, inputs: { ...fleet!.inputs, attestationsFile: null, userDirs: [] } };
    fixed.fleet = fleet!.fleet!.map((fleetOrg) => ({
      ...fleetOrg,
      inputs: { ...fleetOrg.inputs, attestationsFile: null, userDirs: [] },
    }));
    await expect(checkJobInputs([fixed])).rejects.toThrow("no-such-framework");
    const good = { ...fixed, fleet: fixed.fleet.filter((fleetOrg) => fleetOrg.name === "us") };
    await expect(checkJobInputs([good])).resolves.toBeUndefined();
    const plain = { ...good, fleet: null, inputs: { ...good.inputs, frameworks: ["no-such-framework"] } };
    await expect(checkJobInputs([plain])).rejects.toThrow("no-such-framework");
  });
});
