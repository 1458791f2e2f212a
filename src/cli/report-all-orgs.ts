/**
 * `report --all-orgs`: every org's pack, offline, from the folder `collect
 * --all-orgs` wrote (`--snapshot/<org>/snapshot.json`) into `--out/<org>/`.
 * Every snapshot is read and checked before any pack is written. Returns every
 * org's result and the settings they were written with.
 */
import type { OrgConfig } from "../config/schema.js";
import { orgSnapshotFile } from "../fleet/orgs.js";
import { writeOrgPacks } from "../fleet/orgs-packs.js";
import { readSnapshot } from "../snapshot/read.js";
import type { AssessFlags, AssessSettings } from "./assess-options.js";
import type { CommandContext } from "./command.js";
import { type OrgPacksWritten, planOrgPacks, reportOrgPacks } from "./org-packs-from-flags.js";
import type { ReportFlags } from "./report-options.js";

export async function reportAllOrgs(
  ctx: CommandContext,
  flags: ReportFlags & AssessFlags & { snapshot: string },
  settings: AssessSettings,
  orgs: readonly OrgConfig[],
): Promise<OrgPacksWritten> {
  for (const org of orgs) await readSnapshot(orgSnapshotFile(flags.snapshot, org.name));
  const plan = await planOrgPacks(ctx, flags, settings, orgs);
  const results = await writeOrgPacks(
    plan.requests.map((request) => ({ ...request, snapshotFile: orgSnapshotFile(flags.snapshot, request.name) })),
    plan.settings,
    flags.out,
  );
  reportOrgPacks(ctx, results);
  return { results, settings: plan.settings };
}
