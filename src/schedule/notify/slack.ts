/**
 * An optional Slack incoming webhook: the run message as one text post. The
 * URL is a secret (anyone holding it can post); it was registered with the
 * redactor when the job was resolved, and errors never include it.
 *
 * Posted with node:http(s) rather than fetch: Node's fetch prints every
 * request URL under NODE_DEBUG=fetch, and this URL must never be printed.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { NotifyTarget } from "./contract.js";
import { runMessage } from "./run-message.js";

const TIMEOUT_MS = 10_000;

function post(url: string, body: string, signal: AbortSignal): Promise<number> {
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    // Plain options, not the URL object: under NODE_DEBUG=http Node prints a URL object it is given.
    const outgoing = send(
      {
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port || undefined,
        path: target.pathname + target.search,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
        signal,
        timeout: TIMEOUT_MS,
      },
      (response: IncomingMessage) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    outgoing.on("timeout", () => outgoing.destroy(Object.assign(new Error("timeout"), { code: "ETIMEDOUT" })));
    outgoing.on("error", reject);
    outgoing.end(body);
  });
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
      const code = (error as { code?: string }).code;
      throw new Error(`the Slack webhook could not be reached (${code ?? (error as Error).name})`);
    }
    if (status < 200 || status >= 300) throw new Error(`the Slack webhook answered HTTP ${status}`);
  },
};
