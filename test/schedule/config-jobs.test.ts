/**
 * Jobs in ddproof.yaml: what the schema refuses (with the file and the
 * `jobs[i].field` path), the shipped example's two standard jobs, and how a
 * job is resolved for running (folders, time zone, Slack URL from the env),
 * and the Kubernetes CronJob example that runs one of them.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { EXAMPLE_CONFIG } from "../../src/cli/init.js";
import { loadConfig } from "../../src/config/load.js";
import { Config } from "../../src/config/schema.js";
import { InputError } from "../../src/errors.js";
import { checkJobInputs, findJob, type JobDefaults, resolveJobs } from "../../src/schedule/scheduled-job.js";
import { redactSecrets } from "../../src/secrets.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-jobs-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function loadJobs(jobs: string): Promise<unknown> {
  const file = join(dir, "ddproof.yaml");
  await writeFile(file, `jobs:\n${jobs}`);
  return loadConfig(file).catch((error: unknown) => error);
}

const GOOD_JOB = "  - name: nightly\n    cron: '0 2 * * *'\n    kind: gap\n    period: last-24h\n";

describe("job validation", () => {
  it.each([
    [
      "an out-of-range field",
      "'61 * * * *'",
      /jobs\[0\]\.cron: "61 \* \* \* \*" is not a cron expression \(5 fields, or 6 with seconds first, e\.g\. "0 2 \* \* \*"\): minute "61" is not valid/,
    ],
    [
      "the wrong number of fields",
      "'0 2 * *'",
      /jobs\[0\]\.cron: "0 2 \* \*" is not a cron expression .*: expected 5 or 6 fields but got 4/,
    ],
    ["words", "'every night'", /jobs\[0\]\.cron: "every night" is not a cron expression/],
  ])("refuses a cron expression with %s", async (_what, cron, message) => {
    const error = await loadJobs(GOOD_JOB.replace("'0 2 * * *'", cron));
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(new RegExp(`ddproof\\.yaml: ${message.source}`));
  });

  it("accepts six-field (per-second) expressions", async () => {
    const { config } = (await loadJobs(GOOD_JOB.replace("'0 2 * * *'", "'*/5 * * * * *'"))) as { config: Config };
    expect(config.jobs[0]!.cron).toBe("*/5 * * * * *");
  });

  it("refuses a period rule it cannot resolve", async () => {
    const error = await loadJobs(GOOD_JOB.replace("last-24h", "last-fortnight"));
    expect((error as Error).message).toMatch(
      /ddproof\.yaml: jobs\[0\]\.period: expected a period rule: 2026-Q3, .*previous-quarter/,
    );
  });

  it("refuses two jobs with one name, pointing at the second", async () => {
    const error = await loadJobs(GOOD_JOB + GOOD_JOB);
    expect((error as Error).message).toMatch(
      /ddproof\.yaml: jobs\[1\]\.name: job name "nightly" is already used by jobs\[0\]/,
    );
  });

  it("refuses a Slack webhook that is neither a URL nor env:NAME", async () => {
    const error = await loadJobs(`${GOOD_JOB}    notify:\n      slack_webhook: hooks.slack.com/x\n`);
    expect((error as Error).message).toMatch(/jobs\[0\]\.notify\.slack_webhook: expected an http\(s\) URL or env:NAME/);
  });

  it("ships the two standard jobs in the example config", async () => {
    const { config } = await loadConfig(EXAMPLE_CONFIG);
    expect(config.output_root).toBe("ddproof-out");
    expect(config.jobs.map(({ name, cron, kind, period }) => ({ name, cron, kind, period }))).toEqual([
      { name: "nightly-gap", cron: "0 2 * * *", kind: "gap", period: "last-24h" },
      { name: "quarterly-evidence", cron: "0 6 1 1,4,7,10 *", kind: "evidence", period: "previous-quarter" },
    ]);
  });
});

