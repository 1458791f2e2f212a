/**
 * Which snapshots `plan` and `whatif` assess. Without --org or --all-orgs:
 * the one file --snapshot names, with the config's frameworks, exactly as
 * before (a config's `orgs:` changes nothing). With either: --snapshot names
 * the folder `collect --all-orgs` wrote, and each selected org is assessed
 * from its `<org>/snapshot.json` with its own frameworks, as `report --org`
 * assesses it; `--org` also takes that org's snapshot file itself (what a
 * cluster pod collected with `collect --org`). Every org's file is found
 * before any is read.
 */
import { stat } from "node:fs/promises";
import { InputError } from "../errors.js";
import type { OrgName } from "../fleet/org-name.js";
import { byOrgName, type OrgFlags, orgSnapshotFile, selectOrgs } from "../fleet/orgs.js";
import { type AssessFlags, type AssessSettings, resolveAssessSettings } from "./assess-options.js";
import { settingsForOrg } from "./org-options.js";

export interface SnapshotToAssess {
  /** The org of the config's `orgs:` the snapshot is of; null for a plain snapshot file. */
  name: OrgName | null;
  file: string;
  /** The config's settings, with the org's frameworks for an org. */
  settings: AssessSettings;
}

export interface SnapshotFlags extends AssessFlags, OrgFlags {
  snapshot: string;
}

const FOLDER = "the folder `collect --all-orgs` wrote (<org>/snapshot.json for each org)";

/** The snapshots the flags select: one without org flags, else one per selected org, by name. */
export async function snapshotsToAssess(flags: SnapshotFlags, allowAll: boolean): Promise<SnapshotToAssess[]> {
  const settings = await resolveAssessSettings(flags);
  const orgs =
    flags.org === undefined && !flags.allOrgs ? null : selectOrgs(settings.config, settings.file, flags, allowAll);
  if (orgs === null) return [{ name: null, file: flags.snapshot, settings }];
  const flag = flags.allOrgs ? "--all-orgs" : "--org";
  const info = await stat(flags.snapshot).catch(() => null);
  if (info === null)
    throw new InputError(`--snapshot ${flags.snapshot}: no such folder; with ${flag}, expected ${FOLDER}`);
  if (!info.isDirectory() && !flags.allOrgs) {
    const [org] = orgs;
    return [{ name: org!.name, file: flags.snapshot, settings: settingsForOrg(settings, org!, flags.framework) }];
  }
  if (!info.isDirectory()) {
    throw new InputError(
      `--snapshot ${flags.snapshot}: is a file; with ${flag}, expected ${FOLDER}. For one snapshot file, leave out ${flag} (--framework names its frameworks)`,
    );
  }
  const selected = orgs.map((org) => ({
    name: org.name,
    file: orgSnapshotFile(flags.snapshot, org.name),
    settings: settingsForOrg(settings, org, flags.framework),
  }));
  const missing: string[] = [];
  for (const one of selected) if (!(await stat(one.file).catch(() => null))?.isFile()) missing.push(one.file);
  if (missing.length > 0) {
    throw new InputError(
      `--snapshot ${flags.snapshot}: no snapshot at ${missing.join(", ")}; expected ${FOLDER}, collected for the same orgs`,
    );
  }
  return selected.sort(byOrgName);
}
