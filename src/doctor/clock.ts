/**
 * Clock skew from an HTTP `Date` header. The header has whole seconds, so the
 * server's time lies in [Date, Date + 1 s); compared with the middle of the
 * local request window, the figure is good to about a second.
 */
import type { Check } from "./report.js";

/** Beyond this, report windows and triage ages measured on this machine drift visibly from Datadog's. */
export const CLOCK_SKEW_WARN_SECONDS = 30;

export function clockSkewSeconds(
  dateHeader: string | undefined,
  sentAtEpochMs: number,
  answeredAtEpochMs: number,
): number | null {
  if (!dateHeader) return null;
  const server = Date.parse(dateHeader);
  if (Number.isNaN(server)) return null;
  const local = (sentAtEpochMs + answeredAtEpochMs) / 2;
  return Math.round((local - (server + 500)) / 1000);
}

export function clockCheck(skew: number | null, header: string | undefined): Check & { skew_seconds: number | null } {
  if (skew === null) {
    const why = header ? `an unreadable Date header (${JSON.stringify(header.slice(0, 40))})` : "no Date header";
    return { status: "warn", detail: `not measured: Datadog's answer carried ${why}`, skew_seconds: null };
  }
  const size = Math.abs(skew);
  const direction = skew > 0 ? "ahead of" : "behind";
  const detail =
    size === 0 ? "agrees with Datadog's clock to within a second" : `${size} s ${direction} Datadog's clock`;
  if (size > CLOCK_SKEW_WARN_SECONDS) {
    return {
      status: "warn",
      detail: `${detail}: more than ${CLOCK_SKEW_WARN_SECONDS} s; set the clock (NTP) so periods and triage ages are measured right`,
      skew_seconds: skew,
    };
  }
  return { status: "ok", detail, skew_seconds: skew };
}
