/**
 * An optional Slack incoming webhook: the run message as one text post. The
 * URL is a secret (anyone holding it can post); it was registered with the
 * redactor when the job was resolved, and errors never include it.
 */
import type { NotifyTarget } from "./contract.js";
import { runMessage } from "./run-message.js";

const TIMEOUT_MS = 10_000;

export const slackTarget: NotifyTarget = {
  id: "slack",
  enabled: (settings) => settings.slackWebhook !== null,
  async send(report, settings, ctx) {
    const message = runMessage(report);
    let response: Response;
    try {
      response = await fetch(settings.slackWebhook!, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: [`*${message.title}*`, ...message.lines].join("\n") }),
        signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(TIMEOUT_MS)]),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      throw new Error(`the Slack webhook could not be reached (${cause ?? (error as Error).name})`);
    }
    await response.body?.cancel();
    if (!response.ok) throw new Error(`the Slack webhook answered HTTP ${response.status}`);
  },
};