describe("resolveJobs and findJob", () => {
  function defaults(jobs: unknown[]): JobDefaults {
    return {
      config: Config.parse({ timezone: "Europe/Paris", output_root: "reports", jobs }),
      file: "ddproof.yaml",
      userDirs: ["extra"],
      attestationsFile: null,
    };
  }
  const job = { name: "nightly", cron: "0 2 * * *", kind: "gap", period: "last-24h" };

  it("puts each job in <output root>/<name> under the working directory, in the config's time zone by default", () => {
    const elsewhere = join(dir, "packs");
    const [nightly, other] = resolveJobs(
      defaults([job, { ...job, name: "other", output_root: elsewhere, timezone: "UTC" }]),
      {},
      dir,
    );
    expect(nightly).toMatchObject({
      name: "nightly",
      timezone: "Europe/Paris",
      jobDir: join(dir, "reports", "nightly"),
    });
    expect(nightly!.inputs.userDirs).toEqual(["extra"]);
    expect(nightly!.notify).toEqual({ datadogEvent: true, datadogMetrics: true, slackWebhook: null });
    expect(other).toMatchObject({ timezone: "UTC", jobDir: join(elsewhere, "other") });
  });

  it("reads a Slack webhook from the environment and treats it as a secret", () => {
    const url = "https://hooks.slack.example/services/T000/B000/abcdefghijkl";
    const [resolved] = resolveJobs(defaults([{ ...job, notify: { slack_webhook: "env:TEAM_HOOK" } }]), {
      TEAM_HOOK: url,
    });
    expect(resolved!.notify.slackWebhook).toBe(url);
    expect(redactSecrets(`posting to ${url}`)).toBe("posting to [redacted]");
  });

  it("refuses at start-up a Slack webhook variable that is not set", () => {
    expect(() => resolveJobs(defaults([{ ...job, notify: { slack_webhook: "env:TEAM_HOOK" } }]), {})).toThrow(
      "ddproof.yaml: jobs[0].notify.slack_webhook: the environment variable TEAM_HOOK is not set",
    );
  });

  it("carries every field a run needs, the job's own frameworks and output root winning", () => {
    const [resolved] = resolveJobs(
      {
        ...defaults([
          {
            ...job,
            cron: "0 6 1 1,4,7,10 *",
            kind: "evidence",
            period: "previous-quarter",
            frameworks: ["soc2-2017"],
            retention: { keep_last: 4 },
            run_missed_on_start: true,
            notify: { datadog_event: false, datadog_metrics: false },
          },
        ]),
        attestationsFile: "attestations.yaml",
      },
      {},
      dir,
    );
    expect(resolved).toEqual({
      name: "nightly",
      cron: "0 6 1 1,4,7,10 *",
      timezone: "Europe/Paris",
      kind: "evidence",
      period: "previous-quarter",
      runMissedOnStart: true,
      signingKeyFile: null,
      retention: { keep_last: 4 },
      jobDir: join(dir, "reports", "nightly"),
      inputs: { frameworks: ["soc2-2017"], userDirs: ["extra"], attestationsFile: "attestations.yaml" },
      notify: { datadogEvent: false, datadogMetrics: false, slackWebhook: null },
    });
    const [plain] = resolveJobs(defaults([job]), {}, dir);
    expect(plain!.inputs.frameworks).toEqual(Config.parse({}).frameworks);
    expect(plain!.runMissedOnStart).toBe(false);
  });

  it("takes a Slack webhook written in the file as it is, and keeps its path secret", () => {
    const url = "https://hooks.slack.example/services/T111/B111/mnopqrstuvwx?x=1";
    const [resolved] = resolveJobs(defaults([{ ...job, notify: { slack_webhook: url } }]), {});
    expect(resolved!.notify.slackWebhook).toBe(url);
    expect(redactSecrets("path /services/T111/B111/mnopqrstuvwx?x=1 seen")).toBe("path [redacted] seen");
  });

  it.each([
    ["ftp://hooks.slack.example/services/T0/B0/x", "expected an http(s) URL in TEAM_HOOK"],
    ["not a url", "expected an http(s) URL in TEAM_HOOK"],
    ["   ", "the environment variable TEAM_HOOK is not set (it should hold the Slack webhook URL)"],
  ])("refuses a Slack webhook variable holding %j", (value, problem) => {
    const resolve = () =>
      resolveJobs(defaults([job, { ...job, name: "second", notify: { slack_webhook: "env:TEAM_HOOK" } }]), {
        TEAM_HOOK: value,
      });
    expect(resolve).toThrow(InputError);
    expect(resolve).toThrow(`ddproof.yaml: jobs[1].notify.slack_webhook: ${problem}`);
  });

  it("refuses at start-up an output folder below a regular file, naming the job", async () => {
    const file = join(dir, "not-a-folder");
    await writeFile(file, "");
    const jobs = resolveJobs(defaults([{ ...job, output_root: file }]), {}, dir);
    const checking = checkJobInputs(jobs);
    await expect(checking).rejects.toThrow(InputError);
    await expect(checking).rejects.toThrow(
      `job "nightly" output folder ${join(file, "nightly")}: cannot write its runs there: ${file} is not a folder`,
    );
  });

  it("names the known jobs when asked for an unknown one", () => {
    const jobs = resolveJobs(defaults([job, { ...job, name: "quarterly" }]), {});
    expect(findJob(jobs, "quarterly", "ddproof.yaml").name).toBe("quarterly");
    expect(() => findJob(jobs, "weekly", "ddproof.yaml")).toThrow(
      'ddproof.yaml: no job named "weekly"; known jobs: nightly, quarterly',
    );
    expect(() => findJob([], "weekly", "ddproof.yaml")).toThrow(
      'ddproof.yaml: no job named "weekly"; the file defines no jobs',
    );
  });
});

