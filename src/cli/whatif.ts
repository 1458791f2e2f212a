/**
 * `ddproof whatif`: the snapshot re-assessed with edits applied, and what
 * moves, offline. Takes the same assessment options as `assess`. Writes
 * nothing unless `--out` names a file for the JSON: an edited snapshot is
 * never written anywhere, so it cannot leak into a pack. With `--org NAME`,
 * that org's snapshot in the folder `collect --all-orgs` wrote, assessed
 * with its frameworks (edits name one org's rules and hosts: one org at a time).
 */
import type { Command } from "commander";
import { EXIT_OK, InputError } from "../errors.js";
import { writeFileAtomic } from "../io/atomic-write.js";
import { changeLines } from "../plan/changes-text.js";
import { checkEdits } from "../plan/edit-targets.js";
import { EDIT_FLAGS, type Edit, EditSyntaxError, parseEdit } from "../plan/edits.js";
import { whatIf } from "../plan/whatif.js";
import { loadAssessInput } from "./assess-input.js";
import { addAssessOptions } from "./assess-options.js";
import type { CommandContext, CommandModule } from "./command.js";
import { addOrgOptions } from "./org-options.js";
import { type SnapshotFlags, snapshotsToAssess } from "./org-snapshots.js";

interface WhatIfOptions extends SnapshotFlags {
  json?: boolean;
  out?: string;
}

async function runWhatIf(options: WhatIfOptions, edits: readonly Edit[], ctx: CommandContext): Promise<void> {
  if (edits.length === 0)
    throw new InputError(`whatif needs at least one edit: ${EDIT_FLAGS.map((flag) => `--${flag.kind}`).join(", ")}`);
  // One snapshot: whatif takes --org, never --all-orgs.
  const { name, file, settings } = (await snapshotsToAssess(options, false))[0]!;
  const { input, tacticOrder } = await loadAssessInput(settings, file);
  checkEdits(input.snapshot, edits, file);
  const { result, after } = whatIf(input, edits);
  const json = JSON.stringify(result, null, 2);
  if (options.out !== undefined) await writeFileAtomic(options.out, `${json}\n`);
  if (options.json) ctx.output.out(json);
  else {
    ctx.output.out(`What if${name === null ? "" : ` (org ${name})`}: ${result.edits.join(" ")}`);
    for (const line of changeLines(result, after, tacticOrder)) ctx.output.out(line);
  }
  ctx.setExitCode(EXIT_OK);
}

export const whatifCommand: CommandModule = {
  register(program: Command, ctx: CommandContext) {
    // Edits apply in the order given, whatever their kind: listen to each option as it is parsed.
    const edits: Edit[] = [];
    let syntax: EditSyntaxError | null = null;
    const command = program
      .command("whatif")
      .description("Re-assess a snapshot with edits applied (offline) and show which techniques and controls move")
      .requiredOption(
        "--snapshot <path>",
        "snapshot file written by `ddproof collect`; with --org, the folder `collect --all-orgs` wrote",
      )
      .option("--json", "print the changes as JSON")
      .option("--out <file>", "also write the JSON to this file (nothing is written otherwise)");
    for (const flag of EDIT_FLAGS) {
      const spelled = flag.value === null ? `--${flag.kind}` : `--${flag.kind} <${flag.value}>`;
      command.option(spelled, `${flag.help} (repeatable)`);
      command.on(`option:${flag.kind}`, (value: string | undefined) => {
        try {
          edits.push(parseEdit(flag.kind, flag.value === null ? null : (value ?? "")));
        } catch (error) {
          if (!(error instanceof EditSyntaxError)) throw error;
          syntax ??= error;
        }
      });
    }
    addOrgOptions(addAssessOptions(command), {
      one: "the org of the config's orgs: list to edit, from --snapshot/<org>/snapshot.json with its frameworks",
      all: null,
    }).action(async (options: WhatIfOptions) => {
      if (syntax !== null) throw new InputError(syntax.message);
      await runWhatIf(options, edits, ctx);
    });
  },
};
