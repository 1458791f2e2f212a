/**
 * `pack --all-orgs`: every org of the config collected at once, each org's
 * pack written to `--out/<org>/` as soon as its snapshot is in. The work is in
 * src/fleet/collect-org-packs.ts; here are the flags and the lines printed.
 * Returns every org's result and the settings they were written with.
 */
import type { RetryPolicy } from "../datadog/resilient-fetch.js";
import { collectOrgPacks } from "../fleet/collect-org-packs.js";
import { orgDisplayName } from "../fleet/orgs.js";
import type { OrgTarget } from "../fleet/orgs-targets.js";
import type { CollectorId, Period } from "../snapshot/schema.js";
import type { AssessFlags, AssessSettings } from "./assess-options.js";
import type { CollectFlags } from "./collect-options.js";
import type { CommandContext } from "./command.js";
import { type OrgPacksWritten, planOrgPacks, reportOrgPacks } from "./org-packs-from-flags.js";
import type { ReportFlags } from "./report-options.js";
import { runOrgCollections } from "./run-collection.js";

export interface FleetCollection {
  orgs: readonly OrgTarget[];
  period: Period;
  now: Date;
  policy: Partial<RetryPolicy>;
  only: readonly CollectorId[] | undefined;
}

export async function packAllOrgs(
  ctx: CommandContext,
  flags: ReportFlags & AssessFlags & CollectFlags,
  settings: AssessSettings,
  fleet: FleetCollection,
): Promise<OrgPacksWritten> {
  const plan = await planOrgPacks(
    ctx,
    flags,
    settings,
    fleet.orgs.map(({ org }) => org),
  );
  const orgs = fleet.orgs.map(({ org, target }, i) => ({
    ...plan.requests[i]!,
    target,
    displayName: orgDisplayName(org),
  }));
  const results = await runOrgCollections(
    ctx,
    flags,
    { names: orgs.map((org) => org.name), only: fleet.only },
    (onEvent) =>
      collectOrgPacks(orgs, {
        period: fleet.period,
        now: fleet.now,
        policy: fleet.policy,
        only: fleet.only,
        onEvent,
        outDir: flags.out,
        settings: plan.settings,
      }),
  );
  reportOrgPacks(ctx, results);
  return { results, settings: plan.settings };
}
