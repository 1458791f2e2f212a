/** describeError: one line for any error, Datadog's own errors first, keys never shown. */
import { client } from "@datadog/datadog-api-client";
import { describe, expect, it } from "vitest";
import { describeError } from "../../src/describe-error.js";
import { InputError } from "../../src/errors.js";
import { registerSecret } from "../../src/secrets.js";

/** How the client wraps a body it has no model for (the text as it came, in quotes). */
const unknownStatus = (body: string) => `Unknown API Status Code!\nBody: "${body}"`;

describe("describeError", () => {
  it("gives the HTTP status and Datadog's errors list of a client exception, on one line", () => {
    const error = new client.ApiException(
      403,
      unknownStatus(JSON.stringify({ errors: ["Forbidden", "no\npermission"] })),
    );
    expect(describeError(error)).toBe("Datadog answered HTTP 403: Forbidden; no permission");
  });

  it("keeps a plain-text body, cut at 200 characters", () => {
    const error = new client.ApiException(502, unknownStatus(`bad gateway ${"x".repeat(300)}`));
    const line = describeError(error);
    expect(line).toBe(`Datadog answered HTTP 502: ${`bad gateway ${"x".repeat(300)}`.slice(0, 200)}…`);
  });

  it("says only the status when the body is empty", () => {
    expect(describeError(new client.ApiException(500, unknownStatus("")))).toBe("Datadog answered HTTP 500");
  });

  it("gives the first line of any other error, and the text of a non-error", () => {
    expect(describeError(new InputError("job.yaml: jobs[0].cron: expected a cron\nmore detail"))).toBe(
      "job.yaml: jobs[0].cron: expected a cron",
    );
    expect(describeError(Object.assign(new Error("ENOSPC: no space left"), { code: "ENOSPC" }))).toBe(
      "ENOSPC: no space left",
    );
    expect(describeError("plain text")).toBe("plain text");
  });

  it("redacts a registered key before cutting, so no piece of it is left at the cut", () => {
    const key = `${"k".repeat(8)}0123456789abcdef0123456789abcdef`;
    registerSecret(key);
    const body = `${"y".repeat(195)} ${key} trailing`;
    const line = describeError(new client.ApiException(401, unknownStatus(body)));
    // The key starts before the cut and ends after it; redacted first, no piece of it survives.
    expect(line).not.toMatch(/k{4}|0123/);
    expect(line).toMatch(/ \[red…$/);
    expect(describeError(new Error(`request with ${key} failed`))).toBe("request with [redacted] failed");
  });
});
