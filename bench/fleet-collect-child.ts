/**
 * One measured fleet collection: every org at once in this process, as
 * `ddproof collect --all-orgs` does (src/fleet/collect-orgs.ts), each with its
 * own session and rate-limit budget. argv: one JSON argument (orgs with their
 * URLs, the period, now, the output folder). Prints one JSON line.
 */
import { customPeriod } from "../src/config/period.js";
import { collectOrgs } from "../src/fleet/collect-orgs.js";
import type { OrgName } from "../src/fleet/org-name.js";
import { peakRssMb } from "./peak-rss.js";

const spec = JSON.parse(process.argv[2]!) as {
  orgs: Array<{ name: string; url: string }>;
  period: { from: string; to: string };
  now: string;
  dir: string;
};
const cpuBefore = process.cpuUsage();
const started = performance.now();
const outcomes = await collectOrgs(
  spec.orgs.map((org) => ({
    name: org.name as OrgName,
    displayName: org.name,
    target: {
      apiKey: `bench-api-key-${org.name}-000000000000`,
      appKey: `bench-app-key-${org.name}-000000000000`,
      site: "datadoghq.com",
      apiUrl: org.url,
    },
  })),
  { period: customPeriod(spec.period.from, spec.period.to, "UTC"), now: new Date(spec.now), dir: spec.dir },
);
const wallMs = performance.now() - started;
const cpu = process.cpuUsage(cpuBefore);
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: peakRssMb(),
    orgs: outcomes.map((outcome) => {
      const signals = outcome.snapshot?.collectors.signals;
      return {
        name: outcome.name,
        complete: outcome.snapshot?.complete ?? false,
        error: outcome.error,
        signals: signals?.status === "ok" ? signals.data.total : null,
      };
    }),
  })}\n`,
);
