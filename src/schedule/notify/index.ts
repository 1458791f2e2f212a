/**
 * The registry of notification targets, in the order they are tried, and
 * the loop that runs them. A target that fails is logged as a warning and
 * the others still run: a notification never fails or loses a run.
 */

import type { DatadogTarget } from "../../datadog/credentials.js";
import { DatadogSession } from "../../datadog/session.js";
import { describeError } from "../../describe-error.js";
import type { Logger } from "../log.js";
import type { NotifySettings } from "../scheduled-job.js";
import type { NotifyContext, NotifyTarget, RunReport } from "./contract.js";
import { datadogEventTarget } from "./datadog-event.js";
import { datadogMetricsTarget } from "./datadog-metrics.js";
import { slackTarget } from "./slack.js";

export const NOTIFY_TARGETS: readonly NotifyTarget[] = [datadogEventTarget, datadogMetricsTarget, slackTarget];

/** Notifications are small and not worth holding a run up for: fewer, shorter retries than collection. */
const NOTIFY_POLICY = { maxRetries: 2, timeoutMs: 10_000, maxDelayMs: 5_000 };

export interface NotifyOutcome {
  target: string;
  ok: boolean;
  error?: string;
}

export async function sendNotifications(
  report: RunReport,
  settings: NotifySettings,
  options: { target: DatadogTarget; log: Logger; signal: AbortSignal; targets?: readonly NotifyTarget[] },
): Promise<NotifyOutcome[]> {
  let session: Promise<DatadogSession> | null = null;
  const ctx: NotifyContext = {
    session: () => (session ??= DatadogSession.open(options.target, { policy: NOTIFY_POLICY, signal: options.signal })),
    signal: options.signal,
  };
  const outcomes: NotifyOutcome[] = [];
  for (const target of (options.targets ?? NOTIFY_TARGETS).filter((candidate) => candidate.enabled(settings))) {
    try {
      await target.send(report, settings, ctx);
      outcomes.push({ target: target.id, ok: true });
      options.log.info("notification sent", { target: target.id });
    } catch (error) {
      const reason = describeError(error);
      outcomes.push({ target: target.id, ok: false, error: reason });
      options.log.warn("notification failed; the run and its pack are unaffected", {
        target: target.id,
        error: reason,
      });
    }
  }
  return outcomes;
}
