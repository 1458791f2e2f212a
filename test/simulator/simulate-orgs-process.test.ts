/**
 * `ddproof simulate --orgs 3` as an operator runs it: the built CLI in its own
 * process serves three orgs on three consecutive ports, prints each one's
 * name, site and URL, and stops them all on SIGTERM. Every wait is for an
 * event of the process (its output, its exit), never for a span of time.
 */
import { afterAll, describe, expect, it } from "vitest";
import { scratchDir } from "../helpers/scratch-dir.js";
import { type RunningCli, startCli } from "../reliability/fixtures/cli-process.js";
import { KEYS } from "./http.js";
import { consecutiveFreePorts } from "./ports.js";

const ORG_LINE = /^ {2}(\S+) +(\S+) +(http:\/\/127\.0\.0\.1:(\d+)) +seed (\d+): /;

/** Resolves once the process has printed `text`; rejects if it exits first. */
function printed(cli: RunningCli, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!cli.stdout().includes(text)) return;
      cli.child.stdout!.off("data", check);
      cli.child.off("close", exited);
      resolve();
    };
    const exited = () => reject(new Error(`exited before printing "${text}": ${cli.stdout()}${cli.stderr()}`));
    // The capture's own listener was attached first, so the output is complete when this one runs.
    cli.child.stdout!.on("data", check);
    cli.child.once("close", exited);
    check();
  });
}

let running: RunningCli | null = null;
afterAll(async () => {
  // Whatever failed, the process this file started is stopped.
  if (running && running.child.exitCode === null && running.child.signalCode === null) {
    running.child.kill("SIGKILL");
    await running.done;
  }
});

describe("ddproof simulate --orgs (its own process)", () => {
  it("serves three orgs on consecutive ports, prints each URL, and stops them all on SIGTERM", async () => {
    const base = await consecutiveFreePorts(3);
    const cli = startCli(["simulate", "--orgs", "3", "--port", String(base), "--now", "2026-11-15T12:00:00Z"], {
      cwd: scratchDir("simulate-orgs"),
    });
    running = cli;
    await printed(cli, "Stop with Ctrl-C.");

    const orgs = cli
      .stdout()
      .split("\n")
      .flatMap((line) => {
        const match = ORG_LINE.exec(line);
        return match ? [{ name: match[1], site: match[2], url: match[3] as string, port: Number(match[4]) }] : [];
      });
    expect(orgs.map(({ name, site }) => [name, site])).toEqual([
      ["us", "datadoghq.com"],
      ["eu", "datadoghq.eu"],
      ["degraded", "us3.datadoghq.com"],
    ]);
    expect(orgs.map((org) => org.port)).toEqual([base, base + 1, base + 2]);
    for (const org of orgs) {
      const answer = await fetch(`${org.url}/api/v2/security_monitoring/rules?page[size]=1`, { headers: KEYS });
      expect(answer.status, org.name).toBe(200);
    }

    cli.child.kill("SIGTERM");
    const run = await cli.done;
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Simulators stopped (SIGTERM); requests served: us 1, eu 1, degraded 1.");
    expect(run.stderr).toBe("");
    for (const org of orgs) await expect(fetch(`${org.url}/api/v1/validate`, { headers: KEYS })).rejects.toThrow();
  });
});
