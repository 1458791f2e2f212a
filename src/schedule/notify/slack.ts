/**
 * An optional Slack incoming webhook: the run message as one text post. The
 * URL is a secret (anyone holding it can post); it was registered with the
 * redactor when the job was resolved, and errors never include it.
 *
 * Posted through ddproof's one transport, so it honours the egress proxy and
 * never follows a redirect to another origin (the path is the secret). Under
 * NODE_DEBUG=fetch undici prints request URLs; the CLI's stderr passes
 * through the redactor (`src/cli/redact-stderr.ts`), which knows the URL.
 */
import { transportFetch } from "../../datadog/http-transport.js";
import { RedirectRefusedError } from "../../datadog/redirects.js";
import type { NotifyTarget } from "./contract.js";
import { runMessage } from "./run-message.js";

const TIMEOUT_MS = 10_000;

async function post(url: string, body: string, signal: AbortSignal): Promise<number> {
  const response = await transportFetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
  });
  // Only the status matters; the body is never read, so its size cannot matter either.
  await response.body?.cancel().catch(() => {});
  return response.status;
}

/** Why the post failed, without the URL: an error code, never the message (undici's may quote the URL). */
function reason(error: unknown): string {
  if (error instanceof RedirectRefusedError) return error.message;
  const cause = (error as { cause?: { code?: string; name?: string } }).cause;
  const code = (error as { code?: string }).code ?? cause?.code ?? (error instanceof Error && error.name === "TimeoutError" ? "ETIMEDOUT" : undefined);
  return code ?? cause?.name ?? (error as Error).name;
}

export const slackTarget: NotifyTarget = {
  id: "slack",
  enabled: (settings) => settings.slackWebhook !== null,
  async send(report, settings, ctx) {
    const message = runMessage(report);
    let status: number;
    try {
      status = await post(settings.slackWebhook!, JSON.stringify({ text: [`*${message.title}*`, ...message.lines].join("\n") }), ctx.signal);
    } catch (error) {
      const why = reason(error);
      throw new Error(error instanceof RedirectRefusedError ? `the Slack webhook was not posted: ${why}` : `the Slack webhook could not be reached (${why})`);
    }
    if (status < 200 || status >= 300) throw new Error(`the Slack webhook answered HTTP ${status}`);
  },
};
