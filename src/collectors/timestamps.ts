/** Datadog mixes epoch seconds, epoch milliseconds and ISO strings; the snapshot holds ISO only. */

/** Epoch milliseconds (or a Date) to an ISO timestamp, null when absent. */
export function isoFromEpochMs(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return new Date(value).toISOString();
  return null;
}

/** Epoch seconds to an ISO timestamp, null when absent. */
export function isoFromEpochSeconds(value: unknown): string | null {
  return typeof value === "number" ? isoFromEpochMs(value * 1000) : null;
}

/** An ISO string or Date as the client gives it, normalised; null when absent or invalid. */
export function isoFromDateLike(value: unknown): string | null {
  if (value instanceof Date) return isoFromEpochMs(value);
  if (typeof value === "string") {
    const time = Date.parse(value);
    return Number.isNaN(time) ? null : new Date(time).toISOString();
  }
  if (typeof value === "number") return isoFromEpochMs(value);
  return null;
}
