/**
 * The simulated orgs of the fleet bench, in a process of their own so that
 * serving them is measured apart from collecting them. argv: one JSON
 * argument, a FleetSimulatorsSpec. Prints one JSON line when every org
 * listens (their URLs, signal counts and lower bounds), then, once its
 * standard input closes, one more with the CPU time it spent and the
 * requests each org served, and exits.
 */
import { type RunningSimulator, startSimulator } from "../src/simulator/index.js";
import { lowerBound } from "./lower-bound.js";

export interface FleetSimulatorsSpec {
  orgs: Array<{ name: string; seed: number; signalsPerDay: number; signalsLimitPerMinute: number }>;
  latencyMs: number;
  now: string;
  period: { from: string; to: string };
}

const spec = JSON.parse(process.argv[2]!) as FleetSimulatorsSpec;
const from = new Date(spec.period.from);
const to = new Date(spec.period.to);
const simulators: RunningSimulator[] = [];
const limitsOf = (org: FleetSimulatorsSpec["orgs"][number]) => ({
  signals: { limit: org.signalsLimitPerMinute, periodSeconds: 60 },
});
for (const org of spec.orgs)
  simulators.push(
    await startSimulator({
      scale: "small",
      seed: org.seed,
      shape: { signalsPerDay: org.signalsPerDay },
      now: new Date(spec.now),
      latencyMs: spec.latencyMs,
      rateLimits: limitsOf(org),
    }),
  );
process.stdout.write(
  `${JSON.stringify({
    orgs: spec.orgs.map((org, i) => ({
      name: org.name,
      url: simulators[i]!.url,
      signals: simulators[i]!.org.countSignals(from, to),
      lowerBound: lowerBound(simulators[i]!.org, from, to, spec.latencyMs, limitsOf(org)),
    })),
  })}\n`,
);
const cpuBefore = process.cpuUsage();
process.stdin.resume();
process.stdin.on("end", async () => {
  const cpu = process.cpuUsage(cpuBefore);
  const served = spec.orgs.map((org, i) => ({
    name: org.name,
    requests: simulators[i]!.requests.length,
    throttled: simulators[i]!.requests.filter((request) => request.status === 429).length,
  }));
  await Promise.all(simulators.map((simulator) => simulator.close()));
  process.stdout.write(`${JSON.stringify({ cpuMs: (cpu.user + cpu.system) / 1000, served })}\n`);
  process.exit(0);
});
