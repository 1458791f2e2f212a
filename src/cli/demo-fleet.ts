/**
 * `ddproof demo --orgs N`: a fleet of differently shaped simulated orgs
 * (src/simulator/data/org-profiles.json: a US org, an EU org with thinner
 * coverage, an org whose application key cannot read hosts, …), each served
 * by its own simulator on 127.0.0.1 with its own rate limits. The orgs are
 * collected at once, as `collect --all-orgs` does, and for each kind of pack
 * every org's pack and the fleet pack are written: `<out>/<kind>/<org>/` and
 * `<out>/<kind>/fleet/`.
 */
import { join, resolve } from "node:path";
import { sendDirectlyTo } from "../datadog/http-transport.js";
import type { RetryPolicy } from "../datadog/resilient-fetch.js";
import { EXIT_INCOMPLETE, EXIT_OK, InputError } from "../errors.js";
import { collectOrgs } from "../fleet/collect-orgs.js";
import { OrgName } from "../fleet/org-name.js";
import { writeOrgPacks } from "../fleet/orgs-packs.js";
import { writeFleetPack } from "../fleet/write-fleet-pack.js";
import { REPORT_KINDS } from "../report/contract.js";
import { registerSecret } from "../secrets.js";
import { type RunningFleet, startFleetSimulators } from "../simulator/fleet.js";
import type { CollectorId, Period } from "../snapshot/schema.js";
import type { CollectFlags } from "./collect-options.js";
import type { CommandContext } from "./command.js";
import { DEMO_API_KEY, DEMO_APP_KEY, DEMO_CONFIG, DEMO_INPUTS } from "./demo-settings.js";
import { describeFleetPack } from "./fleet-summary.js";
import { describeOrgPacks, summariseOrgCollections } from "./org-summary.js";
import { runOrgCollections } from "./run-collection.js";

export interface FleetDemoOptions {
  orgs: number;
  out: string;
  period: Period;
  policy: Partial<RetryPolicy>;
  only: readonly CollectorId[] | undefined;
}

export async function runFleetDemo(ctx: CommandContext, flags: CollectFlags, options: FleetDemoOptions): Promise<void> {
  const fleet: RunningFleet = await startFleetSimulators({ orgs: options.orgs }).catch((error: unknown) => {
    throw new InputError(`cannot start the demo fleet's simulators: ${(error as Error).message}`);
  });
  registerSecret(DEMO_API_KEY);
  registerSecret(DEMO_APP_KEY);
  const out = resolve(options.out);
  try {
    const orgs = fleet.orgs.map((org) => {
      // The simulators run in this process: an HTTP_PROXY set for the outside world must not stand in between.
      sendDirectlyTo(org.url);
      ctx.output.out(`Demo org ${org.name} (${org.site}, ${org.profile.description}) served at ${org.url}`);
      return {
        name: OrgName.parse(org.name),
        displayName: `ddproof demo org ${org.name}`,
        target: { apiKey: DEMO_API_KEY, appKey: DEMO_APP_KEY, site: org.site, apiUrl: org.url },
      };
    });
    const snapshots = join(out, "snapshots");
    const collected = await runOrgCollections(
      ctx,
      flags,
      { names: orgs.map((org) => org.name), only: options.only },
      (onEvent) =>
        collectOrgs(orgs, {
          period: options.period,
          now: new Date(),
          dir: snapshots,
          policy: options.policy,
          only: options.only,
          onEvent,
        }),
    );
    for (const line of summariseOrgCollections(collected)) ctx.output.out(line);
    const requests = collected.flatMap((org) =>
      org.snapshot === null ? [] : [{ name: org.name, inputs: DEMO_INPUTS, previousDir: null, snapshotFile: org.file }],
    );
    let complete = requests.length === orgs.length;
    // The demo folder is the demo's own: its packs are replaced on every run.
    const settings = { thresholds: DEMO_CONFIG.thresholds, templatesDir: null, replace: true, signingKey: null };
    for (const kind of REPORT_KINDS) {
      const dir = join(out, kind);
      const results = await writeOrgPacks(requests, { ...settings, kind }, dir);
      for (const line of describeOrgPacks(results)) ctx.output.out(line);
      const written = results.flatMap((result) => (result.dir === null ? [] : [result.dir]));
      complete &&= written.length === orgs.length;
      if (written.length === 0) continue;
      const pack = await writeFleetPack({ orgPackDirs: written, outDir: dir, replace: true });
      for (const line of describeFleetPack(pack)) ctx.output.out(line);
      complete &&= pack.manifest.complete;
    }
    ctx.output.out(`Check the fleet pack: ddproof verify ${join(options.out, "evidence", "fleet")}`);
    ctx.setExitCode(complete ? EXIT_OK : EXIT_INCOMPLETE);
  } finally {
    await fleet.close();
  }
}
