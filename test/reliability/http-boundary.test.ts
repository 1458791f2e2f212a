/**
 * The HTTP boundary, through the built CLI in its own process with the
 * launcher's heap cap, against the simulator's limit-testing faults:
 * redirects to another origin never carry a key there; oversized, endless,
 * gzip-bombed and dripping bodies end within the retry bound, fail their
 * collector (exit 3) and leave the process alive under 400 MB of RSS; a
 * valid page just under the limit is collected.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../../src/datadog/bounded-body.js";
import { DEFAULT_RETRY_POLICY } from "../../src/datadog/resilient-fetch.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { COLLECTOR_IDS, Snapshot } from "../../src/snapshot/schema.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";
import { type MeasuredRun, runMeasuredCli } from "./fixtures/bounded-cli.js";
import { DAY_BEFORE_NOW, NOW } from "./fixtures/fast-collect.js";
import { leaksIn, leaksUnder } from "./fixtures/secret-scan.js";

const context = useSimulator({ now: NOW });
/** A second origin on another port: what a redirect would hand the keys to. */
let elsewhere: RunningSimulator;
let dir: string;
let runs = 0;

const MAX_RSS_BYTES = 400 * 1000 * 1000;
const ENDPOINT_RULES = "GET /api/v2/security_monitoring/rules";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-http-"));
  await writeFile(join(dir, "ddproof.yaml"), "");
  elsewhere = await startSimulator({ now: NOW });
});
afterAll(async () => {
  await elsewhere.close();
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => context.sim.setFaults(""));

interface Collected {
  run: MeasuredRun;
  snapshot: Snapshot;
  folder: string;
}

async function collect(faults: string, extra: string[] = [], only?: string): Promise<Collected> {
  context.sim.setFaults(faults);
  runs += 1;
  const folder = join(dir, `run-${runs}`);
  const args = [
    "collect",
    ...DAY_BEFORE_NOW,
    "--out",
    join(folder, "snapshot.json"),
    "--no-progress",
    ...(only ? ["--only", only] : []),
    ...extra,
  ];
  const run = await runMeasuredCli(args, {
    cwd: dir,
    env: { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: context.sim.url },
    timeoutMs: 90_000,
  });
  const snapshot = Snapshot.parse(JSON.parse(await readFile(join(folder, "snapshot.json"), "utf8")));
  return { run, snapshot, folder };
}

function errorOf(snapshot: Snapshot, id: (typeof COLLECTOR_IDS)[number]): string {
  const part = snapshot.collectors[id];
  return part.status === "error" ? part.error : "(ok)";
}

async function expectNoKeys(collected: Collected): Promise<void> {
  const secrets = [TEST_API_KEY, TEST_APP_KEY];
  const found = [
    ...leaksIn(collected.run.stdout, secrets, "stdout"),
    ...leaksIn(collected.run.stderr, secrets, "stderr"),
    ...(await leaksUnder(collected.folder, secrets)),
  ];
  expect(found).toEqual([]);
}

describe("redirects", () => {
  it("every endpoint redirects to another origin: no request reaches it, every part names the redirect, exit 3", async () => {
    const collected = await collect(`*:redirect=${elsewhere.port}`);
    expect(collected.run.code, collected.run.stderr).toBe(3);
    expect(elsewhere.requests).toEqual([]);
    for (const id of COLLECTOR_IDS) {
      expect(errorOf(collected.snapshot, id)).toMatch(
        new RegExp(
          `^(GET|POST) /api/\\S+: the server redirected \\(HTTP 307\\) to another origin, http://127\\.0\\.0\\.1:${elsewhere.port}, and was not followed`,
        ),
      );
    }
    expect(errorOf(collected.snapshot, "rules")).toContain(
      `${ENDPOINT_RULES}: the server redirected (HTTP 307) to another origin, ${elsewhere.url},`,
    );
    // Refused at once, not retried: one request per part that asked.
    expect(collected.snapshot.collectors.rules).toMatchObject({ requests: 1, retries: 0 });
    expect(collected.run.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
    await expectNoKeys(collected);
  });

  it("a redirect to the same origin, once per endpoint, is followed: a complete snapshot", async () => {
    const collected = await collect("*:redirect=0@1");
    expect(collected.run.code, collected.run.stdout).toBe(0);
    expect(collected.snapshot.complete).toBe(true);
    expect(context.sim.requests.filter((request) => request.status === 307).length).toBeGreaterThanOrEqual(
      COLLECTOR_IDS.length,
    );
  });
});

describe("bodies over the limit", () => {
  it("a 256 MiB page with its Content-Length: fails at once, naming the endpoint and the limit", async () => {
    const collected = await collect("rules:pad=268435456", [], "rules");
    expect(collected.run.code, collected.run.stderr).toBe(3);
    expect(errorOf(collected.snapshot, "rules")).toBe(
      `${ENDPOINT_RULES}: the response declares 268435456 bytes, over the 16 MiB limit on a response body`,
    );
    expect(collected.run.stdout).toMatch(
      /rules\s+error\s+ERROR: GET \/api\/v2\/security_monitoring\/rules: the response declares 268435456 bytes, over the 16 MiB limit/,
    );
    // Refused on the header: one request, no retry, no time spent reading.
    expect(collected.snapshot.collectors.rules).toMatchObject({ requests: 1, retries: 0 });
    expect(collected.snapshot.collectors.rules.duration_ms).toBeLessThan(2_000);
    expect(collected.run.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
  });

  it.each([
    ["an endless body", "*:endless"],
    ["a gzip bomb (1 GiB from 1 MiB)", "*:gzip-bomb"],
  ])(
    "%s on every endpoint: each part abandons its read past the limit; exit 3; under 400 MB",
    async (_name, faults) => {
      const collected = await collect(faults);
      expect(collected.run.code, collected.run.stderr).toBe(3);
      for (const id of COLLECTOR_IDS) {
        expect(errorOf(collected.snapshot, id)).toMatch(
          /^(GET|POST) \/api\/\S+: the response body passed the 16 MiB limit and was abandoned$/,
        );
      }
      expect(collected.snapshot.collectors.rules).toMatchObject({ requests: 1, retries: 0 });
      // Not retried, so each part ends within one attempt's deadline (the default 30 s), the bound its policy sets.
      for (const id of COLLECTOR_IDS)
        expect(collected.snapshot.collectors[id].duration_ms).toBeLessThan(DEFAULT_RETRY_POLICY.timeoutMs);
      expect(collected.run.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
      await expectNoKeys(collected);
    },
  );

  it("a slow drip (a byte every 2 s, never finishing) ends at the request deadline after the retries, within the bound", async () => {
    const timeoutS = 3;
    const retries = 1;
    const collected = await collect(
      "rules:drip=2000",
      ["--timeout", String(timeoutS), "--retries", String(retries)],
      "rules",
    );
    expect(collected.run.code, collected.run.stderr).toBe(3);
    expect(errorOf(collected.snapshot, "rules")).toBe(
      `${ENDPOINT_RULES}: no complete answer within ${timeoutS} s after ${retries + 1} attempts`,
    );
    // Every attempt at its deadline, plus the first backoff at its ceiling (500 ms), plus room for a busy machine.
    const spent = collected.snapshot.collectors.rules.duration_ms;
    expect(spent).toBeGreaterThanOrEqual((retries + 1) * timeoutS * 1000 - 50);
    expect(spent).toBeLessThan((retries + 1) * timeoutS * 1000 + 500 + 2_000);
    expect(collected.run.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
  });

  it("--max-response-mib and max_response_mib set the limit", async () => {
    const byFlag = await collect("rules:pad=2097152", ["--max-response-mib", "1"], "rules");
    expect(byFlag.run.code).toBe(3);
    expect(errorOf(byFlag.snapshot, "rules")).toBe(
      `${ENDPOINT_RULES}: the response declares 2097152 bytes, over the 1 MiB limit on a response body`,
    );
    const config = join(dir, "half-mib.yaml");
    await writeFile(config, "max_response_mib: 0.5\n");
    const byConfig = await collect("rules:endless", ["--config", config], "rules");
    expect(byConfig.run.code).toBe(3);
    expect(errorOf(byConfig.snapshot, "rules")).toBe(
      `${ENDPOINT_RULES}: the response body passed the 0.5 MiB limit and was abandoned`,
    );
  });
});

describe("a valid page just under the limit", () => {
  it("is read, parsed and collected whole: exit 0, under 400 MB", async () => {
    const collected = await collect(`rules:pad=${DEFAULT_MAX_RESPONSE_BYTES - 1}@1`);
    expect(collected.run.code, collected.run.stdout).toBe(0);
    expect(context.sim.requests.find((request) => request.endpoint === "rules")).toBeDefined();
    const unpadded = await collect("", [], "rules");
    const rules = unpadded.snapshot.collectors.rules;
    expect(rules.status).toBe("ok");
    // The padded first page gave the same rules as the plain one.
    expect(collected.snapshot.collectors.rules).toMatchObject({
      status: "ok",
      data: rules.status === "ok" ? rules.data : "unreachable",
    });
    expect(collected.run.maxRssBytes).toBeLessThan(MAX_RSS_BYTES);
  });
});
