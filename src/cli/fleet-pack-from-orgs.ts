/**
 * After `pack --all-orgs` or `report --all-orgs` has written the org packs:
 * the fleet pack in `--out/fleet/`, made from those org packs exactly as
 * `ddproof merge` would make it from them. An org left with no pack at all
 * (its render failed) cannot be in the fleet pack: it is named, and the run
 * exits 3, as for an incomplete org.
 */
import { EXIT_INCOMPLETE } from "../errors.js";
import { orgPackDirs } from "../fleet/orgs-packs.js";
import { writeFleetPack } from "../fleet/write-fleet-pack.js";
import type { CommandContext } from "./command.js";
import { describeFleetPack } from "./fleet-summary.js";
import type { OrgPacksWritten } from "./org-packs-from-flags.js";

export async function writeFleetPackFromOrgs(
  ctx: CommandContext,
  written: OrgPacksWritten,
  outDir: string,
): Promise<void> {
  const dirs = orgPackDirs(written.results);
  const absent = written.results.filter((result) => result.dir === null);
  for (const result of absent)
    ctx.output.out(`The fleet pack leaves out ${result.name}: it has no pack (${result.error ?? "not written"}).`);
  if (dirs.length === 0) {
    ctx.output.out("No org pack was written, so there is no fleet pack.");
    ctx.setExitCode(EXIT_INCOMPLETE);
    return;
  }
  const pack = await writeFleetPack({
    orgPackDirs: dirs,
    outDir,
    replace: written.settings.replace,
    signingKey: written.settings.signingKey,
    templatesDir: written.settings.templatesDir,
  });
  for (const line of describeFleetPack(pack)) ctx.output.out(line);
  if (!pack.manifest.complete || absent.length > 0) ctx.setExitCode(EXIT_INCOMPLETE);
}
