/**
 * `ddproof run-job NAME`: one run of one job from the config file, for system
 * cron or a Kubernetes CronJob. Exit 0 when the pack's evidence is complete
 * (or when another run holds the job's lock and this one is skipped), 3 when
 * it is incomplete, 2 for input errors, 1 when the run failed otherwise.
 * SIGTERM/SIGINT abandon the run cleanly: no half pack, lock released.
 */
import type { Command } from "commander";
import { EXIT_INCOMPLETE, EXIT_INPUT, EXIT_OK, InputError } from "../errors.js";
import { type RunOutcome, runJob } from "../schedule/run-job.js";
import { createRunAborter, onShutdownSignals } from "../schedule/shutdown-signals.js";
import type { CommandModule } from "./command.js";
import { addJobOptions, type JobFlags, openJobs } from "./schedule.js";

const EXIT_RUN_FAILED = 1;

export function runJobExitCode(outcome: RunOutcome): number {
  switch (outcome.status) {
    case "skipped":
    case "complete":
      return EXIT_OK;
    case "incomplete":
      return EXIT_INCOMPLETE;
    case "failed":
      return outcome.error instanceof InputError ? EXIT_INPUT : EXIT_RUN_FAILED;
  }
}

export const runJobCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("run-job")
      .description("Run one job from the config file once, now (for system cron or a Kubernetes CronJob)")
      .argument("<name>", "the job's name in the config file");
    addJobOptions(command).action(async (name: string, flags: JobFlags) => {
      const { jobs, settings } = await openJobs(flags, ctx, name);
      const job = jobs[0]!;

      const aborter = createRunAborter();
      const dispose = onShutdownSignals((signal) => {
        settings.log.warn("shutdown requested: abandoning the run", { job: job.name, signal });
        aborter.abort(new Error("shutdown"));
      });
      try {
        ctx.setExitCode(runJobExitCode(await runJob(job, settings, { trigger: "manual", signal: aborter.signal })));
      } finally {
        dispose();
      }
    });
  },
};
