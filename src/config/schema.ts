/**
 * `ddproof.yaml`: everything but secrets. API and application keys come only
 * from the environment (DD_API_KEY, DD_APP_KEY, or for each of several orgs
 * the variables its `api_key_env` and `app_key_env` name), never from this file.
 */

import { IANAZone } from "luxon";
import cron from "node-cron";
import { z } from "zod";
import { CatalogId } from "../catalogs/schema.js";
import { OrgName } from "../fleet/org-name.js";
import { apiUrlProblem } from "./api-url.js";
import { isPeriodRule, PERIOD_HELP } from "./period.js";
import { siteProblem } from "./sites.js";

/**
 * What a config that names no frameworks assesses. Which ids exist is not
 * listed here: they are discovered from frameworks/ and the extension
 * folders, and config/frameworks.ts checks a config's choice against them.
 * Catalogs shipped for particular audiences (NIST SP 800-53) are opt-in.
 */
export const DEFAULT_FRAMEWORKS: readonly string[] = [
  "pci-dss-4.0.1",
  "soc2-2017",
  "hipaa-security-rule",
  "datadog-baseline",
  "mitre-attack",
];

const TimeZone = z.string().refine((zone) => IANAZone.isValidZone(zone), {
  message: "expected an IANA time zone such as UTC or Europe/Paris",
});

export const Thresholds = z
  .object({
    /** An ATT&CK technique scoring below this is reported as a gap. */
    attack_gap_below: z.number().int().min(0).max(5).default(3),
    /** Minutes a high or critical signal may stay `open` (ATT&CK rung 5, triage checks). */
    triage_sla_minutes: z
      .object({
        critical: z.number().positive().default(60),
        high: z.number().positive().default(240),
      })
      .strict()
      .prefault({}),
  })
  .strict();
export type Thresholds = z.infer<typeof Thresholds>;

/** Where a Slack webhook URL may come from: the URL itself, or `env:NAME` to read it from the environment. */
const SlackWebhook = z
  .string()
  .refine((value) => /^env:[A-Za-z_][A-Za-z0-9_]*$/.test(value) || /^https?:\/\/\S+$/.test(value), {
    message: "expected an http(s) URL or env:NAME (an environment variable holding the URL)",
  });

export const Notify = z
  .object({
    datadog_event: z.boolean().default(true),
    datadog_metrics: z.boolean().default(true),
    /** Slack incoming-webhook URL; may be given as `env:NAME` to read it from the environment. */
    slack_webhook: SlackWebhook.optional(),
  })
  .strict();
export type Notify = z.infer<typeof Notify>;

export const Retention = z
  .object({
    /** Keep the packs of the newest N runs. */
    keep_last: z.number().int().positive().optional(),
    /** Keep runs that started in the last N days. */
    keep_days: z.number().int().positive().optional(),
  })
  .strict();
export type Retention = z.infer<typeof Retention>;

export const JobKind = z.enum(["gap", "evidence", "attack"]);
export type JobKind = z.infer<typeof JobKind>;

/**
 * node-cron's own validator decides, since node-cron runs the schedule: five
 * fields, or six with seconds first. Its per-field reason is kept.
 */
const CronExpression = z.string().superRefine((expression, ctx) => {
  const { valid, errors } = cron.validateDetailed(expression);
  if (valid) return;
  const why = errors
    .map((error) =>
      error.field === "expression" ? error.message : `${error.field} "${error.value ?? ""}" is not valid`,
    )
    .join("; ");
  ctx.addIssue({
    code: "custom",
    message: `"${expression}" is not a cron expression (5 fields, or 6 with seconds first, e.g. "0 2 * * *"): ${why || "invalid"}`,
  });
});

const PeriodRule = z
  .string()
  .refine(isPeriodRule, { message: `expected a period rule: ${PERIOD_HELP.replace(/, or --from\/--to$/, "")}` });

