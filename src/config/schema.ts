/**
 * `ddproof.yaml`: everything but secrets. API and application keys come only
 * from the environment (DD_API_KEY, DD_APP_KEY), never from this file.
 */
import { z } from "zod";
import { IANAZone } from "luxon";

export const FRAMEWORK_IDS = ["pci-dss-4.0.1", "soc2-2017", "hipaa-security-rule", "datadog-baseline", "mitre-attack"] as const;

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

export const Notify = z
  .object({
    datadog_event: z.boolean().default(true),
    datadog_metrics: z.boolean().default(true),
    /** Slack incoming-webhook URL; may be given as `env:NAME` to read it from the environment. */
    slack_webhook: z.string().optional(),
  })
  .strict();

export const Retention = z
  .object({
    keep_last: z.number().int().positive().optional(),
    keep_days: z.number().int().positive().optional(),
  })
  .strict();

export const JobKind = z.enum(["gap", "evidence", "attack"]);

export const Job = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected lower-case letters, digits and dashes"),
    cron: z.string().min(1),
    timezone: TimeZone.optional(),
    kind: JobKind,
    period: z.string().min(1),
    frameworks: z.array(z.enum(FRAMEWORK_IDS)).optional(),
    output_root: z.string().optional(),
    retention: Retention.optional(),
    run_missed_on_start: z.boolean().default(false),
    notify: Notify.optional(),
  })
  .strict();
export type Job = z.infer<typeof Job>;

export const Config = z
  .object({
    /** Datadog site, e.g. datadoghq.com or datadoghq.eu. DD_SITE overrides it. */
    site: z.string().default("datadoghq.com"),
    /** Organisation name shown on reports. */
    org_name: z.string().optional(),
    timezone: TimeZone.default("UTC"),
    frameworks: z.array(z.enum(FRAMEWORK_IDS)).default([...FRAMEWORK_IDS]),
    thresholds: Thresholds.prefault({}),
    output_root: z.string().default("ddproof-out"),
    /** Extra catalog and mapping folders that extend or override the shipped ones. */
    mappings: z.array(z.string()).default([]),
    attestations: z.string().optional(),
    jobs: z.array(Job).default([]),
  })
  .strict();
export type Config = z.infer<typeof Config>;
