/**
 * Corporate egress: the built CLI in its own process collects from the
 * simulator served over TLS with a certificate from a throwaway CA, through
 * a recording CONNECT proxy on 127.0.0.1 named by HTTPS_PROXY, trusting the
 * CA only through NODE_EXTRA_CA_CERTS. The proxy must see tunnels and
 * nothing else: no request in clear, no piece of a key in any byte.
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { Snapshot } from "../../src/snapshot/schema.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";
import { runCliProcess } from "./fixtures/cli-process.js";
import { type ConnectProxy, startConnectProxy } from "./fixtures/connect-proxy.js";
import { DAY_BEFORE_NOW, NOW } from "./fixtures/fast-collect.js";
import { leaksIn } from "./fixtures/secret-scan.js";
import { makeTestCa } from "./fixtures/test-ca.js";

let dir: string;
let caFile: string;
let sim: RunningSimulator;
let proxy: ConnectProxy;
let runs = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-reliability-proxy-"));
  const ca = await makeTestCa();
  caFile = join(dir, "company-ca.pem");
  await writeFile(caFile, ca.caCert);
  await writeFile(join(dir, "ddproof.yaml"), "");
  sim = await startSimulator({ seed: 7, now: NOW, tls: ca.server });
  proxy = await startConnectProxy();
});
afterAll(async () => {
  await proxy?.close();
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

async function collect(env: NodeJS.ProcessEnv, extra: string[] = []) {
  runs += 1;
  const out = join(dir, `run-${runs}`, "snapshot.json");
  const run = await runCliProcess(["collect", ...DAY_BEFORE_NOW, "--out", out, "--no-progress", ...extra], {
    cwd: dir,
    env: { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: sim.url, ...env },
    timeoutMs: 90_000,
  });
  const snapshot = Snapshot.parse(JSON.parse(await readFile(out, "utf8")));
  return { run, snapshot };
}

describe("through an egress proxy, to a TLS endpoint signed by a company CA", () => {
  it("collect completes; the proxy saw only CONNECT tunnels to the endpoint and never a key", async () => {
    const before = sim.requests.length;
    const { run, snapshot } = await collect({ HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: caFile });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(snapshot.complete).toBe(true);
    expect(sim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Every request reached the endpoint, with its key, through the proxy.
    const served = sim.requests.slice(before);
    expect(served.length).toBeGreaterThan(11);
    expect(served.every((request) => request.apiKeyPresent)).toBe(true);
    expect(proxy.connections.length).toBeGreaterThan(0);
    for (const connection of proxy.connections) {
      expect(connection.head).toMatch(new RegExp(`^CONNECT 127\\.0\\.0\\.1:${sim.port} HTTP/1\\.1\\r\\n`));
      expect(connection.head.toLowerCase()).not.toContain("dd-api-key");
    }
    const everything = Buffer.concat(proxy.connections.flatMap((connection) => connection.fromClient)).toString(
      "latin1",
    );
    // The tunnels carried the whole collection, encrypted: plenty of bytes, no key and no request line in them.
    expect(everything.length).toBeGreaterThan(10_000);
    expect(leaksIn(everything, [TEST_API_KEY, TEST_APP_KEY], "proxy")).toEqual([]);
    expect(everything).not.toMatch(/(GET|POST) \/api\//);
  });

  it("without NODE_EXTRA_CA_CERTS the endpoint's certificate is not trusted: the part fails, exit 3", async () => {
    const { run, snapshot } = await collect({ HTTPS_PROXY: proxy.url }, ["--only", "rules", "--retries", "0"]);
    expect(run.code).toBe(3);
    const rules = snapshot.collectors.rules;
    expect(rules.status === "error" ? rules.error : "(ok)").toMatch(
      /^GET \/api\/v2\/security_monitoring\/rules: a network error \(.*certificate.*\) after 1 attempts$/,
    );
  });

  it("NO_PROXY naming the endpoint's host goes around the proxy", async () => {
    const before = proxy.connections.length;
    const { run, snapshot } = await collect(
      { HTTPS_PROXY: proxy.url, NO_PROXY: "127.0.0.1", NODE_EXTRA_CA_CERTS: caFile },
      ["--only", "rules"],
    );
    expect(run.code).toBe(3); // --only: the other parts are recorded as not collected
    expect(snapshot.collectors.rules.status).toBe("ok");
    expect(proxy.connections.length).toBe(before);
  });

  it("a proxy user and password are sent to the proxy only, never printed or stored, even under every debug switch", async () => {
    const password = "Pr0xyPassw0rdNotForLogs";
    const before = proxy.connections.length;
    const { run, snapshot } = await collect(
      {
        HTTPS_PROXY: proxy.url.replace("http://", `http://collector:${password}@`),
        NODE_EXTRA_CA_CERTS: caFile,
        DEBUG: "*",
        NODE_DEBUG: "http,https,net,tls,fetch,undici",
      },
      ["--only", "rules"],
    );
    expect(snapshot.collectors.rules.status).toBe("ok");
    const heads = proxy.connections.slice(before).map((connection) => connection.head);
    expect(heads.length).toBeGreaterThan(0);
    const basic = Buffer.from(`collector:${password}`).toString("base64");
    for (const head of heads) expect(head).toContain(`proxy-authorization: Basic ${basic}`);
    expect(leaksIn(run.stdout + run.stderr + JSON.stringify(snapshot), [password, basic], "output")).toEqual([]);
  });

  it("a proxy that cannot be reached fails the part with the reason, exit 3", async () => {
    const { run, snapshot } = await collect({ HTTPS_PROXY: "http://127.0.0.1:9", NODE_EXTRA_CA_CERTS: caFile }, [
      "--only",
      "rules",
      "--retries",
      "0",
    ]);
    expect(run.code).toBe(3);
    const rules = snapshot.collectors.rules;
    expect(rules.status === "error" ? rules.error : "(ok)").toMatch(
      /^GET \/api\/v2\/security_monitoring\/rules: a network error \(.*ECONNREFUSED.*\) after 1 attempts$/,
    );
  });
});
