/**
 * `ddproof plan`: the actions that would raise coverage most, ranked by
 * marginal gain, each an edit `whatif` understands. Offline; writes nothing
 * unless `--out` names a file for the JSON. With `--org NAME` or
 * `--all-orgs`, each org's plan from the folder `collect --all-orgs` wrote,
 * assessed with the org's frameworks, as its gap pack ranks them.
 */
import type { Command } from "commander";
import { EXIT_OK, InputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { changeCounts } from "../plan/changes-text.js";
import type { OrgPlans } from "../plan/org-plans.js";
import { DEFAULT_TOP, makePlan, type Plan } from "../plan/plan.js";
import { readSnapshot } from "../snapshot/read.js";
import { loadAssessInput } from "./assess-input.js";
import { addAssessOptions } from "./assess-options.js";
import type { CommandContext, CommandModule } from "./command.js";
import { addOrgOptions } from "./org-options.js";
import { type SnapshotFlags, snapshotsToAssess } from "./org-snapshots.js";

interface PlanOptions extends SnapshotFlags {
  top: string;
  json?: boolean;
  out?: string;
}

/** The `whatif` that shows one action of this plan, for its last line. */
function whatifHint(org: string | null): string {
  return org === null ? "ddproof whatif --snapshot FILE <edit>" : `ddproof whatif --snapshot DIR --org ${org} <edit>`;
}

function planLines(plan: Plan, org: string | null): string[] {
  if (plan.actions.length === 0) return [`None of the ${plan.candidates} candidate actions would raise coverage.`];
  const lines = [
    `${plan.actions.length} ${plan.actions.length === 1 ? "action" : "actions"}, ranked from ${plan.candidates} candidates by what each adds:`,
  ];
  for (const action of plan.actions) {
    lines.push(
      "",
      `${String(action.rank).padStart(2)}. ${action.edit}  (gain ${action.gain})`,
      `    ${action.summary}`,
      `    alone: ${changeCounts(action)}; with the actions above: ${changeCounts(action.cumulative)}`,
    );
  }
  lines.push("", `See what one action moves: ${whatifHint(org)}`);
  return lines;
}

/** An org's lines each start with its name, as every line printed for an org does. */
function orgLines(plan: Plan, org: string | null): string[] {
  const lines = planLines(plan, org);
  return org === null ? lines : lines.map((line) => `[${org}] ${line}`.trimEnd());
}

/** Each org's plan, a blank line between orgs. */
function plansText(plans: ReadonlyArray<{ name: string | null; plan: Plan }>): string[] {
  return plans.flatMap(({ name, plan }, i) => [...(i > 0 ? [""] : []), ...orgLines(plan, name)]);
}

export const planCommand: CommandModule = {
  register(program: Command, ctx: CommandContext) {
    const command = program
      .command("plan")
      .description("Rank the actions that would raise coverage most (offline), each an edit `ddproof whatif` takes")
      .requiredOption(
        "--snapshot <path>",
        "snapshot file written by `ddproof collect`; with --org or --all-orgs, the folder `collect --all-orgs` wrote",
      )
      .option("--top <n>", "how many actions to rank", String(DEFAULT_TOP))
      .option("--json", "print the plan as JSON (with --all-orgs: { orgs: { <org>: plan } })")
      .option("--out <file>", "also write the JSON to this file (nothing is written otherwise)");
    addOrgOptions(addAssessOptions(command), {
      one: "plan this org of the config's orgs: list, from --snapshot/<org>/snapshot.json with its frameworks",
      all: "plan every org of the config's orgs: list, each from --snapshot/<org>/snapshot.json",
    }).action(async (options: PlanOptions) => {
      const top = Number(options.top);
      if (!Number.isInteger(top) || top < 1)
        throw new InputError(`--top "${options.top}": expected a whole number above 0`);
      const snapshots = await snapshotsToAssess(options, true);
      // Every org's snapshot is checked before any is planned: a bad one stops the run at once.
      if (snapshots.length > 1) for (const snapshot of snapshots) await readSnapshot(snapshot.file);
      const plans: Array<{ name: string | null; plan: Plan }> = [];
      for (const snapshot of snapshots) {
        const { input } = await loadAssessInput(snapshot.settings, snapshot.file);
        plans.push({ name: snapshot.name, plan: makePlan(input, top) });
      }
      const value: Plan | OrgPlans = options.allOrgs
        ? { orgs: Object.fromEntries(plans.map(({ name, plan }) => [name, plan])) }
        : plans[0]!.plan;
      const json = JSON.stringify(value, null, 2);
      if (options.out !== undefined) await writeFileAtomic(options.out, `${json}\n`);
      if (options.json) ctx.output.out(json);
      else for (const line of plansText(plans)) ctx.output.out(line);
      ctx.setExitCode(EXIT_OK);
    });
  },
};
