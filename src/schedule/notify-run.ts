/**
 * Where a run's one message goes: every enabled target, with the Datadog
 * targets talking to the job's org, or for a fleet job to its first org (by
 * name), whose keys the fleet run already holds. A fleet run sends one
 * message, never one per org.
 */
import type { Logger } from "./log.js";
import type { RunReport } from "./notify/contract.js";
import { type NotifyOutcome, sendNotifications } from "./notify/index.js";
import type { RunSettings } from "./run-job.js";
import type { ScheduledJob } from "./scheduled-job.js";

export async function notifyRun(
  report: RunReport,
  job: ScheduledJob,
  settings: RunSettings,
  log: Logger,
  signal: AbortSignal | undefined,
): Promise<NotifyOutcome[]> {
  const first = job.fleet?.[0];
  const target = first ? settings.orgTargets?.get(first.name) : settings.target;
  if (!target) {
    log.warn("notifications not sent: no Datadog org to send them with");
    return [];
  }
  return sendNotifications(report, job.notify, {
    target,
    log,
    signal: signal ?? new AbortController().signal,
    targets: settings.notifyTargets,
  });
}
