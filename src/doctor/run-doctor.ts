/**
 * `ddproof doctor`'s checks, in order: the API key check first (it also
 * tells whether the site answers, how fast, and what time Datadog thinks it
 * is), then every collector's endpoints at once, then the application key
 * from what those endpoints said. Nothing is written anywhere.
 */
import { displayUrl } from "../datadog/credentials.js";
import type { DatadogSession } from "../datadog/session.js";
import { COLLECTOR_IDS } from "../snapshot/schema.js";
import { TOOL_VERSION } from "../version.js";
import { clockCheck, clockSkewSeconds } from "./clock.js";
import { apiKeyCheck, appKeyCheck, endpointCheck, siteCheck, skippedEndpoint } from "./judge.js";
import type { OperationPermissions, PermissionsFile } from "./permissions.js";
import { PROBES, type Probe, VALIDATE_PROBE } from "./probes.js";
import { DOCTOR_REPORT_VERSION, DoctorReport, type EndpointCheck } from "./report.js";
import { runProbe } from "./run-probe.js";

export interface DoctorOptions {
  session: DatadogSession;
  permissions: PermissionsFile;
  now?: () => Date;
}

function operationOf(permissions: PermissionsFile, probe: Probe): OperationPermissions {
  const operation = permissions.operations.find((row) => row.operation_id === probe.operationId);
  // A probe without a row is a bug the permissions test catches; never guess a permission.
  if (!operation)
    throw new Error(
      `contracts/datadog/permissions.json has no row for ${probe.operationId}; run scripts/permissions-table.mjs`,
    );
  return operation;
}

function baseUrl(session: DatadogSession): string {
  return session.target.apiUrl ? displayUrl(session.target.apiUrl) : `https://api.${session.target.site}`;
}

export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const { session, permissions } = options;
  const now = options.now ?? (() => new Date());
  const checkedAt = now();
  const probes = COLLECTOR_IDS.flatMap((collector) =>
    PROBES[collector].map((probe) => ({ collector, probe, operation: operationOf(permissions, probe) })),
  );

  const validate = await runProbe(session, VALIDATE_PROBE, now);
  const site = siteCheck(validate);
  const apiKey = apiKeyCheck(validate);
  const answer = validate.answer;
  const clock =
    answer === null
      ? { status: "skipped" as const, detail: "not checked: the site did not answer", skew_seconds: null }
      : clockCheck(
          clockSkewSeconds(answer.headers.date, answer.sentAtEpochMs, answer.answeredAtEpochMs),
          answer.headers.date,
        );

  // With no site or a refused API key every endpoint would fail the same way: say why once.
  const keyRefused = answer?.status === 401 || answer?.status === 403;
  const skipWhy = site.status === "fail" ? "the site did not answer" : keyRefused ? "the API key was refused" : null;
  // An operation two collectors call (the notification rules) is asked once; both rows share its answer.
  const answers = new Map<string, ReturnType<typeof runProbe>>();
  const answerOf = (probe: Probe) => {
    if (!answers.has(probe.operationId)) answers.set(probe.operationId, runProbe(session, probe, now));
    return answers.get(probe.operationId)!;
  };
  const endpoints: EndpointCheck[] = await Promise.all(
    probes.map(async ({ collector, probe, operation }) =>
      skipWhy !== null
        ? skippedEndpoint(collector, operation, skipWhy)
        : endpointCheck(collector, operation, await answerOf(probe)),
    ),
  );
  const appKey =
    skipWhy !== null ? { status: "skipped" as const, detail: `not checked: ${skipWhy}` } : appKeyCheck(endpoints);

  const checks = [site, apiKey, appKey, clock, ...endpoints];
  return DoctorReport.parse({
    doctor_report_version: DOCTOR_REPORT_VERSION,
    tool: { name: "ddproof", version: TOOL_VERSION },
    target: { site: session.target.site, base_url: baseUrl(session) },
    checked_at: checkedAt.toISOString(),
    ok: checks.every((check) => check.status !== "fail"),
    site,
    api_key: apiKey,
    app_key: appKey,
    clock,
    endpoints,
  });
}
