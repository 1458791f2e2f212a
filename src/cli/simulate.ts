/**
 * `ddproof simulate`: runs the Datadog API simulator on 127.0.0.1 with a
 * seeded demo organisation until SIGINT or SIGTERM, so ddproof (or anything
 * else that speaks Datadog's API) can be pointed at it.
 */
import type { Command } from "commander";
import { EXIT_OK, InputError } from "../errors.js";
import {
  ENDPOINT_IDS,
  type FaultRule,
  parseFaultSpec,
  type SimulatorScale,
  startSimulator,
} from "../simulator/index.js";
import type { CommandModule } from "./command.js";

interface Flags {
  port: string;
  scale: string;
  seed: string;
  latencyMs: string;
  faults?: string;
  now?: string;
}

const FAULT_HELP = `
Fault spec (--faults): comma-separated rules <endpoint|*>:<fault>[@N]
  status=NNN      answer NNN (400-599) with a Datadog error body
  latency=MS      wait MS more before answering
  cut             send the headers and half the body, then drop the connection
  malformed       send half the JSON body (invalid JSON)
  unknown-enum    put a value the client's enum lacks into the first item of each page
  missing-field   drop the field readers rely on from the first item of each page
  fail-after=K    the first K requests succeed, every later one gets 500
  @N limits a rule to the first N requests to each endpoint it targets.
Endpoints: ${ENDPOINT_IDS.join(", ")}
Examples: --faults "signals:status=429@3,hosts:latency=5000"   --faults "*:status=503@1"`;

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InputError(`${flag} "${text}": expected a whole number from ${min} to ${max}`);
  return value;
}

/** Resolves with the name of the first SIGINT or SIGTERM. */
function untilStopped(): Promise<string> {
  return new Promise((resolve) => {
    const onInt = () => stop("SIGINT");
    const onTerm = () => stop("SIGTERM");
    const stop = (signal: string) => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      resolve(signal);
    };
    process.on("SIGINT", onInt);
    process.on("SIGTERM", onTerm);
  });
}

export const simulateCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("simulate")
      .description("Serve a seeded demo organisation through a Datadog API simulator on 127.0.0.1 until interrupted")
      .option("--port <n>", "port to listen on (0: any free port)", "0")
      .option("--scale <size>", "demo organisation size: small or large", "small")
      .option("--seed <n>", "seed of the demo organisation", "1")
      .option("--latency-ms <n>", "delay added to every response", "0")
      .option("--faults <spec>", "inject faults (grammar below)")
      .option("--now <date-time>", "the organisation's now, ISO 8601 (default: the real now)")
      .addHelpText("after", FAULT_HELP)
      .action(async (flags: Flags) => {
        const port = wholeNumber("--port", flags.port, 0, 65535);
        const seed = wholeNumber("--seed", flags.seed, -(2 ** 31), 2 ** 31 - 1);
        const latencyMs = wholeNumber("--latency-ms", flags.latencyMs, 0, 600_000);
        if (flags.scale !== "small" && flags.scale !== "large")
          throw new InputError(`--scale "${flags.scale}": expected small or large`);
        const scale: SimulatorScale = flags.scale;
        const now = flags.now === undefined ? undefined : new Date(flags.now);
        if (now && Number.isNaN(now.getTime()))
          throw new InputError(`--now "${flags.now}": expected an ISO 8601 date-time`);
        let faults: FaultRule[];
        try {
          faults = parseFaultSpec(flags.faults ?? "");
        } catch (error) {
          throw new InputError(`--faults: ${(error as Error).message}`);
        }
        const simulator = await startSimulator({ port, scale, seed, latencyMs, faults, now }).catch(
          (error: unknown) => {
            throw new InputError(`cannot start the simulator on 127.0.0.1:${port}: ${(error as Error).message}`);
          },
        );
        ctx.output.out(
          `Datadog API simulator (demo organisation, seed ${seed}, ${scale} scale) listening on ${simulator.url}`,
        );
        ctx.output.out(
          `Try: DDPROOF_API_URL=${simulator.url} DD_API_KEY=demo DD_APP_KEY=demo ddproof collect --out snapshot.json`,
        );
        ctx.output.out("Stop with Ctrl-C.");
        const signal = await untilStopped();
        await simulator.close();
        ctx.output.out(`Simulator stopped (${signal}) after ${simulator.requests.length} request(s).`);
        ctx.setExitCode(EXIT_OK);
      });
  },
};
