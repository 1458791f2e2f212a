import type { Command } from "commander";
import { EXIT_OK } from "../errors.js";
import { MANIFEST_FILE } from "../pack/manifest.js";
import { loadPublicKey, SIGNATURE_FILE } from "../pack/sign.js";
import { type SignatureCheck, type VerifyResult, verifyPack } from "../pack/verify.js";
import type { CommandModule } from "./command.js";

/** Exit code when a pack does not match its manifest, or its signature is bad or missing. */
export const EXIT_TAMPERED = 1;

const SIGNATURE_LINES: Record<SignatureCheck, string | null> = {
  valid: `signature valid (${SIGNATURE_FILE})`,
  bad: `signature BAD: ${SIGNATURE_FILE} does not match ${MANIFEST_FILE} under this public key`,
  missing: `signature MISSING: no ${SIGNATURE_FILE} in the pack`,
  "not-checked": `signature not checked (the pack is signed; give --public-key to check it)`,
  unsigned: null,
};

/** The human lines for a result: the verdict, the signature, then each file that differs. */
export function describeVerify(dir: string, result: VerifyResult): string[] {
  const { manifest } = result;
  const lines: string[] = [];
  if (result.ok && manifest) {
    const note = manifest.complete ? "" : " (the pack itself says its evidence is INCOMPLETE)";
    lines.push(`${dir}: intact, ${manifest.files.length} files match ${MANIFEST_FILE}${note}`);
  } else {
    lines.push(`${dir}: NOT intact`);
  }
  const signature = SIGNATURE_LINES[result.signature];
  if (signature) lines.push(`  ${signature}`);
  for (const path of result.changed) lines.push(`  changed  ${path}`);
  for (const path of result.missing) lines.push(`  missing  ${path}`);
  for (const path of result.added) lines.push(`  added    ${path}`);
  return lines;
}

export const verifyCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("verify")
      .description(
        "Check a pack against its manifest (and its signature, with --public-key): exit 0 when intact, 1 listing what differs",
      )
      .argument("<dir>", `pack folder (holds ${MANIFEST_FILE})`)
      .option(
        "--public-key <file>",
        `Ed25519 public key (PEM) to check ${SIGNATURE_FILE} with; a missing signature fails`,
      )
      .option("--json", "print the result as JSON")
      .action(async (dir: string, flags: { json?: boolean; publicKey?: string }) => {
        const publicKey = flags.publicKey === undefined ? null : await loadPublicKey(flags.publicKey);
        const result = await verifyPack(dir, { publicKey });
        if (flags.json) {
          const { manifest, ...rest } = result;
          ctx.output.out(
            JSON.stringify(
              { ...rest, files: manifest?.files.length ?? null, complete: manifest?.complete ?? null },
              null,
              2,
            ),
          );
        } else {
          for (const line of describeVerify(dir, result)) ctx.output.out(line);
        }
        ctx.setExitCode(result.ok ? EXIT_OK : EXIT_TAMPERED);
      });
  },
};
