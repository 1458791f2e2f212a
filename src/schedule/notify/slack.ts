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
  // A plain timer and controller, not AbortSignal.any/timeout: on Node 20 a combined signal could be
  // collected before it fired, and the post then waited for undici's own 300 s header timeout.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })),
    TIMEOUT_MS,
  );
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const response = await transportFetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: controller.signal,
    });
    // Only the status matters; the body is never read, so its size cannot matter either.
    await response.body?.cancel().catch(() => {});
    return response.status;
  } finally {
    clearTimeout(timer);
    signal.removeEventListener("abort", onAbort);
  }
}

/** Why the post failed, without the URL: an error code, never the message (undici's may quote the URL). */
function reason(error: unknown): string {
  if (error instanceof RedirectRefusedError) return error.message;
  const name = error instanceof Error ? error.name : typeof error;
  const cause = (error as { cause?: { code?: unknown; name?: string } }).cause;
  const code = [(error as { code?: unknown }).code, cause?.code].find(
    (value): value is string => typeof value === "string",
  );
  return code ?? cause?.name ?? name;
}

export const slackTarget: NotifyTarget = {
  id: "slack",
  enabled: (settings) => settings.slackWebhook !== null,
  async send(report, settings, ctx) {
    const message = runMessage(report);
    let status: number;
    try {
      status = await post(
        settings.slackWebhook!,
        JSON.stringify({ text: [`*${message.title}*`, ...message.lines].join("\n") }),
        ctx.signal,
      );
    } catch (error) {
      const why = reason(error);
      throw new Error(
        error instanceof RedirectRefusedError
          ? `the Slack webhook was not posted: ${why}`
          : `the Slack webhook could not be reached (${why})`,
      );
    }
    if (status < 200 || status >= 300) throw new Error(`the Slack webhook answered HTTP ${status}`);
  },
};