export const Job = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes"),
    cron: CronExpression,
    /** Time zone the cron expression and the period are read in; default: the config's `timezone`. */
    timezone: TimeZone.optional(),
    kind: JobKind,
    period: PeriodRule,
    frameworks: z.array(CatalogId).optional(),
    /** Default: the config's `output_root`. Runs go to `<output_root>/<name>/`. */
    output_root: z.string().optional(),
    retention: Retention.optional(),
    /**
     * Path to the Ed25519 private key (PEM) that signs this job's packs, relative to the config
     * file; never the key itself. --sign-key and DDPROOF_SIGNING_KEY_FILE take precedence.
     */
    signing_key_file: z
      .string()
      .refine((value) => !value.includes("PRIVATE KEY"), {
        message: "expected a path to the key file, not the key itself",
      })
      .optional(),
    run_missed_on_start: z.boolean().default(false),
    notify: Notify.prefault({}),
    /**
     * The orgs of the config's `orgs:` this job runs on: a list of their names, or `all`.
     * Required in a config with `orgs:`, refused in one without (see fleetJobProblems).
     */
    orgs: z.union([z.literal("all"), z.array(OrgName).min(1, "expected at least one org name, or all")]).optional(),
  })
  .strict();
export type Job = z.infer<typeof Job>;

/**
 * A job's `orgs` against the config's `orgs:`. With `orgs:` every job names
 * its orgs: which keys a job without them should use would be a guess. Without
 * `orgs:` a job has the one org of DD_API_KEY and DD_APP_KEY and names none.
 */
function fleetJobProblems(
  config: { orgs?: ReadonlyArray<{ name: string }>; jobs: readonly Job[] },
  ctx: z.RefinementCtx,
): void {
  const known = config.orgs?.map((org) => org.name);
  config.jobs.forEach((job, i) => {
    if (known === undefined) {
      if (job.orgs !== undefined)
        ctx.addIssue({
          code: "custom",
          path: ["jobs", i, "orgs"],
          message:
            'this file has no orgs: list to choose from; add one (see "Several orgs" in the README) or leave out the job\'s orgs',
        });
      return;
    }
    if (job.orgs === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["jobs", i],
        message: `this file lists orgs (${known.join(", ")}): name the ones this job runs on with orgs: [NAME, ...] or orgs: all`,
      });
      return;
    }
    if (job.orgs === "all") return;
    const seen = new Set<string>();
    job.orgs.forEach((name, j) => {
      if (!known.includes(name))
        ctx.addIssue({
          code: "custom",
          path: ["jobs", i, "orgs", j],
          message: `no org named "${name}" in orgs:; its orgs are ${known.join(", ")}`,
        });
      else if (seen.has(name))
        ctx.addIssue({ code: "custom", path: ["jobs", i, "orgs", j], message: `"${name}" is named twice` });
      seen.add(name);
    });
  });
}

/**
 * Job and org names are folder names and command arguments: each may appear
 * once in its list. The issue sits on the repeat and names the first use.
 */
function uniqueNames(list: string, what: string) {
  return (items: ReadonlyArray<{ name: string }>, ctx: z.RefinementCtx): void => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const first = seen.get(item.name);
      if (first === undefined) seen.set(item.name, i);
      else
        ctx.addIssue({
          code: "custom",
          path: [i, "name"],
          message: `${what} "${item.name}" is already used by ${list}[${first}]`,
        });
    });
  };
}

const Jobs = z.array(Job).superRefine(uniqueNames("jobs", "job name"));

