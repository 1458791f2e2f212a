/** `ddproof simulate`: options, help, a run that stops cleanly on SIGTERM, and the fleet's refusals. */
import { describe, expect, it } from "vitest";
import type { CommandContext } from "../../src/cli/command.js";
import { buildProgram } from "../../src/cli/program.js";
import { simulateCommand } from "../../src/cli/simulate.js";
import { InputError } from "../../src/errors.js";
import { KEYS } from "./http.js";
import { consecutiveFreePorts, holdPort, isFree } from "./ports.js";

function harness() {
  const out: string[] = [];
  const err: string[] = [];
  let exitCode: number | null = null;
  const ctx: CommandContext = {
    output: { out: (line) => out.push(line), err: (line) => err.push(line), isTTY: false },
    env: {},
    setExitCode: (code) => {
      exitCode = code;
    },
  };
  const program = buildProgram(ctx, [simulateCommand]);
  return { out, err, exitCode: () => exitCode, run: (args: string[]) => program.parseAsync(args, { from: "user" }) };
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !predicate(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!predicate()) throw new Error("timed out");
}

describe("ddproof simulate", () => {
  it("serves the demo org until SIGTERM, printing the URL and how to use it", async () => {
    const cli = harness();
    const running = cli.run([
      "simulate",
      "--seed",
      "5",
      "--now",
      "2026-11-15T12:00:00Z",
      "--faults",
      "hosts:status=500@1",
    ]);
    let stopped = false;
    try {
      await waitFor(() => cli.out.length >= 2);
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(cli.out[0] ?? "")?.[1];
      expect(url).toBeDefined();
      expect(cli.out[1]).toBe(
        `Try: DDPROOF_API_URL=${url} DD_API_KEY=demo DD_APP_KEY=demo ddproof collect --out snapshot.json`,
      );
      expect((await fetch(`${url}/api/v1/hosts`, { headers: KEYS })).status).toBe(500);
      expect((await fetch(`${url}/api/v2/security_monitoring/rules`, { headers: KEYS })).status).toBe(200);
      process.emit("SIGTERM");
      stopped = true;
      await running;
      expect(cli.exitCode()).toBe(0);
      expect(cli.out.at(-1)).toBe("Simulator stopped (SIGTERM) after 2 request(s).");
      await expect(fetch(`${url}/api/v1/hosts`, { headers: KEYS })).rejects.toThrow();
    } finally {
      // Whatever failed above, the server this test started is stopped.
      if (!stopped) {
        process.emit("SIGTERM");
        await running.catch(() => undefined);
      }
    }
  });

  it.each([
    [["--scale", "huge"], '--scale "huge": expected small or large'],
    [["--port", "70000"], '--port "70000": expected a whole number from 0 to 65535'],
    [["--seed", "x"], '--seed "x": expected a whole number'],
    [["--latency-ms", "-1"], '--latency-ms "-1"'],
    [["--faults", "rules:boom"], '--faults: fault spec rule 1 "rules:boom": unknown fault "boom"'],
    [["--now", "yesterday"], '--now "yesterday": expected an ISO 8601 date-time'],
    [["--orgs", "0"], '--orgs "0": expected a whole number from 1 to 64'],
    [["--orgs", "65"], '--orgs "65": expected a whole number from 1 to 64'],
    [["--orgs", "two"], '--orgs "two": expected a whole number'],
    [
      ["--orgs", "3", "--port", "65534"],
      "--port 65534 --orgs 3: 3 orgs from port 65534 need ports 65534–65536, and 65536 is past 65535",
    ],
    [["--orgs", "2", "--seed", "4"], "--seed: not with --orgs (each org's profile sets its seed)"],
    [["--orgs", "2", "--faults", "rules:cut"], "--faults: not with --orgs (each org's profile sets its faults)"],
  ])("refuses %j with an input error", async (args, message) => {
    const cli = harness();
    const attempt = cli.run(["simulate", ...args]);
    await expect(attempt).rejects.toThrow(InputError);
    await expect(attempt).rejects.toThrow(message);
  });

  it("names the port of the fleet's range it cannot have, and leaves none of the fleet listening", async () => {
    const base = await consecutiveFreePorts(3);
    const release = await holdPort(base + 2);
    try {
      const attempt = harness().run(["simulate", "--orgs", "3", "--port", String(base)]);
      await expect(attempt).rejects.toThrow(InputError);
      await expect(attempt).rejects.toThrow(`cannot start org "degraded" on 127.0.0.1:${base + 2}: listen EADDRINUSE`);
      expect([await isFree(base), await isFree(base + 1)]).toEqual([true, true]);
    } finally {
      await release();
    }
  });

  it("lists the fleet profiles in --help", async () => {
    const cli = harness();
    await expect(cli.run(["simulate", "--help"])).rejects.toMatchObject({ exitCode: 0 });
    const help = cli.out.join("\n");
    expect(help).toContain("--orgs <n>");
    expect(help).toMatch(/^ {2}eu +datadoghq\.eu +thinner coverage/m);
    expect(help).toMatch(/^ {2}degraded +us3\.datadoghq\.com +its application key lacks the hosts scope/m);
  });

  it("documents the fault grammar in --help", async () => {
    const cli = harness();
    await expect(cli.run(["simulate", "--help"])).rejects.toMatchObject({ exitCode: 0 });
    const help = cli.out.join("\n");
    for (const text of [
      "status=NNN",
      "fail-after=K",
      "unknown-enum",
      "@N limits a rule",
      "signals:status=429@3",
      "metrics_submit",
    ])
      expect(help).toContain(text);
  });
});
