/**
 * What an API base URL must be before any key is sent to it, whether it comes
 * from `--api-url`, DDPROOF_API_URL or an org's `api_url` in the config. Kept
 * apart from the credentials so the config can check its own URLs when it is
 * read (naming the file and the path) without reaching the Datadog client.
 */

/** Hosts where plain http cannot be overheard: this machine (the simulator, a local tunnel). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return host === "localhost" || host === "::1" || /^127(\.\d{1,3}){3}$/.test(host);
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

/**
 * Null when the keys may be sent to `apiUrl`; otherwise what is wrong, led by
 * the URL as it may be shown. `howToAllow` tells how plain http to another
 * machine is allowed where the URL was given (a flag, a config key).
 */
export function apiUrlProblem(apiUrl: string, insecureHttp: boolean, howToAllow: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(apiUrl);
  } catch {
    return `"${apiUrl}": expected an absolute http(s) URL`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `"${displayUrl(apiUrl)}": expected an http or https URL`;
  }
  if (parsed.protocol === "http:" && !isLoopback(parsed.hostname) && !insecureHttp) {
    return `"${displayUrl(apiUrl)}": plain http would send the Datadog keys in clear text to ${parsed.hostname}; use https, or ${howToAllow} if this network is trusted`;
  }
  return null;
}
