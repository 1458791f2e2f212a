/**
 * `--org NAME` and `--all-orgs`: which orgs of the config's `orgs:` a command
 * works on. Without `orgs:` in the config and without these flags, a command
 * works on the one org of DD_API_KEY and DD_APP_KEY, exactly as before.
 */
import type { Command } from "commander";
import type { Config, OrgConfig } from "../config/schema.js";
import { InputError } from "../errors.js";
import { type OrgFlags, orgFrameworks, selectOrgs } from "../fleet/orgs.js";
import { type OrgTarget, readOrgTargets } from "../fleet/orgs-targets.js";
import type { AssessSettings } from "./assess-options.js";
import type { TargetFlags } from "./target-options.js";

/** Adds `--org`, and `--all-orgs` unless the command takes one org at a time; `help` says what each does here. */
export function addOrgOptions(command: Command, help: { one: string; all: string | null }): Command {
  command.option("--org <name>", help.one);
  if (help.all !== null) command.option("--all-orgs", help.all);
  return command;
}

/**
 * The targets of the orgs the flags select (keys read from each org's
 * variables, all checked before anything is sent), or null when the command
 * works on the one org of DD_API_KEY and DD_APP_KEY.
 */
export function orgTargetsFromFlags(
  env: NodeJS.ProcessEnv,
  flags: OrgFlags & TargetFlags,
  config: Pick<Config, "orgs" | "insecure_http">,
  file: string | null,
  allowAll = true,
): OrgTarget[] | null {
  const orgs = selectOrgs(config, file, flags, allowAll);
  if (orgs === null) return null;
  if (flags.allOrgs && flags.apiUrl !== undefined) {
    throw new InputError(
      "--api-url names one endpoint: with --all-orgs each org's requests go to its own api_url (or site) in the config",
    );
  }
  return readOrgTargets(env, orgs, {
    apiUrl: flags.apiUrl,
    insecureHttp: flags.insecureHttp === true || config.insecure_http,
  });
}

/** The assessment settings for one org: its own frameworks, unless --framework says otherwise. */
export function settingsForOrg(settings: AssessSettings, org: OrgConfig, flagged: readonly string[]): AssessSettings {
  return { ...settings, frameworks: orgFrameworks(org, flagged, settings.config.frameworks) };
}
