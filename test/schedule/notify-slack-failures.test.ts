/**
 * How a failed Slack post is worded when the failure carries no code of its
 * own: an abort's reason with a code, or with only a cause, is named by that
 * code or the cause's name, never by a message that could quote the URL.
 */
import type { Server } from "node:http";
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import type { RunReport } from "../../src/schedule/notify/contract.js";
import { slackTarget } from "../../src/schedule/notify/slack.js";
import { listenLocally, stopServer } from "../helpers/local-server.js";

const FAILED_RUN = {
  job: { name: "nightly", kind: "gap" },
  run: { id: "2026-11-29T020000Z", status: "failed", summary: null, period: null, error: "boom" },
  changes: null,
  pack: null,
} as unknown as RunReport;

let server: Server | null = null;
afterEach(async () => {
  await stopServer(server);
  server = null;
});

async function abandonedWith(reason: unknown): Promise<string | null> {
  server = createServer(() => {
    // Never answers: only the abort ends the post.
  });
  const url = `${await listenLocally(server)}/services/T0/B0/hookSecret0`;
  const controller = new AbortController();
  const sending = slackTarget
    .send(
      FAILED_RUN,
      { datadogEvent: false, datadogMetrics: false, slackWebhook: url },
      { signal: controller.signal, session: () => Promise.reject(new Error("unused")) },
    )
    .then(
      () => null,
      (error: unknown) => (error as Error).message,
    );
  controller.abort(reason);
  return sending;
}

describe("a Slack post that is abandoned", () => {
  it("is named by the reason's own code first", async () => {
    const reason = Object.assign(new Error("posting to /services/T0/B0/hookSecret0 failed"), {
      code: "E_SHUTDOWN",
      cause: { code: "E_INNER", name: "Inner" },
    });
    expect(await abandonedWith(reason)).toBe("the Slack webhook could not be reached (E_SHUTDOWN)");
  });

  it("is named by its cause's code when it has none, and ignores a code that is not text", async () => {
    const reason = Object.assign(new Error("x"), { code: 17, cause: { code: "E_INNER", name: "Inner" } });
    expect(await abandonedWith(reason)).toBe("the Slack webhook could not be reached (E_INNER)");
  });

  it("is named by its cause's name when neither has a code", async () => {
    const reason = Object.assign(new Error("x"), { cause: { name: "InnerCause" } });
    expect(await abandonedWith(reason)).toBe("the Slack webhook could not be reached (InnerCause)");
  });

  it("is named by the type of a reason that is not an error", async () => {
    expect(await abandonedWith("going away")).toBe("the Slack webhook could not be reached (string)");
  });
});
