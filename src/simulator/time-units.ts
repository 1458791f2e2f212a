/** Time arithmetic shared by the org generators and the endpoints (UTC, epoch ms). */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

/** Signals and audit events older than this do not exist (Datadog keeps 15 months). */
export const RETENTION_DAYS = 450;

export function hourIndex(epochMs: number): number {
  return Math.floor(epochMs / HOUR_MS);
}

export function dayIndex(epochMs: number): number {
  return Math.floor(epochMs / DAY_MS);
}
