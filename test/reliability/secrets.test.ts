/**
 * Distinctive API and application keys, and a Slack webhook given as
 * `env:NAME`, through the built CLI in its own process with every debug
 * switch on (DEBUG=*, NODE_DEBUG for http, net, tls, fetch and undici):
 * collect, report, pack and run-job, successful and failing, including a
 * server that echoes the request's headers in its error bodies. No piece of
 * a secret may appear in stdout, stderr, log lines, snapshots, population
 * files, pack files (PDF bytes and PDF text), manifests or run indexes.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import type { LogRecord } from "../../src/schedule/log.js";
import { useSimulator } from "../helpers/simulator.js";
import { type ProcessRun, runCliProcess } from "./fixtures/cli-process.js";
import { type EchoServer, startEchoServer } from "./fixtures/echo-server.js";
import { DAY_BEFORE_NOW as DAY, NOW } from "./fixtures/fast-collect.js";
import { leaksIn, leaksUnder } from "./fixtures/secret-scan.js";

const API_KEY = "a91c0ffee5ca1ab1e0ddba11f00dface";
const APP_KEY = "b7e57ab1e0dd5ecre7c0ffee0ddba11f00d5a1ad";
const SLACK_TOKEN = "Sl4ckW3bh00kT0k3nN0tF0rLogs";
const SECRETS = [API_KEY, APP_KEY, SLACK_TOKEN];

const context = useSimulator({ now: NOW });
let dir: string;
const echoes: EchoServer[] = [];

const DEBUG_ENV = { DEBUG: "*", NODE_DEBUG: "http,https,net,tls,fetch,undici" };

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { DD_API_KEY: API_KEY, DD_APP_KEY: APP_KEY, ...DEBUG_ENV, ...extra };
}

async function echo(status: number, style: "json" | "text"): Promise<EchoServer> {
  const server = await startEchoServer(status, style);
  echoes.push(server);
  return server;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-secrets-"));
  // One framework keeps the packs quick; what is checked is every byte written.
  await writeFile(join(dir, "ddproof.yaml"), "frameworks: [pci-dss-4.0.1]\n");
});
afterAll(async () => {
  await Promise.all(echoes.map((server) => server.close()));
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => context.sim.setFaults(""));

function run(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  return runCliProcess(args, { cwd: dir, env: env(extraEnv) });
}

/** No secret in the run's output, nor in any file under `folders`. */
async function expectNoLeaks(result: ProcessRun, folders: string[] = []): Promise<void> {
  const found = [...leaksIn(result.stdout, SECRETS, "stdout"), ...leaksIn(result.stderr, SECRETS, "stderr")];
  for (const folder of folders) found.push(...(await leaksUnder(folder, SECRETS)));
  expect(found).toEqual([]);
}

