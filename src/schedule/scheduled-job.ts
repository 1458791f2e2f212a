/**
 * A job from `ddproof.yaml`, resolved once at start-up into everything a run
 * needs: its folder, the assessment inputs, its time zone and its
 * notification targets (a Slack URL given as `env:NAME` is read here, so a
 * missing variable is an error at start-up, not at 02:00).
 */
import type { KeyObject } from "node:crypto";
import { dirname, join, resolve } from "node:path";
import { type InputFiles, loadAssessInputs } from "../assess/load-inputs.js";
import type { Config, Job, JobKind, OrgConfig, Retention } from "../config/schema.js";
import { InputError } from "../errors.js";
import { FLEET_DIR } from "../fleet/org-name.js";
import { byOrgName } from "../fleet/orgs.js";
import { loadSigningKey } from "../pack/sign.js";
import { registerSecret } from "../secrets.js";
import { assertFolderPossible } from "../snapshot/output-folder.js";

export interface NotifySettings {
  datadogEvent: boolean;
  datadogMetrics: boolean;
  /** The webhook URL itself (a secret, registered with the redactor), or null. */
  slackWebhook: string | null;
}

/** One org of a fleet job: its config entry and what its packs are assessed against. */
export interface FleetJobOrg {
  name: string;
  org: OrgConfig;
  inputs: InputFiles;
}

export interface ScheduledJob {
  name: string;
  cron: string;
  timezone: string;
  kind: JobKind;
  /** The period rule (`last-24h`, `previous-quarter`, …), resolved at each run. */
  period: string;
  runMissedOnStart: boolean;
  retention: Retention | undefined;
  /** `<output root>/<name>`, absolute. */
  jobDir: string;
  inputs: InputFiles;
  notify: NotifySettings;
  /** The job's signing key file (`signing_key_file`, resolved against the config file), if any. */
  signingKeyFile?: string | null;
  /** The loaded key, once `loadJobSigningKeys` has run; its packs are signed with it. */
  signingKey?: KeyObject | null;
  /**
   * A fleet job's orgs, by name (`orgs:` in the job): each keeps its history in
   * `<jobDir>/<org>/`, the fleet in `<jobDir>/fleet/`. Absent or null: the one
   * org of DD_API_KEY and DD_APP_KEY, its history in `<jobDir>/`.
   */
  fleet?: FleetJobOrg[] | null;
}

/** The folder holding the index that says when the job last ran: the fleet's, for a fleet job. */
export function runIndexDirOf(job: Pick<ScheduledJob, "jobDir" | "fleet">): string {
  return job.fleet ? join(job.jobDir, FLEET_DIR) : job.jobDir;
}

/**
 * The orgs a job names, sorted by name as the fleet pack lists them, each
 * assessed against the job's `frameworks`, else the org's, else the config's.
 */
function fleetOrgs(job: Job, defaults: JobDefaults): FleetJobOrg[] | null {
  const { config } = defaults;
  if (job.orgs === undefined || config.orgs === undefined) return null;
  const names = job.orgs;
  const chosen = names === "all" ? config.orgs : config.orgs.filter((org) => names.includes(org.name));
  return chosen
    .map((org) => ({
      name: org.name,
      org,
      inputs: {
        frameworks: job.frameworks ?? org.frameworks ?? config.frameworks,
        userDirs: defaults.userDirs,
        attestationsFile: defaults.attestationsFile,
      },
    }))
    .sort(byOrgName);
}

/** The config as the assessing commands resolve it (paths written in the file are relative to it). */
export interface JobDefaults {
  config: Config;
  /** The config file, for error messages. */
  file: string;
  userDirs: readonly string[];
  attestationsFile: string | null;
}

