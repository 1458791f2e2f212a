/**
 * `ddproof schedule`: the daemon that runs the config file's jobs on their
 * cron schedules until SIGTERM or SIGINT. The first signal stops scheduling
 * and lets runs in progress finish; a second abandons them (no half pack is
 * left). Either way the locks are released and the exit code is 0.
 *
 * Also home to the options and set-up `run-job` shares.
 */
import { type Command, Option } from "commander";
import { DEFAULT_CONFIG_FILE } from "../config/load.js";
import type { Config } from "../config/schema.js";
import type { DatadogTarget } from "../datadog/credentials.js";
import { EXIT_OK, InputError } from "../errors.js";
import { readOrgTargets } from "../fleet/orgs-targets.js";
import { createLogger, LOG_FORMATS, type LogFormat } from "../schedule/log.js";
import type { RunSettings } from "../schedule/run-job.js";
import {
  checkJobInputs,
  findJob,
  loadJobSigningKeys,
  resolveJobs,
  type ScheduledJob,
} from "../schedule/scheduled-job.js";
import { JobScheduler } from "../schedule/scheduler.js";
import { onShutdownSignals } from "../schedule/shutdown-signals.js";
import { resolveAssessSettings } from "./assess-options.js";
import type { CommandContext, CommandModule } from "./command.js";
import { addSignKeyOption, type SignKeyFlags, signKeyFile } from "./sign-key-option.js";
import { addTargetOptions, maxResponseBytesFromFlags, type TargetFlags, targetFromFlags } from "./target-options.js";

export interface JobFlags extends TargetFlags, SignKeyFlags {
  config?: string;
  logFormat: LogFormat;
}

export function addJobOptions(command: Command): Command {
  return addTargetOptions(
    addSignKeyOption(command)
      .option("-c, --config <file>", `config file with the jobs (default: ./${DEFAULT_CONFIG_FILE})`)
      .addOption(
        new Option("--log-format <format>", "log lines as text, or one JSON object per line")
          .choices(LOG_FORMATS)
          .default("text"),
      ),
  );
}

/**
 * The keys the jobs need, every one read (and registered with the redactor)
 * before any run: DD_API_KEY and DD_APP_KEY for jobs of the one org, and each
 * org's own variables for the orgs fleet jobs name. A config with `orgs:`
 * has only fleet jobs, so it never needs DD_API_KEY.
 */
function jobTargets(
  jobs: readonly ScheduledJob[],
  flags: JobFlags,
  env: NodeJS.ProcessEnv,
  config: Config,
): { target: DatadogTarget | null; orgTargets: Map<string, DatadogTarget> } {
  const fleetOrgs = new Map(jobs.flatMap((job) => job.fleet ?? []).map((org) => [org.name, org.org]));
  if (fleetOrgs.size > 0 && flags.apiUrl !== undefined) {
    throw new InputError(
      "--api-url names one endpoint: a job with orgs: sends each org's requests to its own api_url (or site) in the config",
    );
  }
  const orgTargets = new Map(
    readOrgTargets(env, [...fleetOrgs.values()], {
      insecureHttp: flags.insecureHttp === true || config.insecure_http,
    }).map(({ org, target }) => [org.name, target]),
  );
  const target = jobs.some((job) => !job.fleet) ? targetFromFlags(env, flags, config) : null;
  return { target, orgTargets };
}

/**
 * Reads the config, its jobs (or only the named one) and the credentials:
 * everything a run needs, checked before any run starts.
 */
export async function openJobs(
  flags: JobFlags,
  ctx: CommandContext,
  only?: string,
): Promise<{ jobs: ScheduledJob[]; settings: RunSettings; file: string }> {
  const assess = await resolveAssessSettings({ framework: [], mappings: [], config: flags.config });
  const file = flags.config ?? DEFAULT_CONFIG_FILE;
  const all = resolveJobs(
    { config: assess.config, file, userDirs: assess.userDirs, attestationsFile: assess.attestationsFile },
    ctx.env,
  );
  const jobs = only === undefined ? all : [findJob(all, only, file)];
  if (jobs.length === 0)
    throw new InputError(`${file}: defines no jobs; add a jobs: list (\`ddproof init\` writes an example)`);
  await checkJobInputs(jobs);
  await loadJobSigningKeys(jobs, { flag: flags.signKey ?? null, env: signKeyFile({}, ctx.env) });
  const { target, orgTargets } = jobTargets(jobs, flags, ctx.env, assess.config);
  const policy = { maxResponseBytes: maxResponseBytesFromFlags(flags, assess.config) };
  const log = createLogger(flags.logFormat, (line) => ctx.output.out(line));
  return {
    jobs,
    file,
    settings: {
      target,
      orgTargets,
      policy,
      thresholds: assess.config.thresholds,
      orgName: assess.config.org_name ?? null,
      log,
    },
  };
}

export const scheduleCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("schedule")
      .description(
        "Run the config file's jobs on their cron schedules until SIGTERM/SIGINT (keys from DD_API_KEY and DD_APP_KEY, or each org's own variables)",
      );
    addJobOptions(command).action(async (flags: JobFlags) => {
      const { jobs, settings } = await openJobs(flags, ctx);

      const scheduler = new JobScheduler({ jobs, settings });
      const dispose = onShutdownSignals((signal, count) => {
        if (count === 1) {
          settings.log.info(
            "shutdown requested: no new runs; runs in progress finish (send the signal again to abandon them)",
            { signal },
          );
          void scheduler.stop();
        } else {
          scheduler.abort();
        }
      });
      try {
        await scheduler.start();
        await scheduler.stopped;
      } catch (error) {
        scheduler.abort();
        await scheduler.stop();
        throw error;
      } finally {
        dispose();
      }
      ctx.setExitCode(EXIT_OK);
    });
  },
};