describe("collect", () => {
  it("against the simulator, with every debug switch on", async () => {
    const result = await run([
      "collect",
      ...DAY,
      "--out",
      join(dir, "ok", "snapshot.json"),
      "--api-url",
      context.sim.url,
    ]);
    expect(result.code, result.stderr).toBe(0);
    // The debug switches really did write request traces to stderr.
    expect(result.stderr).toMatch(/FETCH \d+: sending request/);
    expect(await readFile(join(dir, "ok", "signals.jsonl"), "utf8")).not.toBe("");
    await expectNoLeaks(result, [join(dir, "ok")]);
  });

  it("against a server that echoes the keys in Datadog-style JSON error bodies", async () => {
    const server = await echo(403, "json");
    const result = await run([
      "collect",
      ...DAY,
      "--out",
      join(dir, "refused-json", "snapshot.json"),
      "--api-url",
      server.url,
    ]);
    expect(result.code, result.stderr).toBe(3);
    expect(server.requests).toBeGreaterThanOrEqual(11);
    expect(result.stdout).toMatch(
      /rules\s+error\s+ERROR: Datadog answered HTTP 403: GET \/api\/v2\/security_monitoring\/rules\S* rejected dd-api-key=\[redacted\] dd-application-key=\[redacted\]; you also sent/,
    );
    await expectNoLeaks(result, [join(dir, "refused-json")]);
  });

  it("against a server whose plain-text error bodies put a key where a summary is cut", async () => {
    const server = await echo(500, "text");
    const result = await run([
      "collect",
      ...DAY,
      "--out",
      join(dir, "refused-text", "snapshot.json"),
      "--api-url",
      server.url,
      "--retries",
      "0",
    ]);
    expect(result.code, result.stderr).toBe(3);
    expect(result.stdout).toMatch(
      /signals\s+error\s+ERROR: Datadog answered HTTP 500: dd-application-key=\[redacted\] -+dd-api-key=\[red/,
    );
    await expectNoLeaks(result, [join(dir, "refused-text")]);
  });
});

describe("report and pack", () => {
  it("an evidence pack from a snapshot whose collectors failed on echoing servers: no key in any file, PDFs included", async () => {
    const out = join(dir, "evidence-from-refused");
    const result = await run([
      "report",
      "--snapshot",
      join(dir, "refused-text", "snapshot.json"),
      "--kind",
      "evidence",
      "--out",
      out,
    ]);
    expect(result.code, result.stderr).toBe(3);
    await expectNoLeaks(result, [out]);
  });

  it("pack: collects from an echoing server and writes a gap pack", async () => {
    const server = await echo(403, "json");
    const out = join(dir, "gap-pack");
    const result = await run([
      "pack",
      "--kind",
      "gap",
      ...DAY,
      "--out",
      out,
      "--api-url",
      server.url,
      "--retries",
      "0",
    ]);
    expect(result.code, result.stderr).toBe(3);
    await expectNoLeaks(result, [out]);
  });
});

describe("run-job", () => {
  it("JSON log lines, the job's packs and its index hold no key, and no Slack webhook given as env:NAME", async () => {
    const slack = await echo(500, "text");
    const root = join(dir, "jobs");
    await mkdir(root);
    const config = join(root, "ddproof.yaml");
    await writeFile(
      config,
      stringify({
        frameworks: ["pci-dss-4.0.1"],
        output_root: join(root, "out"),
        jobs: [
          {
            name: "nightly",
            cron: "0 2 * * *",
            kind: "gap",
            period: "last-24h",
            notify: { slack_webhook: "env:SLACK_HOOK" },
          },
        ],
      }),
    );
    const hook = `${slack.url}/services/T000/B000/${SLACK_TOKEN}`;
    // Every debug switch on, fetch's included: undici traces the webhook's URL, and the CLI's stderr redacts it.
    const result = await runCliProcess(
      ["run-job", "nightly", "--config", config, "--api-url", context.sim.url, "--log-format", "json"],
      {
        cwd: root,
        env: env({ SLACK_HOOK: hook, ...DEBUG_ENV }),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const records = result.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as LogRecord);
    expect(records.map((record) => record.msg)).toEqual(
      expect.arrayContaining(["run started", "collected", "run finished"]),
    );
    // The webhook was called (and failed), so the URL was in use, and was still never logged.
    expect(slack.requests).toBe(1);
    expect(records.find((record) => record.target === "slack")).toMatchObject({
      level: "warn",
      error: "the Slack webhook answered HTTP 500",
    });
    expect(result.stdout).not.toContain(slack.url);
    expect(result.stderr).toMatch(/FETCH \d+: sending request to POST \[redacted\]/);
    await expectNoLeaks(result, [join(root, "out")]);
  });
});

describe("error paths", () => {
  it.each([
    [
      "a missing application key",
      ["collect", "--period", "last-24h", "--out", "x/snapshot.json"],
      { DD_APP_KEY: "" },
      2,
      /missing DD_APP_KEY in the environment/,
    ],
    [
      "a bad API URL",
      ["collect", "--period", "last-24h", "--out", "x/snapshot.json", "--api-url", "ftp://example.com"],
      {},
      2,
      /API URL "ftp:\/\/example\.com": expected an http or https URL/,
    ],
    ["a bad period", ["pack", "--kind", "gap", "--period", "2026-Q9", "--out", "x"], {}, 2, /period "2026-Q9"/],
  ])("%s: exits with a message and no key", async (_name, args, extraEnv, code, message) => {
    const result = await run(args, extraEnv);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    await expectNoLeaks(result);
  });

  it("an output folder under a regular file: exit 2 before any request, naming the path, without a key", async () => {
    await writeFile(join(dir, "a-file"), "not a folder\n");
    const requests = context.sim.requests.length;
    const out = join(dir, "a-file", "snapshot.json");
    const result = await run(["collect", ...DAY, "--out", out, "--api-url", context.sim.url]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `ddproof: ${out}: cannot write the snapshot there: ${join(dir, "a-file")} is not a folder\n`,
    );
    expect(context.sim.requests.length).toBe(requests);
    await expectNoLeaks(result);
  });
});
