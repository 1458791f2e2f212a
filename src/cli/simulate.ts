/**
 * `ddproof simulate`: runs the Datadog API simulator on 127.0.0.1 with a
 * seeded demo organisation until SIGINT or SIGTERM, so ddproof (or anything
 * else that speaks Datadog's API) can be pointed at it. With `--orgs N` it
 * serves a fleet: N differently shaped orgs, one simulator each, on N
 * consecutive ports (simulator/fleet.ts).
 */
import type { Command } from "commander";
import { EXIT_OK, InputError } from "../errors.js";
import { fleetPortRange, MAX_FLEET_ORGS, ORG_PROFILES, startFleetSimulators } from "../simulator/fleet.js";
import {
  ENDPOINT_IDS,
  type FaultRule,
  parseFaultSpec,
  type SimulatorScale,
  startSimulator,
} from "../simulator/index.js";
import type { CommandContext, CommandModule } from "./command.js";

interface Flags {
  port: string;
  scale: string;
  seed?: string;
  latencyMs: string;
  faults?: string;
  now?: string;
  orgs?: string;
}

/** What every mode shares, checked before anything listens. */
interface Settings {
  port: number;
  scale: SimulatorScale;
  latencyMs: number;
  now: Date | undefined;
}

const DEFAULT_SEED = "1";

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

const ORGS_HELP = `
Fleet profiles (--orgs N): org i takes profile i mod ${ORG_PROFILES.length}, in this order; later rounds add -2, -3, ...
to the name and take another seed.
${ORG_PROFILES.map((profile) => `  ${profile.name.padEnd(10)} ${profile.site.padEnd(18)} ${profile.description}`).join("\n")}`;

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new InputError(`${flag} "${text}": expected a whole number from ${min} to ${max}`);
  return value;
}

function settingsFromFlags(flags: Flags): Settings {
  const port = wholeNumber("--port", flags.port, 0, 65535);
  const latencyMs = wholeNumber("--latency-ms", flags.latencyMs, 0, 600_000);
  if (flags.scale !== "small" && flags.scale !== "large")
    throw new InputError(`--scale "${flags.scale}": expected small or large`);
  const now = flags.now === undefined ? undefined : new Date(flags.now);
  if (now && Number.isNaN(now.getTime())) throw new InputError(`--now "${flags.now}": expected an ISO 8601 date-time`);
  return { port, scale: flags.scale, latencyMs, now };
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

/** One org, as `ddproof simulate` has always served it. */
async function serveOne(ctx: CommandContext, flags: Flags, settings: Settings): Promise<void> {
  const { port, scale, latencyMs, now } = settings;
  const seed = wholeNumber("--seed", flags.seed ?? DEFAULT_SEED, -(2 ** 31), 2 ** 31 - 1);
  let faults: FaultRule[];
  try {
    faults = parseFaultSpec(flags.faults ?? "");
  } catch (error) {
    throw new InputError(`--faults: ${(error as Error).message}`);
  }
  const simulator = await startSimulator({ port, scale, seed, latencyMs, faults, now }).catch((error: unknown) => {
    throw new InputError(`cannot start the simulator on 127.0.0.1:${port}: ${(error as Error).message}`);
  });
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
}

/** A fleet: org i takes the i-th profile in turn (us, eu, degraded, us-2, …) on port --port + i. */
async function serveFleet(ctx: CommandContext, flags: Flags, settings: Settings, count: number): Promise<void> {
  // Each org's profile sets its seed and faults: a single --seed or --faults would say nothing about which org.
  if (flags.seed !== undefined) throw new InputError("--seed: not with --orgs (each org's profile sets its seed)");
  if (flags.faults !== undefined)
    throw new InputError("--faults: not with --orgs (each org's profile sets its faults)");
  const { port, scale, latencyMs, now } = settings;
  try {
    fleetPortRange(port, count);
  } catch (error) {
    throw new InputError(`--port ${port} --orgs ${count}: ${(error as Error).message}`);
  }
  const fleet = await startFleetSimulators({ orgs: count, basePort: port, scale, latencyMs, now }).catch(
    (error: unknown) => {
      throw new InputError((error as Error).message);
    },
  );
  const nameWidth = Math.max(...fleet.orgs.map((org) => org.name.length));
  const siteWidth = Math.max(...fleet.orgs.map((org) => org.site.length));
  ctx.output.out(`Datadog API simulators: ${count} demo organisation(s), ${scale} scale, on 127.0.0.1`);
  for (const org of fleet.orgs)
    ctx.output.out(
      `  ${org.name.padEnd(nameWidth)}  ${org.site.padEnd(siteWidth)}  ${org.url}  seed ${org.profile.seed}: ${org.profile.description}`,
    );
  ctx.output.out("Point each org of a fleet config (orgs:) at its URL with api_url; any non-empty keys are accepted.");
  ctx.output.out("Stop with Ctrl-C.");
  const signal = await untilStopped();
  await fleet.close();
  const counts = fleet.orgs.map((org) => `${org.name} ${org.simulator.requests.length}`).join(", ");
  ctx.output.out(`Simulators stopped (${signal}); requests served: ${counts}.`);
}

export const simulateCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("simulate")
      .description("Serve a seeded demo organisation through a Datadog API simulator on 127.0.0.1 until interrupted")
      .option("--port <n>", "port to listen on (0: any free port); with --orgs, the first of N consecutive ports", "0")
      .option("--scale <size>", "demo organisation size: small or large", "small")
      .option("--seed <n>", `seed of the demo organisation (default: ${DEFAULT_SEED})`)
      .option("--latency-ms <n>", "delay added to every response", "0")
      .option("--faults <spec>", "inject faults (grammar below)")
      .option("--now <date-time>", "the organisation's now, ISO 8601 (default: the real now)")
      .option(
        "--orgs <n>",
        `serve a fleet of N differently shaped orgs (${ORG_PROFILES.map((profile) => profile.name).join(", ")}, then again with other seeds), one simulator each, 1 to ${MAX_FLEET_ORGS}`,
      )
      .addHelpText("after", FAULT_HELP)
      .addHelpText("after", ORGS_HELP)
      .action(async (flags: Flags) => {
        const settings = settingsFromFlags(flags);
        if (flags.orgs === undefined) await serveOne(ctx, flags, settings);
        else await serveFleet(ctx, flags, settings, wholeNumber("--orgs", flags.orgs, 1, MAX_FLEET_ORGS));
        ctx.setExitCode(EXIT_OK);
      });
  },
};