function slackWebhook(job: Job, i: number, defaults: JobDefaults, env: NodeJS.ProcessEnv): string | null {
  const given = job.notify.slack_webhook;
  if (given === undefined) return null;
  const where = `${defaults.file}: jobs[${i}].notify.slack_webhook`;
  const name = given.startsWith("env:") ? given.slice("env:".length) : null;
  const url = name === null ? given : env[name]?.trim();
  if (!url)
    throw new InputError(
      `${where}: the environment variable ${name} is not set (it should hold the Slack webhook URL)`,
    );
  registerSecret(url);
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    parsed = null;
  }
  if (parsed === null || (parsed.protocol !== "https:" && parsed.protocol !== "http:")) {
    throw new InputError(`${where}: expected an http(s) URL${name === null ? "" : ` in ${name}`}`);
  }
  // The path is the secret part, and debug traces print it apart from the host.
  registerSecret(parsed.pathname + parsed.search);
  return url;
}

/** Output roots are relative to the working directory, as for every other command's output. */
export function resolveJobs(
  defaults: JobDefaults,
  env: NodeJS.ProcessEnv,
  cwd: string = process.cwd(),
): ScheduledJob[] {
  const { config } = defaults;
  return config.jobs.map((job, i) => {
    const fleet = fleetOrgs(job, defaults);
    return {
      name: job.name,
      cron: job.cron,
      timezone: job.timezone ?? config.timezone,
      kind: job.kind,
      period: job.period,
      runMissedOnStart: job.run_missed_on_start,
      retention: job.retention,
      jobDir: resolve(cwd, job.output_root ?? config.output_root, job.name),
      inputs: {
        frameworks: job.frameworks ?? config.frameworks,
        userDirs: defaults.userDirs,
        attestationsFile: defaults.attestationsFile,
      },
      notify: {
        datadogEvent: job.notify.datadog_event,
        datadogMetrics: job.notify.datadog_metrics,
        slackWebhook: slackWebhook(job, i, defaults, env),
      },
      signingKeyFile:
        job.signing_key_file === undefined ? null : resolve(cwd, dirname(defaults.file), job.signing_key_file),
      ...(fleet ? { fleet } : {}),
    };
  });
}

export function findJob(jobs: readonly ScheduledJob[], name: string, file: string): ScheduledJob {
  const job = jobs.find((candidate) => candidate.name === name);
  if (job) return job;
  const known = jobs.map((candidate) => candidate.name);
  throw new InputError(
    `${file}: no job named "${name}"; ${known.length === 0 ? "the file defines no jobs" : `known jobs: ${known.join(", ")}`}`,
  );
}

/**
 * Loads each job's signing key: --sign-key first, then the job's own
 * `signing_key_file`, then DDPROOF_SIGNING_KEY_FILE. A bad key file stops
 * start-up with exit 2 naming the file, before any run.
 */
export async function loadJobSigningKeys(
  jobs: readonly ScheduledJob[],
  files: { flag: string | null; env: string | null },
): Promise<void> {
  const loaded = new Map<string, KeyObject>();
  for (const job of jobs) {
    const file = files.flag ?? job.signingKeyFile ?? files.env;
    if (file === null) continue;
    const key = loaded.get(file) ?? (await loadSigningKey(file));
    loaded.set(file, key);
    job.signingKey = key;
  }
}

/**
 * Reads every job's catalogs, mappings and attestations once, so a mistake in
 * them stops the daemon at start-up (exit 2) instead of failing a run hours later.
 */
export async function checkJobInputs(jobs: readonly ScheduledJob[]): Promise<void> {
  const checked = new Set<string>();
  for (const job of jobs) {
    // An output root under a regular file can never hold a run: say so now, not mid-run.
    await assertFolderPossible(job.jobDir, `job "${job.name}" output folder ${job.jobDir}`, "its runs");
    for (const inputs of job.fleet ? job.fleet.map((org) => org.inputs) : [job.inputs]) {
      const key = JSON.stringify(inputs);
      if (checked.has(key)) continue;
      checked.add(key);
      await loadAssessInputs(inputs);
    }
  }
}
