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
 * Every request here carries a secret (keys in headers, a webhook in the
 * path), so redirects are followed only within the origin (`redirects.ts`).
 *
 * undici is loaded on first use: commands that never talk to a server
 * (assess, report, verify, diff) should not pay for it.
 */
import type { Dispatcher } from "undici";
import { registerSecret } from "../secrets.js";
import { isRedirect, nextHop } from "./redirects.js";

type SendOnce = (url: string, init: RequestInit) => Promise<Response>;

let transport: Promise<SendOnce> | null = null;

/** Origins served by this very process (the demo's simulator): a proxy has no business in between. */
const inProcessOrigins = new Set<string>();

export function sendDirectlyTo(url: string): void {
  inProcessOrigins.add(new URL(url).origin);
}

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

function loadTransport(): Promise<SendOnce> {
  transport ??= import("undici").then(({ fetch, Agent, EnvHttpProxyAgent }) => {
    registerProxyCredentials(process.env);
    // Reads HTTPS_PROXY / HTTP_PROXY / NO_PROXY (either case) from the environment.
    const viaEnvironment: Dispatcher = new EnvHttpProxyAgent();
    const direct: Dispatcher = new Agent();
    return (url, init) => {
      const dispatcher = inProcessOrigins.has(new URL(url).origin) ? direct : viaEnvironment;
      return fetch(url, {
        ...(init as Parameters<typeof fetch>[1]),
        redirect: "manual",
        dispatcher,
      }) as unknown as Promise<Response>;
    };
  });
  return transport;
}

/**
 * Sends one request, following same-origin redirects only; the answer is
 * never a redirect. A redirect elsewhere throws a RedirectRefusedError.
 */
export async function transportFetch(url: string, init: RequestInit): Promise<Response> {
  const send = await loadTransport();
  let current = url;
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  for (let followed = 0; ; followed += 1) {
    const response = await send(current, { ...init, method, body });
    if (!isRedirect(response.status)) return response;
    await response.body?.cancel().catch(() => {});
    const hop = nextHop(current, method, response.status, response.headers.get("location"), followed);
    current = hop.url;
    method = hop.method;
    if (hop.dropBody) body = undefined;
  }
}
