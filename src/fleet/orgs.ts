/**
 * Which orgs of the config's `orgs:` a command works on (`--org NAME`,
 * `--all-orgs`), and what each org changes of the config's settings. Offline:
 * the keys are read where a command talks to Datadog (orgs-targets.ts), so the
 * commands that only render (`report`) never reach the credentials.
 */
import { join } from "node:path";
import type { Config, OrgConfig } from "../config/schema.js";
import { InputError } from "../errors.js";
import { SNAPSHOT_FILE_NAME } from "../snapshot/read.js";

export interface OrgFlags {
  org?: string;
  allOrgs?: boolean;
}

function configName(file: string | null): string {
  return file ?? "the config";
}

function listed(orgs: readonly OrgConfig[]): string {
  return orgs.map((org) => org.name).join(", ");
}

/**
 * The orgs a command works on: null for a config without `orgs:` and no org
 * flag (the one org of DD_API_KEY and DD_APP_KEY, as always), else the named
 * org or every org, in the config's order. `allowAll` is false for commands
 * that take one org at a time. Everything wrong is an InputError that says
 * what to do instead.
 */
export function selectOrgs(
  config: Pick<Config, "orgs">,
  file: string | null,
  flags: OrgFlags,
  allowAll = true,
): OrgConfig[] | null {
  if (flags.org !== undefined && flags.allOrgs) {
    throw new InputError("--org and --all-orgs cannot be given together: --org NAME is one org, --all-orgs every org");
  }
  const orgs = config.orgs;
  const flag = flags.allOrgs ? "--all-orgs" : flags.org !== undefined ? "--org" : null;
  if (!orgs) {
    if (flag === null) return null;
    throw new InputError(
      `${flag}: ${file === null ? "no config file was found, so no orgs are configured" : `${file} has no orgs: list`}; add one (see "Several orgs" in the README) or leave out ${flag}`,
    );
  }
  if (flag === null) {
    throw new InputError(
      `${configName(file)} lists orgs (${listed(orgs)}): choose one with --org NAME${allowAll ? ", or every one with --all-orgs" : ""}`,
    );
  }
  if (flags.allOrgs) return [...orgs];
  const org = orgs.find((candidate) => candidate.name === flags.org);
  if (!org)
    throw new InputError(`--org "${flags.org}": no such org in ${configName(file)}; its orgs are ${listed(orgs)}`);
  return [org];
}

/** The name an org's reports show: its `org_name`, else its `name`. */
export function orgDisplayName(org: OrgConfig): string {
  return org.org_name ?? org.name;
}

/**
 * The frameworks assessed for an org: `--framework` flags win, then the org's
 * own `frameworks`, then the config's.
 */
export function orgFrameworks(org: OrgConfig, flagged: readonly string[], configured: readonly string[]): string[] {
  if (flagged.length > 0) return [...flagged];
  return [...(org.frameworks ?? configured)];
}

/** Org results are listed by name, as the fleet pack lists its orgs. */
export function byOrgName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Where `collect --all-orgs` puts an org's snapshot (its population files beside it), and `report --all-orgs` reads it. */
export function orgSnapshotFile(dir: string, name: string): string {
  return join(dir, name, SNAPSHOT_FILE_NAME);
}
