/**
 * Where the keys may go, checked before any request: an http:// API URL to
 * another machine is refused unless --insecure-http (or insecure_http: true)
 * says so; DD_SITE and the config's site must be sites the official client
 * knows; the response limit flag takes a number of MiB. Every refusal is
 * exit 2 with a reason, no key in it, and no request sent.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATADOG_SITES, nearestSite } from "../../src/config/sites.js";
import { readDatadogTarget } from "../../src/datadog/credentials.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";

const context = useSimulator();
const KEYS = { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-target-options-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectNoKey(text: string): void {
  expect(text).not.toContain(TEST_API_KEY);
  expect(text).not.toContain(TEST_APP_KEY);
}

describe("plain http", () => {
  it.each([
    "http://127.0.0.1:8080",
    "http://127.9.8.7",
    "http://localhost:1234/",
    "http://[::1]:9000",
    "https://datadog.example.com",
  ])("%s is accepted", (apiUrl) => {
    expect(readDatadogTarget(KEYS, { apiUrl }).apiUrl).toBe(apiUrl.replace(/\/$/, ""));
  });

  it.each([
    "http://datadog-proxy.internal",
    "http://10.0.0.5:8080",
    "http://128.0.0.1",
    "http://localhost.evil.example",
    "http://[::2]",
  ])("%s is refused without --insecure-http", (apiUrl) => {
    expect(() => readDatadogTarget(KEYS, { apiUrl })).toThrow(
      /plain http would send the Datadog keys in clear text to .*; use https, or pass --insecure-http \(config: insecure_http: true\)/,
    );
    expect(readDatadogTarget(KEYS, { apiUrl, insecureHttp: true }).apiUrl).toBe(apiUrl);
  });

  it.each(["collect", "pack", "run-job"])(
    "%s: exit 2 before any request, naming the reason, without a key",
    async (command) => {
      const before = context.sim.requests.length;
      const args = {
        collect: ["collect", "--period", "last-24h", "--out", join(dir, "x", "snapshot.json")],
        pack: ["pack", "--kind", "gap", "--period", "last-24h", "--out", join(dir, "p")],
        "run-job": ["run-job", "nightly", "--config", join(dir, "jobs.yaml")],
      }[command]!;
      await writeFile(
        join(dir, "jobs.yaml"),
        `output_root: ${join(dir, "runs")}\njobs:\n  - { name: nightly, cron: "0 2 * * *", kind: gap, period: last-24h }\n`,
      );
      const run = await cli([...args, "--api-url", "http://datadog-proxy.internal:8080"], KEYS);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(
        'API URL "http://datadog-proxy.internal:8080": plain http would send the Datadog keys in clear text to datadog-proxy.internal; use https, or pass --insecure-http (config: insecure_http: true) if this network is trusted',
      );
      expectNoKey(run.stdout + run.stderr);
      expect(context.sim.requests.length).toBe(before);
    },
  );

  it("--insecure-http and insecure_http: true let it through to the request (which then fails to connect: exit 3)", async () => {
    // Port 9 (discard) on a TEST-NET address: nothing answers, the point is that the URL was accepted.
    const flags = [
      "collect",
      "--period",
      "last-24h",
      "--only",
      "rules",
      "--retries",
      "0",
      "--timeout",
      "1",
      "--api-url",
      "http://192.0.2.1:9",
    ];
    const byFlag = await cli([...flags, "--out", join(dir, "a", "snapshot.json"), "--insecure-http"], KEYS);
    expect(byFlag.code, byFlag.stderr).toBe(3);
    await writeFile(join(dir, "insecure.yaml"), "insecure_http: true\n");
    const byConfig = await cli(
      [...flags, "--out", join(dir, "b", "snapshot.json"), "--config", join(dir, "insecure.yaml")],
      KEYS,
    );
    expect(byConfig.code, byConfig.stderr).toBe(3);
  });
});

describe("sites", () => {
  it("every site the client knows is accepted", () => {
    for (const site of DATADOG_SITES) expect(readDatadogTarget({ ...KEYS, DD_SITE: site }).site).toBe(site);
  });

  it.each([
    ["datadoghq.cm", "datadoghq.com"],
    ["datadog.eu", "datadoghq.eu"],
    ["us3.datadoghq.co", "us3.datadoghq.com"],
    ["ap2.datadohq.com", "ap2.datadoghq.com"],
    ["ddog-gov.us", "ddog-gov.com"],
  ])("DD_SITE=%s is refused, suggesting %s", async (typo, nearest) => {
    expect(nearestSite(typo)).toBe(nearest);
    const run = await cli(["collect", "--period", "last-24h", "--out", join(dir, "s", "snapshot.json")], {
      ...KEYS,
      DD_SITE: typo,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `DD_SITE "${typo}" is not a Datadog site; did you mean ${nearest}? Known sites: ${DATADOG_SITES.join(", ")}`,
    );
    expectNoKey(run.stderr);
  });

  it("site: in the config is checked when the config is read, naming the file", async () => {
    const config = join(dir, "site.yaml");
    await writeFile(config, "site: datadoghq.con\n");
    const run = await cli(
      ["collect", "--period", "last-24h", "--out", join(dir, "c", "snapshot.json"), "--config", config],
      KEYS,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${config}: site: "datadoghq.con" is not a Datadog site; did you mean datadoghq.com?`);
  });
});

describe("--max-response-mib", () => {
  it.each(["0", "-1", "lots", "", "2048"])("%j is refused", async (value) => {
    const run = await cli(
      [
        "collect",
        "--period",
        "last-24h",
        "--out",
        join(dir, "m", "snapshot.json"),
        "--api-url",
        context.sim.url,
        "--max-response-mib",
        value,
      ],
      KEYS,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--max-response-mib "${value}": expected a number of MiB above 0 and at most 1024`);
  });
});
