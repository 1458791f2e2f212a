/**
 * One readable line for any error, for logs, snapshots, doctor and
 * notifications: why a collector could not ask, why a scheduled run failed.
 * The Datadog client's exceptions (recognised by their shape, so this file
 * imports no client) carry the HTTP status and the body; bodies can be long,
 * so only Datadog's `errors` list (or the first 200 characters) is kept.
 * Any other error gives its first line.
 *
 * Secrets are redacted before anything is cut: a server (or a proxy) that
 * echoes the request's keys in its error body must not leave half a key at
 * the cut, where no redactor could recognise it.
 */
import { redactSecrets } from "./secrets.js";

interface ApiExceptionLike {
  code: number;
  body: unknown;
}

/** How the client wraps a body it has no model for: `Unknown API Status Code!\nBody: "<text>"`. */
const UNKNOWN_STATUS_BODY = /^Unknown API Status Code!\nBody: "([\s\S]*)"$/;
const MAX_SUMMARY = 200;

function isApiException(error: unknown): error is ApiExceptionLike {
  return (
    typeof error === "object" &&
    error !== null &&
    typeof (error as ApiExceptionLike).code === "number" &&
    "body" in error
  );
}

/** The body as the server sent it: unwrapped from the client's "unknown status" text, parsed when it is JSON. */
function serverBody(body: unknown): unknown {
  if (typeof body !== "string") return body;
  const wrapped = UNKNOWN_STATUS_BODY.exec(body);
  if (!wrapped) return body;
  try {
    return JSON.parse(wrapped[1]!) as unknown;
  } catch {
    return wrapped[1]!;
  }
}

function bodySummary(raw: unknown): string {
  const body = serverBody(raw);
  const errors = body && typeof body === "object" ? (body as { errors?: unknown }).errors : undefined;
  const text = Array.isArray(errors)
    ? errors.map(String).join("; ")
    : typeof body === "string"
      ? body
      : JSON.stringify(body ?? "");
  const oneLine = redactSecrets(text).replace(/\s+/g, " ").trim();
  return oneLine.length > MAX_SUMMARY ? `${oneLine.slice(0, MAX_SUMMARY)}…` : oneLine;
}

export function describeError(error: unknown): string {
  let message: string;
  if (isApiException(error)) {
    const summary = bodySummary(error.body);
    message = `Datadog answered HTTP ${error.code}${summary ? `: ${summary}` : ""}`;
  } else if (error instanceof Error) {
    message = error.message.split("\n")[0] ?? error.name;
  } else {
    message = String(error);
  }
  return redactSecrets(message);
}