const Site = z.string().superRefine((site, ctx) => {
  const problem = siteProblem(site);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/**
 * Where an org's key is: the name of an environment variable, never the key.
 * Upper case only, as environment variables are named; a pasted key (lower-case
 * hex) is refused without being repeated in the message.
 */
const KeyVariable = z
  .string()
  .regex(
    /^[A-Z_][A-Z0-9_]*$/,
    "expected the name of an environment variable (upper-case letters, digits and underscores, e.g. DD_API_KEY_EU), never a key",
  );

/** The shape of an org's `api_url`; whether plain http may carry its keys is judged with the config's `insecure_http`. */
const OrgApiUrl = z.string().superRefine((url, ctx) => {
  const problem = apiUrlProblem(url, true, "");
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

/** One Datadog org of a fleet. Its keys are read from the environment variables it names. */
export const OrgConfig = z
  .object({
    /** Its folder beside the others' and its `--org` argument. */
    name: OrgName,
    /** Shown on its reports; default: `name`. */
    org_name: z.string().optional(),
    /** Its Datadog site. DD_SITE does not override it: DD_SITE belongs to a config without `orgs:`. */
    site: Site,
    /** The environment variable holding its API key. */
    api_key_env: KeyVariable,
    /** The environment variable holding its application key. */
    app_key_env: KeyVariable,
    /** Explicit base URL (proxy, private endpoint); default https://api.<site>. */
    api_url: OrgApiUrl.optional(),
    /** Frameworks assessed for this org; default: the config's `frameworks`. */
    frameworks: z.array(CatalogId).optional(),
  })
  .strict();
export type OrgConfig = z.infer<typeof OrgConfig>;

/** An org's keys are its own: one variable never serves two keys, in one org or across orgs. */
function distinctKeyVariables(orgs: readonly OrgConfig[], ctx: z.RefinementCtx): void {
  const seen = new Map<string, string>();
  orgs.forEach((org, i) => {
    for (const field of ["api_key_env", "app_key_env"] as const) {
      const variable = org[field];
      const first = seen.get(variable);
      if (first === undefined) seen.set(variable, `orgs[${i}].${field}`);
      else
        ctx.addIssue({
          code: "custom",
          path: [i, field],
          message: `${variable} is already used by ${first}: each key of each org needs its own variable`,
        });
    }
  });
}

const Orgs = z
  .array(OrgConfig)
  .min(1, "expected at least one org (or no orgs: key, for the one org of DD_API_KEY and DD_APP_KEY)")
  .superRefine(uniqueNames("orgs", "org name"))
  .superRefine(distinctKeyVariables);

export const Config = z
  .object({
    /** Datadog site, e.g. datadoghq.com or datadoghq.eu. DD_SITE overrides it. */
    site: Site.default("datadoghq.com"),
    /** Allow an http:// API URL to a host other than this machine (keys would cross the network in clear text). */
    insecure_http: z.boolean().default(false),
    /** Largest response body accepted from Datadog, in MiB; the --max-response-mib flag overrides it. */
    max_response_mib: z.number().positive().max(1024).optional(),
    /** Organisation name shown on reports. */
    org_name: z.string().optional(),
    timezone: TimeZone.default("UTC"),
    frameworks: z.array(CatalogId).default([...DEFAULT_FRAMEWORKS]),
    thresholds: Thresholds.prefault({}),
    output_root: z.string().default("ddproof-out"),
    /** Extra catalog and mapping folders that extend or override the shipped ones. */
    mappings: z.array(z.string()).default([]),
    attestations: z.string().optional(),
    jobs: Jobs.default([]),
    /**
     * Several orgs (a fleet), each with its own site and keys, collected over one
     * period. Absent: the one org of DD_API_KEY, DD_APP_KEY and DD_SITE.
     */
    orgs: Orgs.optional(),
  })
  .strict()
  .superRefine((config, ctx) => {
    // An org's plain-http URL is allowed by the same file's insecure_http, and refused where it is written.
    // (A URL of the wrong shape was refused by OrgApiUrl already.)
    config.orgs?.forEach((org, i) => {
      if (org.api_url === undefined || apiUrlProblem(org.api_url, true, "") !== null) return;
      const problem = apiUrlProblem(org.api_url, config.insecure_http, "set insecure_http: true in this file");
      if (problem) ctx.addIssue({ code: "custom", path: ["orgs", i, "api_url"], message: problem });
    });
    fleetJobProblems(config, ctx);
  });
export type Config = z.infer<typeof Config>;
