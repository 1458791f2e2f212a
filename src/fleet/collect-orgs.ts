/**
 * Collects several orgs at once, in this process, each into its own folder
 * (`<dir>/<org>/snapshot.json`, its population files beside it).
 *
 * Each org gets its own session, so its own rate-limit budget (Datadog's
 * limits are per org) and its own retries; one org failing, even outright,
 * never stops the others. All orgs share one period and one `now`, so their
 * snapshots cover the same window and carry the same collection time.
 */
import { collectToFile } from "../collectors/collect-to-file.js";
import type { CollectEvent } from "../collectors/run.js";
import type { DatadogTarget } from "../datadog/credentials.js";
import type { RetryPolicy } from "../datadog/resilient-fetch.js";
import { describeError } from "../describe-error.js";
import type { CollectorId, Period, Snapshot } from "../snapshot/schema.js";
import type { OrgName } from "./org-name.js";
import { byOrgName, orgSnapshotFile } from "./orgs.js";

export interface OrgToCollect {
  name: OrgName;
  target: DatadogTarget;
  /** The name its snapshot and reports show. */
  displayName: string;
}

export interface CollectOrgsOptions {
  period: Period;
  /** When the fleet's collection started; every org's snapshot records it. */
  now: Date;
  /** The folder holding one folder per org. */
  dir: string;
  policy?: Partial<RetryPolicy>;
  only?: readonly CollectorId[];
  onEvent?: (org: OrgName, event: CollectEvent) => void;
  signal?: AbortSignal;
}

export interface OrgCollection {
  name: OrgName;
  file: string;
  /** Null when not even an incomplete snapshot could be written; `error` says why. */
  snapshot: Snapshot | null;
  error: string | null;
}

/** One org's collection; never throws (a failure is its outcome). */
export async function collectOrg(org: OrgToCollect, options: CollectOrgsOptions): Promise<OrgCollection> {
  const file = orgSnapshotFile(options.dir, org.name);
  try {
    const snapshot = await collectToFile({
      target: org.target,
      period: options.period,
      out: file,
      orgName: org.displayName,
      // A copy each: the session keeps it, and no org's settings may reach another's.
      policy: { ...options.policy },
      only: options.only,
      now: options.now,
      onEvent: (event) => options.onEvent?.(org.name, event),
      signal: options.signal,
    });
    return { name: org.name, file, snapshot, error: null };
  } catch (error) {
    return { name: org.name, file, snapshot: null, error: describeError(error) };
  }
}

/** Every org at once; the outcomes in name order. */
export async function collectOrgs(
  orgs: readonly OrgToCollect[],
  options: CollectOrgsOptions,
): Promise<OrgCollection[]> {
  const outcomes = await Promise.all(orgs.map((org) => collectOrg(org, options)));
  return outcomes.sort(byOrgName);
}
