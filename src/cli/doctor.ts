/**
 * `ddproof doctor`: checks a configured org (site, keys, clock, every
 * collector's endpoint) without writing anything; `--org NAME` checks one org
 * of the config's `orgs:`. Exit 0 when every check passes, 3 when one fails
 * (an endpoint unusable, the site or a key refused), 2 for usage and config
 * errors. The work is in src/doctor.
 */
import type { Command } from "commander";
import { loadConfig } from "../config/load.js";
import { DatadogSession } from "../datadog/session.js";
import { doctorLines } from "../doctor/format.js";
import { loadPermissions } from "../doctor/permissions.js";
import { runDoctor } from "../doctor/run-doctor.js";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import type { OrgFlags } from "../fleet/orgs.js";
import type { CommandModule } from "./command.js";
import { addOrgOptions, orgTargetsFromFlags } from "./org-options.js";
import { addTargetOptions, maxResponseBytesFromFlags, type TargetFlags, targetFromFlags } from "./target-options.js";

interface Flags extends TargetFlags, OrgFlags {
  json?: boolean;
  config?: string;
}

/**
 * A doctor should answer in seconds: one retry (a 429 still waits for its
 * announced reset), and 15 s for any one answer.
 */
const DOCTOR_POLICY = { maxRetries: 1, timeoutMs: 15_000 };

export const doctorCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("doctor")
      .description(
        "Check the site, the keys, the clock and every collector's endpoint of a configured org, without writing a snapshot (keys from DD_API_KEY and DD_APP_KEY)",
      )
      .option("--json", "print the report as JSON")
      .option("-c, --config <file>", "config file (default: ./ddproof.yaml when present)");
    // The same transport options as collect: a doctor that took a different route would check the wrong thing.
    addOrgOptions(addTargetOptions(command), {
      one: "check one org of the config's orgs: list (its site, its keys from the variables it names)",
      all: null,
    }).action(async (flags: Flags) => {
      const { config, file } = await loadConfig(flags.config);
      const org = orgTargetsFromFlags(ctx.env, flags, config, file, false)?.[0] ?? null;
      const target = org ? org.target : targetFromFlags(ctx.env, flags, config);
      const policy = { ...DOCTOR_POLICY, maxResponseBytes: maxResponseBytesFromFlags(flags, config) };
      const permissions = await loadPermissions();
      const session = await DatadogSession.open(target, { policy });
      const report = await runDoctor({ session, permissions });
      if (flags.json) ctx.output.out(JSON.stringify(report, null, 2));
      else {
        if (org) ctx.output.out(`org ${org.org.name}`);
        doctorLines(report).forEach((line) => ctx.output.out(line));
      }
      ctx.setExitCode(report.ok ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
