/**
 * `run-job` takes the signing key from the job's config (a path, relative to
 * the config file; never the key itself), and refuses a bad key file before
 * any run: exit 2 naming the file, nothing written in the job's folder.
 */
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PUBLIC_KEY_FILE } from "../../src/cli/keygen.js";
import { type RunningSimulator, startSimulator } from "../../src/simulator/index.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { TEST_API_KEY, TEST_APP_KEY } from "../helpers/simulator.js";

let sim: RunningSimulator;
const dir = scratchDir("history-chain-config");
const out = join(dir, "out");

function writeConfig(signingKeyFile: string): string {
  const file = join(dir, "ddproof.yaml");
  writeFileSync(
    file,
    [
      `output_root: ${JSON.stringify(out)}`,
      "frameworks: [pci-dss-4.0.1, mitre-attack]",
      "jobs:",
      "  - name: signed-attack",
      "    cron: '0 2 * * *'",
      "    kind: attack",
      "    period: last-24h",
      `    signing_key_file: ${JSON.stringify(signingKeyFile)}`,
      "    notify: { datadog_event: false, datadog_metrics: false }",
      "",
    ].join("\n"),
  );
  return file;
}

const env = () => ({ DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: sim.url });

beforeAll(async () => {
  sim = await startSimulator({ seed: 7 });
  expect((await cli(["keygen", "--out", join(dir, "keys")])).code).toBe(0);
});
afterAll(async () => {
  await sim.close();
});

describe("run-job with the job's signing key", () => {
  it("signs the run's pack with the key the config names, relative to the config file", async () => {
    const config = writeConfig("keys/ddproof-signing-key.pem");
    const run = await cli(["run-job", "signed-attack", "--config", config], env());
    expect(run.code).toBe(0);
    const jobDir = join(out, "signed-attack");
    const [runId] = readdirSync(jobDir).filter((name) => /^\d{4}-/.test(name));
    const verify = await cli(["verify", join(jobDir, runId!), "--public-key", join(dir, "keys", PUBLIC_KEY_FILE)]);
    expect(verify.stdout).toContain("signature valid");
    expect(verify.code).toBe(0);
  }, 120_000);

  it("refuses a key file that is not a key, with exit 2 naming it, before any run", async () => {
    writeFileSync(join(dir, "broken.pem"), "not a key\n");
    const config = writeConfig("broken.pem");
    const run = await cli(["run-job", "signed-attack", "--config", config], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(dir, "broken.pem")}: expected an Ed25519 private key in PEM`);
    expect(readdirSync(join(out, "signed-attack")).filter((name) => /^\d{4}-/.test(name))).toHaveLength(1);
  });

  it("refuses a config that holds the key itself instead of a path", async () => {
    const config = writeConfig("-----BEGIN PRIVATE KEY-----\\nMC4CAQAwBQYDK2VwBCIEIA==\\n-----END PRIVATE KEY-----");
    const run = await cli(["run-job", "signed-attack", "--config", config], env());
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("jobs[0].signing_key_file: expected a path to the key file, not the key itself");
    expect(run.stderr).not.toContain("MC4CAQAwBQYDK2VwBCIEIA");
    expect(existsSync(join(out, "signed-attack", "index.json"))).toBe(true);
  });
});
