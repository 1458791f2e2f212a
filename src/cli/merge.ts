/**
 * `ddproof merge PACK_DIR... --out DIR`: the fleet pack from org packs made
 * elsewhere (one job per org, packs on shared storage). Each org pack is
 * verified first; packs of different kinds, periods, catalog versions or
 * ATT&CK thresholds are refused, naming the mismatch. Exit 0 when written,
 * 3 when an org's evidence is incomplete, 1 when an org pack is not intact
 * (as `verify`), 2 for usage and input errors.
 */
import type { Command } from "commander";
import { EXIT_INCOMPLETE, EXIT_OK } from "../errors.js";
import { OrgPackNotIntact } from "../fleet/read-org-pack.js";
import { FLEET_DIR } from "../fleet/schema.js";
import { type WrittenFleetPack, writeFleetPack } from "../fleet/write-fleet-pack.js";
import { loadPublicKey, SIGNATURE_FILE } from "../pack/sign.js";
import type { CommandModule } from "./command.js";
import { describeFleetPack } from "./fleet-summary.js";
import { addSignKeyOption, type SignKeyFlags, signingKeyFromFlags } from "./sign-key-option.js";
import { EXIT_TAMPERED } from "./verify.js";

interface Flags extends SignKeyFlags {
  out: string;
  force?: boolean;
  publicKey?: string;
  templates?: string;
}

export const mergeCommand: CommandModule = {
  register(program: Command, ctx) {
    const command = program
      .command("merge")
      .description(
        `Combine org packs (written with --org) into one fleet pack in DIR/${FLEET_DIR}: worst-of statuses, weakest-org ATT&CK scores, each org beside them`,
      )
      .argument("<pack-dirs...>", "org pack folders (each holds a manifest.json naming its org)")
      .requiredOption(
        "-o, --out <dir>",
        `the fleet's folder: the fleet pack is written to DIR/${FLEET_DIR} (an existing one is replaced only with --force)`,
      )
      .option("--force", "replace an existing fleet pack")
      .option(
        "--public-key <file>",
        `Ed25519 public key (PEM): every org pack must carry a valid ${SIGNATURE_FILE} under it`,
      )
      .option("--templates <dir>", "folder of your own copies of report-templates/*.hbs");
    addSignKeyOption(command).action(async (packDirs: string[], flags: Flags) => {
      const publicKey = flags.publicKey === undefined ? null : await loadPublicKey(flags.publicKey);
      const signingKey = await signingKeyFromFlags(flags, ctx.env);
      let pack: WrittenFleetPack;
      try {
        pack = await writeFleetPack({
          orgPackDirs: packDirs,
          outDir: flags.out,
          replace: flags.force === true,
          signingKey,
          publicKey,
          templatesDir: flags.templates ?? null,
        });
      } catch (error) {
        if (!(error instanceof OrgPackNotIntact)) throw error;
        ctx.output.err(`ddproof: ${error.message}`);
        ctx.setExitCode(EXIT_TAMPERED);
        return;
      }
      for (const line of describeFleetPack(pack)) ctx.output.out(line);
      ctx.setExitCode(pack.manifest.complete ? EXIT_OK : EXIT_INCOMPLETE);
    });
  },
};
