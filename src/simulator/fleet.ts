/**
 * A fleet of simulated orgs: one simulator per org on 127.0.0.1, each with
 * its own org, faults and rate-limit windows (Datadog's limits are per org,
 * and nothing is shared between two simulators), closed together. Used by
 * `ddproof simulate --orgs N`, the fleet demo, tests and benchmarks.
 */
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "./index.js";
import { fleetProfiles, MAX_FLEET_ORGS, type OrgProfile } from "./org-profiles.js";

export { fleetProfiles, MAX_FLEET_ORGS, ORG_PROFILES, type OrgProfile } from "./org-profiles.js";

export interface FleetOptions extends Pick<SimulatorOptions, "latencyMs" | "scale" | "rateLimits"> {
  /** How many orgs (the profiles in turn, see org-profiles.ts), or the profiles themselves. */
  orgs: number | readonly OrgProfile[];
  /** Org i listens on basePort + i; 0 / undefined: any free port for each. */
  basePort?: number;
  /** The fleet's now, one for every org (default: the real now, taken once). */
  now?: Date;
}

export interface FleetOrgSimulator {
  name: string;
  profile: OrgProfile;
  site: string;
  /** "http://127.0.0.1:<port>" */
  url: string;
  simulator: RunningSimulator;
}

export interface RunningFleet {
  orgs: readonly FleetOrgSimulator[];
  /** Stops every org's simulator. */
  close(): Promise<void>;
}

function checkProfiles(profiles: readonly OrgProfile[]): void {
  if (profiles.length < 1 || profiles.length > MAX_FLEET_ORGS)
    throw new Error(`orgs: expected from 1 to ${MAX_FLEET_ORGS} profiles, got ${profiles.length}`);
  const names = profiles.map((profile) => profile.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new Error(`orgs: the name "${repeated}" is used twice; each org of a fleet needs its own`);
}

/** The ports the fleet will take: [first, last], or null for free ports. */
export function fleetPortRange(basePort: number, count: number): [number, number] | null {
  if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65535)
    throw new Error(`basePort: expected 0–65535, got ${basePort}`);
  if (basePort === 0) return null;
  const last = basePort + count - 1;
  if (last > 65535)
    throw new Error(`${count} orgs from port ${basePort} need ports ${basePort}–${last}, and ${last} is past 65535`);
  return [basePort, last];
}

export async function startFleetSimulators(options: FleetOptions): Promise<RunningFleet> {
  const profiles = typeof options.orgs === "number" ? fleetProfiles(options.orgs) : [...options.orgs];
  checkProfiles(profiles);
  const basePort = options.basePort ?? 0;
  fleetPortRange(basePort, profiles.length);
  const now = options.now ?? new Date();
  const orgs: FleetOrgSimulator[] = [];
  const closeAll = () => Promise.all(orgs.map((org) => org.simulator.close())).then(() => undefined);
  try {
    // One after another, so a port that cannot be had is named, and nothing before it is left running.
    for (const [index, profile] of profiles.entries()) {
      const port = basePort === 0 ? 0 : basePort + index;
      const simulator = await startSimulator({
        port,
        seed: profile.seed,
        shape: profile.shape,
        faults: profile.faults,
        now,
        scale: options.scale,
        latencyMs: options.latencyMs,
        rateLimits: options.rateLimits,
      }).catch((error: unknown) => {
        const where = port === 0 ? "a free port" : `127.0.0.1:${port}`;
        throw new Error(`cannot start org "${profile.name}" on ${where}: ${(error as Error).message}`);
      });
      orgs.push({ name: profile.name, profile, site: profile.site, url: simulator.url, simulator });
    }
  } catch (error) {
    await closeAll();
    throw error;
  }
  return { orgs, close: closeAll };
}
