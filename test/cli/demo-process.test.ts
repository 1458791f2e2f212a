/**
 * The README's first command, as a user runs it: the built CLI in its own
 * process, no account, no network beyond 127.0.0.1.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Snapshot } from "../../src/snapshot/schema.js";
import { cli } from "../helpers/run-cli.js";

const run = promisify(execFile);
const CLI = fileURLToPath(new URL("../../dist/cli/main.js", import.meta.url));
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-demo-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("ddproof demo (built CLI, separate process)", () => {
  it("collects the demo org into a snapshot without an account", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: dir };
    const { stdout, stderr } = await run(process.execPath, [CLI, "demo", "--out", join(dir, "demo")], {
      env,
      cwd: dir,
    });
    expect(stderr).toBe("");
    expect(stdout).toMatch(
      /Demo organisation \(seed 1\) served by the built-in simulator at http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(stdout).toMatch(/11 of 11 collectors ok/);
    const snapshot = Snapshot.parse(JSON.parse(await readFile(join(dir, "demo", "snapshot.json"), "utf8")));
    expect(snapshot.complete).toBe(true);
    expect(snapshot.org.name).toBe("ddproof demo org");
    expect(snapshot.period.label).toMatch(/^\d{4}-Q[1-4]$/);
    // The three kinds of pack, each intact. Checked in-process: the demo is the process under test, and a
    // verify process per pack only added three CLI start-ups.
    for (const kind of ["evidence", "gap", "attack"]) {
      expect(stdout).toContain(join(dir, "demo", kind));
      const verified = await cli(["verify", join(dir, "demo", kind)]);
      expect(verified.stdout).toMatch(/intact/);
    }
  });

  it("talks to its own simulator directly, even when the environment names an egress proxy (here one that is not listening)", async () => {
    const env = {
      PATH: process.env.PATH ?? "",
      HOME: dir,
      HTTP_PROXY: "http://127.0.0.1:9",
      HTTPS_PROXY: "http://127.0.0.1:9",
    };
    const error = await run(
      process.execPath,
      [CLI, "demo", "--out", join(dir, "proxied"), "--only", "rules,agents", "--retries", "0"],
      { env, cwd: dir },
    ).catch((failure: { code: number; stdout: string }) => failure);
    // --only: the parts not asked for are recorded as not collected (exit 3); the two asked for came through.
    expect((error as { code: number }).code).toBe(3);
    expect((error as { stdout: string }).stdout).toMatch(/rules\s+ok/);
    expect((error as { stdout: string }).stdout).toMatch(/agents\s+ok/);
  });

  it("exits 3 and says the evidence is incomplete when the demo org's signals endpoint fails", async () => {
    const env = { PATH: process.env.PATH ?? "", HOME: dir };
    const error = await run(
      process.execPath,
      [CLI, "demo", "--out", join(dir, "faulty"), "--faults", "signals:status=500", "--retries", "0"],
      { env, cwd: dir },
    ).catch((failure: { code: number; stdout: string }) => failure);
    expect((error as { code: number }).code).toBe(3);
    expect((error as { stdout: string }).stdout).toMatch(/Evidence is INCOMPLETE: signals could not be collected/);
  });
});
