/**
 * Options shared by the commands that collect (`collect`, `demo`, later
 * `pack`): the period, retry policy and collector selection, validated
 * before anything is written.
 */
import { type Command, Option } from "commander";
import { customPeriod, PERIOD_HELP, resolvePeriod } from "../config/period.js";
import type { RetryPolicy } from "../datadog/resilient-fetch.js";
import { InputError } from "../errors.js";
import { COLLECTOR_IDS, type CollectorId, type Period } from "../snapshot/schema.js";

export interface CollectFlags {
  period?: string;
  from?: string;
  to?: string;
  timeout?: string;
  retries?: string;
  only?: string;
  progress?: boolean;
}

export function addCollectOptions(command: Command, defaultPeriod?: string): Command {
  return command
    .addOption(new Option("--period <period>", `period to collect: ${PERIOD_HELP}`).default(defaultPeriod))
    .option("--from <iso>", "start of a custom period (ISO date or date-time, in the configured time zone)")
    .option("--to <iso>", "end of a custom period (exclusive)")
    .option("--timeout <seconds>", "time allowed for one request", "30")
    .option("--retries <n>", "retries on 429, 5xx, timeouts and cut responses", "5")
    .option(
      "--only <collectors>",
      `comma-separated collectors to run (${COLLECTOR_IDS.join(", ")}); the others are recorded as not collected`,
    )
    .option("--no-progress", "never draw progress, even on a terminal");
}

export function periodFromFlags(flags: CollectFlags, timezone: string, now = new Date()): Period {
  if (flags.from || flags.to) {
    if (!flags.from || !flags.to) throw new InputError("--from and --to go together");
    return customPeriod(flags.from, flags.to, timezone);
  }
  if (!flags.period) throw new InputError(`--period is required: ${PERIOD_HELP}`);
  return resolvePeriod(flags.period, timezone, now);
}

function positiveNumber(value: string | undefined, flag: string, integer: boolean): number {
  const number = Number(value);
  if (value === undefined || !Number.isFinite(number) || number < 0 || (integer && !Number.isInteger(number))) {
    throw new InputError(`${flag} "${value}": expected a ${integer ? "whole " : ""}number ≥ 0`);
  }
  return number;
}

export function policyFromFlags(flags: CollectFlags): Partial<RetryPolicy> {
  const timeout = positiveNumber(flags.timeout, "--timeout", false);
  if (timeout === 0) throw new InputError(`--timeout "${flags.timeout}": expected more than 0 seconds`);
  return { timeoutMs: timeout * 1000, maxRetries: positiveNumber(flags.retries, "--retries", true) };
}

export function collectorsFromFlags(flags: CollectFlags): CollectorId[] | undefined {
  if (!flags.only) return undefined;
  const ids = flags.only
    .split(",")
    .map((id) => id.trim())
    .filter(Boolean);
  const unknown = ids.filter((id) => !COLLECTOR_IDS.includes(id as CollectorId));
  if (unknown.length > 0 || ids.length === 0) {
    throw new InputError(
      `--only "${flags.only}": unknown collector ${unknown.join(", ") || "(none given)"}; expected some of ${COLLECTOR_IDS.join(", ")}`,
    );
  }
  return ids as CollectorId[];
}
