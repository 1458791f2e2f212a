/**
 * `ddproof plan`: the actions that would raise coverage most, ranked by
 * marginal gain, each an edit `whatif` understands. Offline; writes nothing
 * unless `--out` names a file for the JSON.
 */
import type { Command } from "commander";
import { EXIT_OK, InputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { changeCounts } from "../plan/changes-text.js";
import { DEFAULT_TOP, makePlan, type Plan } from "../plan/plan.js";
import { loadAssessInput } from "./assess-input.js";
import { type AssessFlags, addAssessOptions } from "./assess-options.js";
import type { CommandContext, CommandModule } from "./command.js";

interface PlanOptions extends AssessFlags {
  snapshot: string;
  top: string;
  json?: boolean;
  out?: string;
}

function planLines(plan: Plan): string[] {
  if (plan.actions.length === 0) return [`None of the ${plan.candidates} candidate actions would raise coverage.`];
  const lines = [`${plan.actions.length} actions, ranked from ${plan.candidates} candidates by what each adds:`];
  for (const action of plan.actions) {
    lines.push(
      "",
      `${String(action.rank).padStart(2)}. ${action.edit}  (gain ${action.gain})`,
      `    ${action.summary}`,
      `    alone: ${changeCounts(action)}; with the actions above: ${changeCounts(action.cumulative)}`,
    );
  }
  lines.push("", "See what one action moves: ddproof whatif --snapshot FILE <edit>");
  return lines;
}

export const planCommand: CommandModule = {
  register(program: Command, ctx: CommandContext) {
    const command = program
      .command("plan")
      .description("Rank the actions that would raise coverage most (offline), each an edit `ddproof whatif` takes")
      .requiredOption("--snapshot <file>", "snapshot file written by `ddproof collect`")
      .option("--top <n>", "how many actions to rank", String(DEFAULT_TOP))
      .option("--json", "print the plan as JSON")
      .option("--out <file>", "also write the JSON to this file (nothing is written otherwise)");
    addAssessOptions(command).action(async (options: PlanOptions) => {
      const top = Number(options.top);
      if (!Number.isInteger(top) || top < 1)
        throw new InputError(`--top "${options.top}": expected a whole number above 0`);
      const { input } = await loadAssessInput(options, options.snapshot);
      const plan = makePlan(input, top);
      const json = JSON.stringify(plan, null, 2);
      if (options.out !== undefined) await writeFileAtomic(options.out, `${json}\n`);
      if (options.json) ctx.output.out(json);
      else for (const line of planLines(plan)) ctx.output.out(line);
      ctx.setExitCode(EXIT_OK);
    });
  },
};
