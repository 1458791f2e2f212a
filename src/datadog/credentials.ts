/**
 * Where ddproof finds its Datadog credentials and endpoint: the environment
 * only (DD_API_KEY and DD_APP_KEY, or for an org of the config's `orgs:` the
 * variables it names). Keys are registered with the redactor the moment they
 * are read.
 */
import { apiUrlProblem } from "../config/api-url.js";
import type { OrgConfig } from "../config/schema.js";
import { InputError } from "../errors.js";
import { registerSecret } from "../secrets.js";
import { siteProblem } from "./known-sites.js";

// Shown wherever a target's URL is printed or stored; it lives with the URL checks.
export { displayUrl } from "../config/api-url.js";

export interface DatadogTarget {
  apiKey: string;
  appKey: string;
  site: string;
  /** Explicit base URL (proxy, private endpoint, simulator); null = https://api.<site>. */
  apiUrl: string | null;
}

function checkApiUrl(apiUrl: string, insecureHttp: boolean): void {
  const problem = apiUrlProblem(apiUrl, insecureHttp, "pass --insecure-http (config: insecure_http: true)");
  if (problem) throw new InputError(`API URL ${problem}`);
}

/** A key from the environment, registered with the redactor before anything else can see it. */
function readKey(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name]?.trim() ?? "";
  registerSecret(value);
  return value;
}

/** The base URL as requests use it, once it is known to be safe for the keys. */
function checkedApiUrl(apiUrl: string | null, insecureHttp: boolean | undefined): string | null {
  if (!apiUrl) return null;
  checkApiUrl(apiUrl, insecureHttp === true);
  return apiUrl.replace(/\/+$/, "");
}

export function readDatadogTarget(
  env: NodeJS.ProcessEnv,
  options: { site?: string; apiUrl?: string; insecureHttp?: boolean } = {},
): DatadogTarget {
  const apiKey = readKey(env, "DD_API_KEY");
  const appKey = readKey(env, "DD_APP_KEY");
  const missing = [!apiKey && "DD_API_KEY", !appKey && "DD_APP_KEY"].filter(Boolean);
  if (missing.length > 0) {
    throw new InputError(
      `missing ${missing.join(" and ")} in the environment: ddproof reads Datadog keys only from DD_API_KEY and DD_APP_KEY (try \`ddproof demo\` to run without an account)`,
    );
  }
  const apiUrl = checkedApiUrl(options.apiUrl ?? env.DDPROOF_API_URL?.trim() ?? null, options.insecureHttp);
  const fromEnv = env.DD_SITE?.trim();
  const site = fromEnv || options.site || "datadoghq.com";
  // The config's site was checked when the config was read; DD_SITE is checked here.
  const problem = fromEnv ? siteProblem(fromEnv) : null;
  if (problem) throw new InputError(`DD_SITE ${problem}`);
  return { apiKey, appKey, site, apiUrl };
}

/** What an org of the config's `orgs:` says about its endpoint and the variables that hold its keys. */
export type OrgCredentials = Pick<OrgConfig, "name" | "site" | "api_key_env" | "app_key_env" | "api_url">;

/**
 * The target of one org of the config's `orgs:`: its keys from the variables
 * it names, its site and URL from the config. DD_SITE and DDPROOF_API_URL
 * belong to the one org of a config without `orgs:` and never redirect an
 * org's keys; `--api-url` (given for one org at a time) still wins. A missing
 * variable is named, never a value.
 */
export function readOrgTarget(
  env: NodeJS.ProcessEnv,
  org: OrgCredentials,
  options: { apiUrl?: string; insecureHttp?: boolean } = {},
): DatadogTarget {
  const apiKey = readKey(env, org.api_key_env);
  const appKey = readKey(env, org.app_key_env);
  const missing = [
    !apiKey && `${org.api_key_env} (its api_key_env)`,
    !appKey && `${org.app_key_env} (its app_key_env)`,
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new InputError(`org "${org.name}": missing ${missing.join(" and ")} in the environment`);
  }
  const apiUrl = checkedApiUrl(options.apiUrl ?? org.api_url ?? null, options.insecureHttp);
  return { apiKey, appKey, site: org.site, apiUrl };
}
