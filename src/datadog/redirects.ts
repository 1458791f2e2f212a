/**
 * What to do with a redirect on a request that carries secrets (Datadog keys
 * in its headers, a Slack webhook in its path). Following a redirect to
 * another origin would hand those to a host nobody configured: a
 * misconfigured proxy, a captive portal or a hostile endpoint. So only
 * same-origin redirects (scheme, host and port unchanged) are followed, a few
 * times at most; anything else is refused with the Location's origin named,
 * never its path or query (which may hold tokens).
 */

export const MAX_REDIRECTS = 3;

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export function isRedirect(status: number): boolean {
  return REDIRECT_STATUSES.has(status);
}

/** A redirect ddproof will not follow. */
export class RedirectRefusedError extends Error {
  override readonly name = "RedirectRefusedError";
}

export interface NextHop {
  url: string;
  /** 303, and 301/302 after a POST, turn the request into a GET without a body (as browsers and fetch do). */
  method: string;
  dropBody: boolean;
}

/**
 * The request to send next for a redirect answer, or a RedirectRefusedError.
 * `followed` is how many redirects this request has already followed.
 */
export function nextHop(
  from: string,
  method: string,
  status: number,
  location: string | null,
  followed: number,
): NextHop {
  if (location === null || location.trim() === "") {
    throw new RedirectRefusedError(`the server answered HTTP ${status} without a Location`);
  }
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    throw new RedirectRefusedError(`the server answered HTTP ${status} with a Location that is not a URL`);
  }
  const origin = new URL(from).origin;
  if (target.origin !== origin) {
    // URL.origin has no user, path or query: nothing secret can be in it.
    throw new RedirectRefusedError(
      `the server redirected (HTTP ${status}) to another origin, ${target.origin}, and was not followed: keys and webhooks go only to the origin they were configured for`,
    );
  }
  if (followed >= MAX_REDIRECTS) {
    throw new RedirectRefusedError(`the server redirected more than ${MAX_REDIRECTS} times`);
  }
  const toGet = status === 303 || ((status === 301 || status === 302) && method === "POST");
  return { url: target.href, method: toGet ? "GET" : method, dropBody: toGet };
}
