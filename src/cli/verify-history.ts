/**
 * `ddproof verify-history ROOT/JOB`: walks a scheduled job's run folders and
 * their chain of manifests (src/schedule/history-chain.ts). Exit 0 with a
 * one-line summary when every run is intact and in its place; 1 naming the
 * first run removed, replaced, reordered or altered outside retention.
 */
import type { Command } from "commander";
import { EXIT_OK } from "../errors.js";
import { loadPublicKey } from "../pack/sign.js";
import { verifyHistory } from "../schedule/history-chain.js";
import type { CommandModule } from "./command.js";
import { EXIT_TAMPERED } from "./verify.js";

export const verifyHistoryCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("verify-history")
      .description(
        "Check a scheduled job's history: every pack intact and chained to the one before; exit 1 naming the first run removed, replaced or reordered",
      )
      .argument("<job-dir>", "the job's folder, <output_root>/<job>")
      .option("--public-key <file>", "Ed25519 public key (PEM): every pack's signature must match")
      .option("--json", "print the result as JSON")
      .action(async (dir: string, flags: { publicKey?: string; json?: boolean }) => {
        const publicKey = flags.publicKey === undefined ? null : await loadPublicKey(flags.publicKey);
        const result = await verifyHistory(dir, { publicKey });
        const { problem } = result;
        if (flags.json) {
          ctx.output.out(JSON.stringify(result, null, 2));
        } else if (problem) {
          ctx.output.out(`${dir}: history BROKEN at run ${problem.run} (${problem.kind}): ${problem.detail}`);
        } else {
          const signed = publicKey
            ? `${result.signatures.valid ?? 0} signatures valid`
            : `signatures not checked${result.signatures["not-checked"] ? " (give --public-key)" : ""}`;
          ctx.output.out(
            `${dir}: history intact, ${result.runs.length} runs (${result.chained} chained), ` +
              `${result.retentionRemoved.length} removed by retention, ${signed}`,
          );
        }
        ctx.setExitCode(problem ? EXIT_TAMPERED : EXIT_OK);
      });
  },
};
