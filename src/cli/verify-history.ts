/**
 * `ddproof verify-history ROOT/JOB`: walks a scheduled job's run folders and
 * their chain of manifests (src/schedule/history-chain.ts). Exit 0 with a
 * one-line summary when every run is intact and in its place; 1 naming the
 * first run removed, replaced, reordered or altered outside retention. Given
 * a fleet job's folder, it walks every org's history and the fleet's, one
 * line each; `ROOT/JOB/ORG` or `ROOT/JOB/fleet` walks one of them.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { EXIT_OK } from "../errors.js";
import { FLEET_DIR } from "../fleet/org-name.js";
import { loadPublicKey } from "../pack/sign.js";
import { type HistoryResult, verifyHistory } from "../schedule/history-chain.js";
import { INDEX_FILE } from "../schedule/history-index.js";
import type { CommandModule } from "./command.js";
import { EXIT_TAMPERED } from "./verify.js";

/** A fleet job's folder holds no index of its own, but one per org and one in `fleet/`: those, the fleet last. */
async function historiesIn(dir: string): Promise<string[]> {
  if (existsSync(join(dir, INDEX_FILE)) || !existsSync(join(dir, FLEET_DIR, INDEX_FILE))) return [dir];
  const entries = await readdir(dir, { withFileTypes: true });
  const orgs = entries
    .filter((entry) => entry.isDirectory() && entry.name !== FLEET_DIR && existsSync(join(dir, entry.name, INDEX_FILE)))
    .map((entry) => entry.name)
    .sort();
  return [...orgs, FLEET_DIR].map((name) => join(dir, name));
}

function describe(dir: string, result: HistoryResult, checked: boolean): string {
  const { problem } = result;
  if (problem) return `${dir}: history BROKEN at run ${problem.run} (${problem.kind}): ${problem.detail}`;
  const signed = checked
    ? `${result.signatures.valid ?? 0} signatures valid`
    : `signatures not checked${result.signatures["not-checked"] ? " (give --public-key)" : ""}`;
  return (
    `${dir}: history intact, ${result.runs.length} runs (${result.chained} chained), ` +
    `${result.retentionRemoved.length} removed by retention, ${signed}`
  );
}

export const verifyHistoryCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("verify-history")
      .description(
        "Check a scheduled job's history: every pack intact and chained to the one before; exit 1 naming the first run removed, replaced or reordered",
      )
      .argument(
        "<job-dir>",
        "the job's folder, <output_root>/<job> (a fleet job's: every org's history and the fleet's)",
      )
      .option("--public-key <file>", "Ed25519 public key (PEM): every pack's signature must match")
      .option("--json", "print the result as JSON (for a fleet job's folder, one result per history)")
      .action(async (dir: string, flags: { publicKey?: string; json?: boolean }) => {
        const publicKey = flags.publicKey === undefined ? null : await loadPublicKey(flags.publicKey);
        const dirs = await historiesIn(dir);
        const results: HistoryResult[] = [];
        for (const history of dirs) results.push(await verifyHistory(history, { publicKey }));
        if (flags.json) {
          ctx.output.out(JSON.stringify(dirs.length === 1 && dirs[0] === dir ? results[0] : results, null, 2));
        } else {
          results.forEach((result, i) => ctx.output.out(describe(dirs[i]!, result, publicKey !== null)));
        }
        ctx.setExitCode(results.some((result) => result.problem) ? EXIT_TAMPERED : EXIT_OK);
      });
  },
};
