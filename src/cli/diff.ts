import type { Command } from "commander";
import { EXIT_OK } from "../errors.js";
import { readPreviousRun } from "../pack/render-pack.js";
import { type Changes, computeChanges } from "../report/changes.js";
import { GAP_REASON_LABELS } from "../report/gaps.js";
import type { CommandModule } from "./command.js";

function changeLines(changes: Changes, oldDir: string, newDir: string): string[] {
  const lines = [
    `Changes from ${oldDir} (${changes.previous.period}, collected ${changes.previous.collected_at}) to ${newDir}`,
  ];
  const section = (title: string, items: string[]) => {
    lines.push(`  ${title}: ${items.length}`);
    for (const item of items.slice(0, 50)) lines.push(`    ${item}`);
    if (items.length > 50) lines.push(`    … and ${items.length - 50} more`);
  };
  const gap = (g: Changes["new_gaps"][number]) =>
    `${g.framework} ${g.id} ${g.title} — ${GAP_REASON_LABELS[g.reason_code]}`;
  const rule = (r: Changes["rules_added"][number]) => `${r.id} ${r.name} (${r.type})`;
  section("new gaps", changes.new_gaps.map(gap));
  section("closed gaps", changes.closed_gaps.map(gap));
  section(
    "gaps with a new reason",
    changes.changed_gaps.map((c) => `${c.key}: ${GAP_REASON_LABELS[c.before]} → ${GAP_REASON_LABELS[c.after]}`),
  );
  section("rules added", changes.rules_added.map(rule));
  section("rules removed", changes.rules_removed.map(rule));
  section("rules enabled", changes.rules_enabled.map(rule));
  section("rules disabled", changes.rules_disabled.map(rule));
  section("sources gone silent", changes.sources_silent);
  section("sources back", changes.sources_back);
  for (const note of changes.notes) lines.push(`  note: ${note}`);
  return lines;
}

export const diffCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("diff")
      .description("Show what changed between two packs: gaps opened and closed, rules, sources")
      .argument("<old>", "the earlier pack folder")
      .argument("<new>", "the later pack folder")
      .option("--json", "print the changes as JSON")
      .action(async (oldDir: string, newDir: string, flags: { json?: boolean }) => {
        const previous = await readPreviousRun(oldDir);
        const current = await readPreviousRun(newDir);
        const changes = computeChanges({ snapshot: current.snapshot, assessment: current.assessment }, previous);
        if (flags.json) ctx.output.out(JSON.stringify(changes, null, 2));
        else for (const line of changeLines(changes, oldDir, newDir)) ctx.output.out(line);
        ctx.setExitCode(EXIT_OK);
      });
  },
};
