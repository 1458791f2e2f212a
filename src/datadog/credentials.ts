/**
 * Where ddproof finds its Datadog credentials and endpoint: the environment
 * only. Keys are registered with the redactor the moment they are read.
 */
import { InputError } from "../errors.js";
import { registerSecret } from "../secrets.js";

export interface DatadogTarget {
  apiKey: string;
  appKey: string;
  site: string;
  /** Explicit base URL (proxy, private endpoint, simulator); null = https://api.<site>. */
  apiUrl: string | null;
}

export function readDatadogTarget(
  env: NodeJS.ProcessEnv,
  options: { site?: string; apiUrl?: string } = {},
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
  if (apiUrl) {
    let parsed: URL;
    try {
      parsed = new URL(apiUrl);
    } catch {
      throw new InputError(`API URL "${apiUrl}": expected an absolute http(s) URL`);
    }
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new InputError(`API URL "${apiUrl}": expected an http or https URL`);
    }
  }
  const site = env.DD_SITE?.trim() || options.site || "datadoghq.com";
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
