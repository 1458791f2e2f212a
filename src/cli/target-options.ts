/**
 * Options every command that talks to Datadog shares (`collect`, `pack`,
 * `schedule`, `run-job`): where requests go, whether plain http may leave
 * this machine, and how large an answer may be. Each has a config key; the
 * flag wins.
 */
import type { Command } from "commander";
import type { Config } from "../config/schema.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../datadog/bounded-body.js";
import { type DatadogTarget, readDatadogTarget } from "../datadog/credentials.js";
import { InputError } from "../errors.js";

export interface TargetFlags {
  apiUrl?: string;
  insecureHttp?: boolean;
  maxResponseMib?: string;
}

const MIB = 1024 * 1024;

export function addTargetOptions(command: Command): Command {
  return command
    .option(
      "--api-url <url>",
      "send every request to this base URL (proxy, private endpoint, simulator); env DDPROOF_API_URL",
    )
    .option(
      "--insecure-http",
      "allow an http:// API URL to another machine (keys cross the network in clear text); config insecure_http",
    )
    .option(
      "--max-response-mib <n>",
      `largest response body accepted, in MiB (default ${DEFAULT_MAX_RESPONSE_BYTES / MIB}); config max_response_mib`,
    );
}

export function targetFromFlags(
  env: NodeJS.ProcessEnv,
  flags: TargetFlags,
  config: Pick<Config, "site" | "insecure_http">,
): DatadogTarget {
  return readDatadogTarget(env, {
    site: config.site,
    apiUrl: flags.apiUrl,
    insecureHttp: flags.insecureHttp === true || config.insecure_http,
  });
}

/** The response body limit in bytes: the flag, else the config, else the default. */
export function maxResponseBytesFromFlags(flags: TargetFlags, config: Pick<Config, "max_response_mib">): number {
  if (flags.maxResponseMib === undefined)
    return config.max_response_mib === undefined
      ? DEFAULT_MAX_RESPONSE_BYTES
      : Math.round(config.max_response_mib * MIB);
  const mib = Number(flags.maxResponseMib);
  if (flags.maxResponseMib.trim() === "" || !Number.isFinite(mib) || mib <= 0 || mib > 1024) {
    throw new InputError(
      `--max-response-mib "${flags.maxResponseMib}": expected a number of MiB above 0 and at most 1024`,
    );
  }
  return Math.round(mib * MIB);
}
