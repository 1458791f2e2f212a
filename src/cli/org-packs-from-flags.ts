/**
 * What `pack --all-orgs` and `report --all-orgs` share: the checks made before
 * any work (every org's pack folder, every org's earlier pack, the signing
 * key), each org's pack request, and the lines and exit code at the end.
 */
import { stat } from "node:fs/promises";
import { join } from "node:path";
import type { OrgConfig } from "../config/schema.js";
import { EXIT_INCOMPLETE, EXIT_OK, InputError } from "../errors.js";
import { FLEET_DIR } from "../fleet/org-name.js";
import {
  checkOrgPackDestinations,
  type OrgPackRequest,
  type OrgPackResult,
  type OrgPackSettings,
} from "../fleet/orgs-packs.js";
import { readPreviousRun } from "../pack/render-pack.js";
import { checkPackDestination } from "../pack/write-pack.js";
import type { AssessFlags, AssessSettings } from "./assess-options.js";
import type { CommandContext } from "./command.js";
import { settingsForOrg } from "./org-options.js";
import { describeOrgPacks } from "./org-summary.js";
import { type ReportFlags, reportKind } from "./report-options.js";
import { signingKeyFromFlags } from "./sign-key-option.js";

export interface OrgPackPlan {
  settings: OrgPackSettings;
  /** An org's request but for its snapshot, which `pack` collects and `report` reads. */
  requests: Array<Omit<OrgPackRequest, "snapshotFile">>;
}

/**
 * With --all-orgs, `--previous` names the folder of an earlier run's org
 * packs: each org compares with its own, read now so that a bad one stops the
 * run before any work. An org new to the fleet has no pack there and is
 * compared with nothing; a folder that does not exist at all is a mistake.
 */
async function previousOrgPacks(dir: string | undefined, orgs: readonly OrgConfig[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (dir === undefined) return found;
  if (!(await stat(dir).catch(() => null))?.isDirectory()) {
    throw new InputError(`--previous ${dir}: expected the folder of an earlier run's org packs`);
  }
  for (const org of orgs) {
    const previous = join(dir, org.name);
    if (!(await stat(previous).catch(() => null))) continue;
    await readPreviousRun(previous);
    found.set(org.name, previous);
  }
  return found;
}

/** Everything checked before any collection or render, and each org's request. */
export async function planOrgPacks(
  ctx: CommandContext,
  flags: ReportFlags & AssessFlags,
  settings: AssessSettings,
  orgs: readonly OrgConfig[],
): Promise<OrgPackPlan> {
  const kind = reportKind(flags);
  await checkOrgPackDestinations(
    flags.out,
    orgs.map((org) => org.name),
    flags.force === true,
  );
  // The fleet pack is written after the org packs, beside them: its folder is checked now too.
  await checkPackDestination(join(flags.out, FLEET_DIR), { replace: flags.force === true });
  const previousDirs = await previousOrgPacks(flags.previous, orgs);
  const signingKey = await signingKeyFromFlags(flags, ctx.env);
  return {
    settings: {
      kind,
      thresholds: settings.config.thresholds,
      templatesDir: flags.templates ?? null,
      replace: flags.force === true,
      signingKey,
    },
    requests: orgs.map((org) => ({
      name: org.name,
      inputs: settingsForOrg(settings, org, flags.framework),
      previousDir: previousDirs.get(org.name) ?? null,
    })),
  };
}

/**
 * What `pack --all-orgs` and `report --all-orgs` hand back: every org's result
 * (`orgPackDirs` gives the folders written) and the settings they were written
 * with (signing key, templates, --force), for the fleet pack written after them.
 */
export interface OrgPacksWritten {
  results: OrgPackResult[];
  settings: OrgPackSettings;
}

/** Prints every org's pack and exits 3 unless every org has a complete pack. */
export function reportOrgPacks(ctx: CommandContext, results: readonly OrgPackResult[]): void {
  for (const line of describeOrgPacks(results)) ctx.output.out(line);
  ctx.setExitCode(results.every((result) => result.complete) ? EXIT_OK : EXIT_INCOMPLETE);
}
