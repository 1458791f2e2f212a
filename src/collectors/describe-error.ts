/**
 * One readable line for why a collector could not ask. The client's
 * exceptions carry the HTTP status and the body; bodies can be long, so only
 * Datadog's `errors` list (or the first 200 characters) is kept.
 */
import { redactSecrets } from "../secrets.js";

interface ApiExceptionLike {
  code: number;
  body: unknown;
}

function isApiException(error: unknown): error is ApiExceptionLike {
  return typeof error === "object" && error !== null && typeof (error as ApiExceptionLike).code === "number" && "body" in error;
}

function bodySummary(body: unknown): string {
  if (body && typeof body === "object" && Array.isArray((body as { errors?: unknown }).errors)) {
    return (body as { errors: unknown[] }).errors.map(String).join("; ");
  }
  const text = typeof body === "string" ? body : JSON.stringify(body ?? "");
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

export function describeCollectorError(error: unknown): string {
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
