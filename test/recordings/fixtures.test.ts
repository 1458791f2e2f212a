/**
 * The recorded fixtures themselves: each says where it comes from and under
 * which licence, carries no credential, and the set stays small.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RECORDINGS_DIR, type Recording } from "../helpers/recordings.js";

const endpoints = readdirSync(RECORDINGS_DIR).filter((name) => statSync(join(RECORDINGS_DIR, name)).isDirectory());
const files = endpoints.flatMap((endpoint) =>
  readdirSync(join(RECORDINGS_DIR, endpoint)).map((name) => join(endpoint, name)),
);
const readme = readFileSync(join(RECORDINGS_DIR, "README.md"), "utf8");
const LICENCES: Record<string, string> = {
  "Apache-2.0": "DataDog/datadog-api-client-typescript",
  "MPL-2.0": "DataDog/terraform-provider-datadog",
};

describe("the recorded fixtures", () => {
  it("cover every endpoint ddproof reads", () => {
    expect(endpoints.sort()).toEqual([
      "agent-rules",
      "audit-search",
      "csm-agents",
      "dashboards",
      "hosts",
      "log-archives",
      "log-indexes",
      "logs-aggregate",
      "notification-rules",
      "rules",
      "signals-search",
      "suppressions",
    ]);
  });

  it.each(files)(
    "%s names its repository, commit, cassette, recording date and licence, and is listed in the README",
    (file) => {
      const recording = JSON.parse(readFileSync(join(RECORDINGS_DIR, file), "utf8")) as Recording;
      const { provenance } = recording;
      expect(LICENCES[provenance.licence]).toBe(provenance.repository);
      expect(provenance.commit).toMatch(/^[0-9a-f]{40}$/);
      expect(provenance.paths.length).toBeGreaterThan(0);
      expect(Number.isFinite(Date.parse(provenance.recorded_at))).toBe(true);
      expect(statSync(join(RECORDINGS_DIR, provenance.licence_file)).size).toBeGreaterThan(1000);
      expect(recording.exchanges.length).toBeGreaterThan(0);
      expect(readme).toContain(`\`${file}\``);
    },
  );

  it.each(files)("%s keeps no request header and nothing key-shaped", (file) => {
    const text = readFileSync(join(RECORDINGS_DIR, file), "utf8");
    const recording = JSON.parse(text) as Recording;
    for (const exchange of recording.exchanges)
      expect(Object.keys(exchange.request).sort()).toEqual(expect.arrayContaining(["method", "path", "query"]));
    expect(recording.exchanges.every((exchange) => !("headers" in exchange.request))).toBe(true);
    expect(text).not.toMatch(/dd-api-key|dd-application-key|\\?"authorization\\?"\s*:|\bBearer\s+[A-Za-z0-9._-]{20,}/i);
  });

  it("stay a modest size (under 3 MB in all)", () => {
    const total = files.reduce((sum, file) => sum + statSync(join(RECORDINGS_DIR, file)).size, 0);
    expect(total).toBeLessThan(3_000_000);
  });
});
