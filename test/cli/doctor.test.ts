/**
 * `ddproof doctor` in-process against the simulator on 127.0.0.1: all
 * green, one endpoint forbidden, keys refused, the site down, bad input.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DoctorReport } from "../../src/doctor/report.js";
import { COLLECTOR_IDS } from "../../src/snapshot/schema.js";
import { closedPort } from "../helpers/closed-port.js";
import { cli } from "../helpers/run-cli.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";
import { COLLECT_ENDPOINTS } from "../reliability/fixtures/endpoints.js";

const context = useSimulator();
afterEach(() => context.sim.setFaults(""));
let dir: string;
let badConfig: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-doctor-"));
  badConfig = join(dir, "ddproof.yaml");
  await writeFile(badConfig, "site: datadoghq.eu\nsites: [datadoghq.com]\n");
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  return { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: context.sim.url };
}

function expectNoKeys(run: { stdout: string; stderr: string }): void {
  for (const key of [TEST_API_KEY, TEST_APP_KEY]) {
    // Any 10-character piece of a key counts as a leak, not just the whole key.
    for (let i = 0; i + 10 <= key.length; i += 5) expect(run.stdout + run.stderr).not.toContain(key.slice(i, i + 10));
  }
}

async function json(args: string[] = []): Promise<{ code: number; report: DoctorReport; stderr: string }> {
  const run = await cli(["doctor", "--json", ...args], env());
  expectNoKeys(run);
  return { code: run.code, report: DoctorReport.parse(JSON.parse(run.stdout)), stderr: run.stderr };
}

describe("ddproof doctor", () => {
  it("exit 0 with a table when every check passes; keys never printed; nothing but small requests sent", async () => {
    const before = context.sim.requests.length;
    const run = await cli(["doctor"], env());
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expectNoKeys(run);
    expect(run.stdout).toContain(`ddproof doctor: ${context.sim.url} (site datadoghq.com)`);
    expect(run.stdout).toMatch(/^API key\s+ok\s+valid \(GET \/api\/v1\/validate\)$/m);
    expect(run.stdout).toMatch(/^application key\s+ok\s+accepted by 13 of 13 endpoints$/m);
    expect(run.stdout).toMatch(
      /^signals\s+POST \/api\/v2\/security_monitoring\/signals\/search\s+ok\s+HTTP 200 in \d+ ms$/m,
    );
    expect(run.stdout).toContain("13 of 13 endpoints usable.\nEvery check passed.");

    const sent = context.sim.requests.slice(before);
    expect(sent.map((request) => request.endpoint).sort()).toEqual([
      "agent_rules",
      "audit",
      "csm_agents",
      "dashboards",
      "hosts",
      "log_archives",
      "log_indexes",
      "logs_aggregate",
      "notification_rules",
      "rules",
      "signals",
      "suppressions",
      "validate",
    ]);
    const query = (id: string) =>
      new URL(sent.find((request) => request.endpoint === id)!.path, "http://x").searchParams;
    expect(query("rules").get("page[size]")).toBe("1");
    expect(query("suppressions").get("page[size]")).toBe("1");
    expect(query("hosts").get("count")).toBe("1");
    expect(query("csm_agents").get("size")).toBe("1");
    expect(query("dashboards").get("count")).toBe("1");
  });

  it("--json: a report of the documented shape, one row per probe of every collector", async () => {
    const { code, report } = await json();
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.target).toEqual({ site: "datadoghq.com", base_url: context.sim.url });
    expect(new Set(report.endpoints.map((endpoint) => endpoint.collector))).toEqual(new Set(COLLECTOR_IDS));
    expect(report.endpoints.every((endpoint) => endpoint.status === "ok" && endpoint.http_status === 200)).toBe(true);
    expect(report.site.ttfb_ms).toBeGreaterThanOrEqual(0);
    // The simulator's Date header comes from this machine's clock.
    expect(Math.abs(report.clock.skew_seconds!)).toBeLessThanOrEqual(1);
  });

  it("exit 3 naming the permission when one endpoint answers 403; the others still pass", async () => {
    context.sim.setFaults("signals:status=403");
    const run = await cli(["doctor"], env());
    expect(run.code).toBe(3);
    expectNoKeys(run);
    expect(run.stdout).toMatch(
      /^signals\s+POST \/api\/v2\/security_monitoring\/signals\/search\s+FAIL\s+HTTP 403 forbidden: the application key needs security_monitoring_signals_read$/m,
    );
    expect(run.stdout).toContain(
      "12 of 13 endpoints usable.\n1 check(s) failed: signals SearchSecurityMonitoringSignals.",
    );

    const { code, report } = await json();
    expect(code).toBe(3);
    expect(report.ok).toBe(false);
    const failed = report.endpoints.filter((endpoint) => endpoint.status !== "ok");
    expect(failed).toMatchObject([
      {
        collector: "signals",
        http_status: 403,
        permissions: ["security_monitoring_signals_read"],
        permission_source: "AuthZ",
      },
    ]);
    expect(report.app_key.status).toBe("ok");
  });

  it("an endpoint whose permission Datadog does not publish says so, never a guess", async () => {
    context.sim.setFaults("csm_agents:status=403");
    const { code, report } = await json();
    expect(code).toBe(3);
    expect(report.endpoints.find((endpoint) => endpoint.operation_id === "ListAllCSMAgents")).toMatchObject({
      status: "fail",
      permissions: [],
      permission_source: "not published",
      detail:
        "HTTP 403 forbidden: the application key lacks a permission Datadog's OpenAPI spec does not publish for this endpoint",
    });
  });

  it("exit 3 with the application key failed when every endpoint says 403", async () => {
    context.sim.setFaults(COLLECT_ENDPOINTS.map((id) => `${id}:status=403`).join(","));
    const { code, report } = await json();
    expect(code).toBe(3);
    expect(report.api_key.status).toBe("ok");
    expect(report.app_key).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^refused by every endpoint \(HTTP 403\)/),
    });
  });

  it("exit 3 when the API key is refused; the endpoints are not asked", async () => {
    context.sim.setFaults("validate:status=403");
    const before = context.sim.requests.length;
    const { code, report } = await json();
    expect(code).toBe(3);
    expect(report.api_key).toMatchObject({
      status: "fail",
      detail: expect.stringMatching(/^refused: Datadog says the API key \(DD_API_KEY\) is not valid/),
    });
    expect(
      report.endpoints.every(
        (endpoint) => endpoint.status === "skipped" && endpoint.detail === "not checked: the API key was refused",
      ),
    ).toBe(true);
    expect(context.sim.requests.slice(before).map((request) => request.endpoint)).toEqual(["validate"]);
  });

  it("exit 3 when the site does not answer, within the doctor's retry bound", async () => {
    const port = await closedPort();
    const started = Date.now();
    const run = await cli(["doctor", "--json", "--api-url", `http://127.0.0.1:${port}`], {
      DD_API_KEY: TEST_API_KEY,
      DD_APP_KEY: TEST_APP_KEY,
    });
    expect(run.code).toBe(3);
    expect(Date.now() - started).toBeLessThan(10_000);
    const report = DoctorReport.parse(JSON.parse(run.stdout));
    expect(report.site).toMatchObject({
      status: "fail",
      ttfb_ms: null,
      detail: expect.stringMatching(/^unreachable: GET \/api\/v1\/validate: a network error/),
    });
    expect(report.clock.status).toBe("skipped");
    expect(report.endpoints.every((endpoint) => endpoint.status === "skipped")).toBe(true);
  });

  it.each([
    [
      "a config file that does not exist",
      () => ["--config", "no-such-ddproof.yaml"],
      env,
      /no-such-ddproof\.yaml: cannot read the config file \(ENOENT\)/,
    ],
    [
      "a config file with an unknown key",
      () => ["--config", badConfig],
      env,
      /ddproof\.yaml: \(top level\): Unrecognized key: "sites"/,
    ],
    [
      "a bad API URL",
      () => ["--api-url", "ftp://example.test"],
      env,
      /API URL "ftp:\/\/example\.test": expected an http or https URL/,
    ],
    ["missing keys", () => [], () => ({ DD_APP_KEY: TEST_APP_KEY }), /missing DD_API_KEY in the environment/],
    ["an unknown option", () => ["--jsn"], env, /unknown option '--jsn'/],
  ])("exit 2 for %s, keys never printed", async (_name, args, environment, message) => {
    const before = context.sim.requests.length;
    const run = await cli(["doctor", ...args()], environment());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expectNoKeys(run);
    expect(context.sim.requests.length).toBe(before);
  });
});
