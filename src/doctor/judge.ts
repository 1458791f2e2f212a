/**
 * Turns what a probe got back into a check: the site, the API key, and each
 * collector's endpoint. A 403 on an endpoint names the permission the
 * application key lacks, from contracts/datadog/permissions.json.
 */
import { describeError } from "../describe-error.js";
import type { CollectorId } from "../snapshot/schema.js";
import { describePermissions, type OperationPermissions } from "./permissions.js";
import type { Check, EndpointCheck } from "./report.js";
import type { ProbeOutcome } from "./run-probe.js";

const isSuccess = (status: number) => status >= 200 && status < 300;

function retried(outcome: ProbeOutcome): string {
  return outcome.stats.retries > 0
    ? ` after ${outcome.stats.retries} retr${outcome.stats.retries === 1 ? "y" : "ies"}`
    : "";
}

export function siteCheck(outcome: ProbeOutcome): Check & { ttfb_ms: number | null } {
  if (outcome.answer === null) {
    return { status: "fail", detail: `unreachable: ${describeError(outcome.error)}`, ttfb_ms: null };
  }
  return {
    status: "ok",
    detail: `reachable; answered in ${outcome.answer.durationMs} ms${retried(outcome)}`,
    ttfb_ms: outcome.answer.durationMs,
  };
}

export function apiKeyCheck(outcome: ProbeOutcome): Check {
  const status = outcome.answer?.status;
  if (status === undefined) return { status: "skipped", detail: "not checked: the site did not answer" };
  if (isSuccess(status) && outcome.error === null) return { status: "ok", detail: "valid (GET /api/v1/validate)" };
  if (status === 401 || status === 403)
    return {
      status: "fail",
      detail: `refused: Datadog says the API key (DD_API_KEY) is not valid for this site (HTTP ${status})`,
    };
  return { status: "fail", detail: `could not be checked: ${describeError(outcome.error)}` };
}

/** Why a status makes an endpoint unusable, in words. */
function refusal(status: number, operation: OperationPermissions): string {
  if (status === 403) {
    return operation.source === "not published"
      ? `HTTP 403 forbidden: the application key lacks ${describePermissions(operation)} for this endpoint`
      : `HTTP 403 forbidden: the application key needs ${describePermissions(operation)}`;
  }
  if (status === 401) return "HTTP 401: the keys were not accepted";
  if (status === 404) return "HTTP 404: no such endpoint at this URL (check --api-url or the site)";
  if (status === 429) return "HTTP 429: rate limited, still after waiting for the announced reset";
  return "";
}

export function endpointCheck(
  collector: CollectorId,
  operation: OperationPermissions,
  outcome: ProbeOutcome,
): EndpointCheck {
  const status = outcome.answer?.status ?? null;
  const base = {
    collector,
    operation_id: operation.operation_id,
    method: operation.method,
    path: operation.path,
    http_status: status,
    duration_ms: outcome.answer?.durationMs ?? null,
    permissions: operation.permissions,
    permission_source: operation.source,
  };
  if (status !== null && isSuccess(status) && outcome.error === null) {
    return { ...base, status: "ok", detail: `HTTP ${status} in ${base.duration_ms} ms${retried(outcome)}` };
  }
  const detail = (status !== null && refusal(status, operation)) || describeError(outcome.error);
  return { ...base, status: "fail", detail };
}

export function skippedEndpoint(collector: CollectorId, operation: OperationPermissions, why: string): EndpointCheck {
  return {
    collector,
    operation_id: operation.operation_id,
    method: operation.method,
    path: operation.path,
    http_status: null,
    duration_ms: null,
    permissions: operation.permissions,
    permission_source: operation.source,
    status: "skipped",
    detail: `not checked: ${why}`,
  };
}

/**
 * The application key is checked through the endpoints themselves, so the
 * check needs no permission ddproof does not already need: accepted when
 * any endpoint answered, refused when every one said 403.
 */
export function appKeyCheck(endpoints: readonly EndpointCheck[]): Check {
  const asked = endpoints.filter((endpoint) => endpoint.status !== "skipped");
  const accepted = asked.filter((endpoint) => endpoint.status === "ok").length;
  const forbidden = asked.filter((endpoint) => endpoint.http_status === 403).length;
  if (accepted > 0) return { status: "ok", detail: `accepted by ${accepted} of ${endpoints.length} endpoints` };
  if (asked.length > 0 && forbidden === asked.length) {
    return {
      status: "fail",
      detail:
        "refused by every endpoint (HTTP 403): the application key (DD_APP_KEY) is not valid, or holds none of the permissions ddproof needs",
    };
  }
  return { status: "skipped", detail: "not confirmed: no endpoint answered" };
}
