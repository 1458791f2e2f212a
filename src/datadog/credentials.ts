/**
 * Where ddproof finds its Datadog credentials and endpoint: the environment
 * only. Keys are registered with the redactor the moment they are read.
 */
import { InputError } from "../errors.js";
import { registerSecret } from "../secrets.js";
import { siteProblem } from "./known-sites.js";

export interface DatadogTarget {
  apiKey: string;
  appKey: string;
  site: string;
  /** Explicit base URL (proxy, private endpoint, simulator); null = https://api.<site>. */
  apiUrl: string | null;
}

/** Hosts where plain http cannot be overheard: this machine (the simulator, a local tunnel). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
}

function checkApiUrl(apiUrl: string, insecureHttp: boolean): void {
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    throw new InputError(`API URL "${apiUrl}": expected an absolute http(s) URL`);
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    throw new InputError(`API URL "${displayUrl(apiUrl)}": expected an http or https URL`);
  }
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname) && !insecureHttp) {
    throw new InputError(
      `API URL "${displayUrl(apiUrl)}": plain http would send the Datadog keys in clear text to ${parsed.hostname}; use https, or pass --insecure-http (config: insecure_http: true) if this network is trusted`,
    );
  }
}

export function readDatadogTarget(
  env: NodeJS.ProcessEnv,
  options: { site?: string; apiUrl?: string; insecureHttp?: boolean } = {},
): DatadogTarget {
  const apiKey = env.DD_API_KEY?.trim() ?? "";
  const appKey = env.DD_APP_KEY?.trim() ?? "";
  registerSecret(apiKey);
  registerSecret(appKey);
  const missing = [!apiKey && "DD_API_KEY", !appKey && "DD_APP_KEY"].filter(Boolean);
  if (missing.length > 0) {
    throw new InputError(
      `missing ${missing.join(" and ")} in the environment: ddproof reads Datadog keys only from DD_API_KEY and DD_APP_KEY (try \`ddproof demo\` to run without an account)`,
    );
  }
  const apiUrl = options.apiUrl ?? env.DDPROOF_API_URL?.trim() ?? null;
  if (apiUrl) checkApiUrl(apiUrl, options.insecureHttp === true);
  const fromEnv = env.DD_SITE?.trim();
  const site = fromEnv || options.site || "datadoghq.com";
  // The config's site was checked when the config was read; DD_SITE is checked here.
  const problem = fromEnv ? siteProblem(fromEnv) : null;
  if (problem) throw new InputError(`DD_SITE ${problem}`);
  return { apiKey, appKey, site, apiUrl: apiUrl ? apiUrl.replace(/\/+$/, "") : null };
}

/** The URL as it may be shown or stored: without any user name or password in it. */
export function displayUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.href.replace(/\/+$/, "");
  } catch {
    return "(invalid URL)";
  }
}
