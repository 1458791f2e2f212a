/**
 * What `ddproof doctor` finds, as data: the shape `--json` prints (and the
 * table is drawn from). A check is `ok`, `warn` (worth knowing, never a
 * failure), `fail` or `skipped` (could not be made because an earlier check
 * failed); the report is `ok` when no check failed.
 */
import { z } from "zod";
import { COLLECTOR_IDS } from "../snapshot/schema.js";
import { PermissionSource } from "./permissions.js";

export const DOCTOR_REPORT_VERSION = 1;

export const CheckStatus = z.enum(["ok", "warn", "fail", "skipped"]);
export type CheckStatus = z.infer<typeof CheckStatus>;

const Check = z.object({
  status: CheckStatus,
  /** One sentence a person can read, with the measured figure. */
  detail: z.string(),
});
export type Check = z.infer<typeof Check>;

const Milliseconds = z.number().int().nonnegative();

export const EndpointCheck = Check.extend({
  collector: z.enum(COLLECTOR_IDS),
  operation_id: z.string(),
  method: z.string(),
  path: z.string(),
  /** The last HTTP status received; null when no answer came. */
  http_status: z.number().int().nullable(),
  /** From sending the request to the whole (small) answer, retries included. */
  duration_ms: Milliseconds.nullable(),
  /** What the application key needs for this endpoint (contracts/datadog/permissions.json). */
  permissions: z.array(z.string()),
  permission_source: PermissionSource,
}).strict();
export type EndpointCheck = z.infer<typeof EndpointCheck>;

export const DoctorReport = z
  .object({
    doctor_report_version: z.literal(DOCTOR_REPORT_VERSION),
    tool: z.object({ name: z.literal("ddproof"), version: z.string() }).strict(),
    /** Where the requests went; never any key. */
    target: z.object({ site: z.string(), base_url: z.string() }).strict(),
    checked_at: z.string().datetime(),
    ok: z.boolean(),
    site: Check.extend({
      /** Time to the first byte of the API key check's answer (a few bytes, so also its last). */
      ttfb_ms: Milliseconds.nullable(),
    }).strict(),
    api_key: Check.strict(),
    app_key: Check.strict(),
    clock: Check.extend({
      /** Local clock minus Datadog's (from the Date header, to within a second); positive: local is ahead. */
      skew_seconds: z.number().int().nullable(),
    }).strict(),
    endpoints: z.array(EndpointCheck),
  })
  .strict();
export type DoctorReport = z.infer<typeof DoctorReport>;

/** Every check of a report with the name the table gives it. */
export function allChecks(report: DoctorReport): Array<{ name: string; check: Check }> {
  return [
    { name: "site", check: report.site },
    { name: "API key", check: report.api_key },
    { name: "application key", check: report.app_key },
    { name: "clock", check: report.clock },
    ...report.endpoints.map((endpoint) => ({
      name: `${endpoint.collector} ${endpoint.operation_id}`,
      check: endpoint,
    })),
  ];
}
