/**
 * The built `ddproof doctor` in its own process, every debug switch on,
 * against servers that echo the keys back in their error bodies: no key,
 * nor any 10-character piece of one, reaches stdout or stderr.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DoctorReport } from "../../src/doctor/report.js";
import { type ProcessRun, runCliProcess } from "../reliability/fixtures/cli-process.js";
import { type EchoServer, type EchoStyle, startEchoServer } from "../reliability/fixtures/echo-server.js";
import { leaksIn } from "../reliability/fixtures/secret-scan.js";

const API_KEY = "d0c70ra91c0ffee5ca1ab1e0ddba11f00";
const APP_KEY = "d0c70rb7e57ab1e0dd5ecre7c0ffee0ddba11f";
let dir: string;
const servers: EchoServer[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-doctor-process-"));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});

async function doctorAgainst(status: number, style: EchoStyle, args: string[] = []): Promise<ProcessRun> {
  const server = await startEchoServer(status, style);
  servers.push(server);
  const run = await runCliProcess(["doctor", "--api-url", server.url, ...args], {
    cwd: dir,
    env: { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, DEBUG: "*", NODE_DEBUG: "http,https,net,tls,fetch,undici" },
    timeoutMs: 60_000,
  });
  expect(server.requests).toBeGreaterThanOrEqual(1);
  return run;
}

describe("ddproof doctor keeps the keys to itself", () => {
  it("a server answering 403 with the keys in a JSON body: exit 3, no key printed", async () => {
    const run = await doctorAgainst(403, "json");
    expect(run.code, run.stderr).toBe(3);
    expect(run.stdout).toMatch(/^API key\s+FAIL\s+refused/m);
    expect([
      ...leaksIn(run.stdout, [API_KEY, APP_KEY], "stdout"),
      ...leaksIn(run.stderr, [API_KEY, APP_KEY], "stderr"),
    ]).toEqual([]);
  });

  it("a server answering 500 with the keys in a text body, as JSON: exit 3, the summary redacted", async () => {
    const run = await doctorAgainst(500, "text", ["--json"]);
    expect(run.code, run.stderr).toBe(3);
    const report = DoctorReport.parse(JSON.parse(run.stdout));
    expect(report.api_key.detail).toMatch(/^could not be checked: Datadog answered HTTP 500: .*\[red/);
    expect([
      ...leaksIn(run.stdout, [API_KEY, APP_KEY], "stdout"),
      ...leaksIn(run.stderr, [API_KEY, APP_KEY], "stderr"),
    ]).toEqual([]);
  });
});
