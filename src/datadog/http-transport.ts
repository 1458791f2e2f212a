/**
 * The one way out of the process for every HTTP request ddproof makes:
 * Datadog API calls, event and metric submissions, and the Slack webhook.
 *
 * It is the `undici` package's fetch with an `EnvHttpProxyAgent`, because
 * Node 20's bundled fetch ignores HTTPS_PROXY, HTTP_PROXY and NO_PROXY and a
 * collector inside a company network may reach Datadog only through its
 * egress proxy. HTTPS goes through the proxy as a CONNECT tunnel, so the
 * proxy never sees a key. TLS to the target uses Node's default trust store,
 * which includes the certificates named by NODE_EXTRA_CA_CERTS (for a proxy
 * that re-signs traffic with a company CA).
 *
 * Redirects are never followed here (`redirect: "manual"`): whoever asks
 * decides, since a redirect can carry keys to another host.
 *
 * undici is loaded on first use: commands that never talk to a server
 * (assess, report, verify, diff) should not pay for it.
 */
import type { Dispatcher } from "undici";
import { registerSecret } from "../secrets.js";

export type TransportFetch = (url: string, init: RequestInit) => Promise<Response>;

let transport: Promise<TransportFetch> | null = null;

/** A proxy URL may carry a user and password; they must never be printed. */
function registerProxyCredentials(env: NodeJS.ProcessEnv): void {
  for (const name of ["HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"]) {
    const value = env[name];
    if (!value) continue;
    try {
      const url = new URL(value);
      registerSecret(decodeURIComponent(url.password));
      registerSecret(url.password);
    } catch {
      // undici reports an unusable proxy URL itself, on the first request.
    }
  }
}

function loadTransport(): Promise<TransportFetch> {
  transport ??= import("undici").then(({ fetch, EnvHttpProxyAgent }) => {
    registerProxyCredentials(process.env);
    // Reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) from the environment.
    const dispatcher: Dispatcher = new EnvHttpProxyAgent();
    return (url, init) =>
      fetch(url, { ...(init as Parameters<typeof fetch>[1]), redirect: "manual", dispatcher }) as unknown as Promise<Response>;
  });
  return transport;
}

/** Sends one request; a 3xx comes back as it is, never followed. */
export async function transportFetch(url: string, init: RequestInit): Promise<Response> {
  return (await loadTransport())(url, init);
}