/** The parts of the example's Kubernetes objects the test reads. */
interface K8sObject {
  kind: string;
  metadata: { name: string };
}

interface K8sContainer {
  command: string[];
  args: string[];
  env: { name: string; valueFrom?: { secretKeyRef?: object } }[];
  volumeMounts: { name: string; mountPath: string }[];
  workingDir: string;
}

interface K8sVolume {
  name: string;
  configMap?: { name: string };
  persistentVolumeClaim?: { claimName: string };
}

interface K8sCronJob extends K8sObject {
  spec: {
    concurrencyPolicy: string;
    schedule: string;
    jobTemplate: { spec: { template: { spec: { containers: K8sContainer[]; volumes: K8sVolume[] } } } };
  };
}

describe("the Kubernetes CronJob example", () => {
  it("runs the example config's nightly-gap job, never concurrently, with keys from a Secret, config from a ConfigMap and packs on a volume claim", async () => {
    const text = await readFile(fileURLToPath(new URL("../../examples/k8s-cronjob.yaml", import.meta.url)), "utf8");
    const docs = parseAllDocuments(text).map((doc) => doc.toJS() as K8sObject);
    const cronJob = docs.find((doc) => doc.kind === "CronJob") as K8sCronJob;
    const claim = docs.find((doc) => doc.kind === "PersistentVolumeClaim")!;
    const pod = cronJob.spec.jobTemplate.spec.template.spec;
    const container = pod.containers[0]!;
    const { config } = await loadConfig(EXAMPLE_CONFIG);

    expect(cronJob.spec.concurrencyPolicy).toBe("Forbid");
    expect(cronJob.spec.schedule).toBe(config.jobs.find((job) => job.name === "nightly-gap")!.cron);
    expect([...container.command, ...container.args].slice(0, 3)).toEqual(["ddproof", "run-job", "nightly-gap"]);
    const keys = container.env.filter((variable) => variable.valueFrom?.secretKeyRef).map((variable) => variable.name);
    expect(keys).toEqual(["DD_API_KEY", "DD_APP_KEY"]);
    const volumes = Object.fromEntries(pod.volumes.map((volume) => [volume.name, volume] as const));
    const mountOf = (name: string) => container.volumeMounts.find((mount) => mount.name === name)!.mountPath;
    expect(volumes.config?.configMap?.name).toBe("ddproof-config");
    expect(container.args).toContain(`${mountOf("config")}/ddproof.yaml`);
    expect(volumes.packs?.persistentVolumeClaim?.claimName).toBe(claim.metadata.name);
    expect(container.workingDir).toBe(mountOf("packs"));
  });
});
