/**
 * The Datadog targets of the selected orgs, every one read before anything is
 * sent: each key is registered with the redactor as it is read, and every
 * missing variable of every org is named in one error (names, never values).
 */
import type { OrgConfig } from "../config/schema.js";
import { type DatadogTarget, readOrgTarget } from "../datadog/credentials.js";
import { InputError } from "../errors.js";

export interface OrgTarget {
  org: OrgConfig;
  target: DatadogTarget;
}

export function readOrgTargets(
  env: NodeJS.ProcessEnv,
  orgs: readonly OrgConfig[],
  options: { apiUrl?: string; insecureHttp?: boolean } = {},
): OrgTarget[] {
  const targets: OrgTarget[] = [];
  const problems: string[] = [];
  for (const org of orgs) {
    try {
      targets.push({ org, target: readOrgTarget(env, org, options) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error.message);
    }
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  return targets;
}
