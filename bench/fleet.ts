/**
 * The fleet bench: orgs of 100,000 signals each collected at once in one
 * process (as `ddproof collect --all-orgs` does) against simulators with
 * their own announced limits and 50 ms of latency. First one org alone, for
 * the CPU time 100,000 signals cost the collector and the simulator; then the
 * fleet, whose wall time is bounded by whichever is slower: the slowest org's
 * own announced-limit bound, or the CPU the whole fleet needs spread over the
 * machine's cores.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { promisify } from "node:util";
import type { FleetSimulatorsSpec } from "./fleet-simulators-child.js";
import type { EndpointBound } from "./lower-bound.js";

const run = promisify(execFile);

/** 100,000 signals over the quarter: the simulator draws each hour around this mean. */
export const FLEET_QUARTER = { from: "2026-07-01T00:00:00Z", to: "2026-10-01T00:00:00Z" };
const QUARTER_DAYS = 92;
const SIGNALS_PER_ORG = 100_000;
const NOW = "2026-11-15T12:00:00Z";

type OrgSpec = FleetSimulatorsSpec["orgs"][number];

interface ServedOrg {
  name: string;
  url: string;
  signals: number;
  lowerBound: { seconds: number; endpoints: Record<string, EndpointBound> };
}

export interface FleetRun {
  orgs: number;
  /** Simulator processes the orgs were spread over. */
  simulatorProcesses: number;
  wallMs: number;
  /** CPU time (user + system) of the collecting process. */
  collectCpuMs: number;
  /** CPU time of every simulator process, serving the collection. */
  simulatorCpuMs: number;
  peakRssMb: number | null;
  complete: number;
  signals: number;
  requests: number;
  throttled: number;
  /** The slowest org's own bound from its announced limits, in seconds. */
  slowestOrgBoundSeconds: number;
  signalsLimits: number[];
}

/** The orgs of a fleet of `count`: seeds 1…count, 100,000 signals each, signal limits in turn from `limits`. */
export function fleetOrgs(count: number, limits: readonly number[]): OrgSpec[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `org-${String(i + 1).padStart(2, "0")}`,
    seed: i + 1,
    signalsPerDay: SIGNALS_PER_ORG / QUARTER_DAYS,
    signalsLimitPerMinute: limits[i % limits.length]!,
  }));
}

function lines(child: ChildProcess): AsyncIterator<string> {
  return createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
}

async function startSimulators(script: string, spec: FleetSimulatorsSpec) {
  const child = spawn(process.execPath, [script, JSON.stringify(spec)], { stdio: ["pipe", "pipe", "inherit"] });
  const output = lines(child);
  const first = await output.next();
  if (first.done) throw new Error("the fleet's simulators stopped before listening");
  const { orgs } = JSON.parse(first.value) as { orgs: ServedOrg[] };
  return {
    orgs,
    /** Closes the simulators and returns what they spent and served. */
    async stop(): Promise<{ cpuMs: number; served: Array<{ requests: number; throttled: number }> }> {
      child.stdin!.end();
      const last = await output.next();
      if (last.done) throw new Error("the fleet's simulators stopped without their figures");
      return JSON.parse(last.value);
    },
  };
}

/** Collects `orgs` once, their simulators spread over `processes` child processes. */
export async function fleetRun(
  here: string,
  cliFlags: readonly string[],
  orgs: readonly OrgSpec[],
  processes: number,
  latencyMs: number,
): Promise<FleetRun> {
  const groups = Array.from({ length: processes }, (_, p) => orgs.filter((_, i) => i % processes === p));
  const simulators = await Promise.all(
    groups
      .filter((group) => group.length > 0)
      .map((group) =>
        startSimulators(join(here, "fleet-simulators-child.js"), {
          orgs: group,
          latencyMs,
          now: NOW,
          period: FLEET_QUARTER,
        }),
      ),
  );
  const served = simulators.flatMap((group) => group.orgs);
  const dir = await mkdtemp(join(tmpdir(), "ddproof-bench-fleet-"));
  try {
    const { stdout } = await run(
      process.execPath,
      [
        ...cliFlags,
        join(here, "fleet-collect-child.js"),
        JSON.stringify({
          orgs: served.map(({ name, url }) => ({ name, url })),
          period: FLEET_QUARTER,
          now: NOW,
          dir,
        }),
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    );
    const collected = JSON.parse(stdout.trim().split("\n").at(-1)!) as {
      wallMs: number;
      cpuMs: number;
      peakRssMb: number | null;
      orgs: Array<{ complete: boolean; signals: number | null; error: string | null }>;
    };
    const stopped = await Promise.all(simulators.map((group) => group.stop()));
    const failures = collected.orgs.filter((org) => org.error !== null);
    if (failures.length > 0) throw new Error(`fleet collection failed: ${failures[0]!.error}`);
    return {
      orgs: orgs.length,
      simulatorProcesses: simulators.length,
      wallMs: collected.wallMs,
      collectCpuMs: collected.cpuMs,
      simulatorCpuMs: stopped.reduce((sum, group) => sum + group.cpuMs, 0),
      peakRssMb: collected.peakRssMb,
      complete: collected.orgs.filter((org) => org.complete).length,
      signals: collected.orgs.reduce((sum, org) => sum + (org.signals ?? 0), 0),
      requests: stopped.flatMap((group) => group.served).reduce((sum, org) => sum + org.requests, 0),
      throttled: stopped.flatMap((group) => group.served).reduce((sum, org) => sum + org.throttled, 0),
      slowestOrgBoundSeconds: Math.max(...served.map((org) => org.lowerBound.seconds)),
      signalsLimits: [...new Set(orgs.map((org) => org.signalsLimitPerMinute))],
    };
  } catch (error) {
    await Promise.allSettled(simulators.map((group) => group.stop()));
    throw error;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const MACHINE_CORES = cpus().length;
