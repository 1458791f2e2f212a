/**
 * `ddproof keygen --out DIR`: an Ed25519 key pair for signing packs. The
 * private key (PKCS#8 PEM) is written at mode 0600, the public key (SPKI PEM)
 * at 0644; an existing file of either name is never overwritten. Each file
 * appears whole or not at all (written beside, then hard-linked into place,
 * which fails rather than replace).
 */

import { randomBytes } from "node:crypto";
import { link, mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Command } from "commander";
import { EXIT_OK, InputError } from "../errors.js";
import { fsyncFile } from "../io/fsync.js";
import { generateSigningKeyPair, SIGNING_KEY_ENV } from "../pack/sign.js";
import type { CommandModule } from "./command.js";

export const PRIVATE_KEY_FILE = "ddproof-signing-key.pem";
export const PUBLIC_KEY_FILE = "ddproof-signing-key.pub.pem";

async function writeNew(target: string, text: string, mode: number): Promise<void> {
  const temp = `${target}.tmp-${randomBytes(6).toString("hex")}`;
  try {
    await writeFile(temp, text, { mode, flag: "wx" });
    await fsyncFile(temp);
    await link(temp, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST")
      throw new InputError(`${target}: already exists; keygen never overwrites a key (choose another --out)`);
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

export const keygenCommand: CommandModule = {
  register(program: Command, ctx) {
    program
      .command("keygen")
      .description("Write an Ed25519 key pair for signing packs (private key at mode 0600; never overwrites)")
      .requiredOption("-o, --out <dir>", "folder for the key pair (created if absent)")
      .action(async (flags: { out: string }) => {
        const privateFile = join(flags.out, PRIVATE_KEY_FILE);
        const publicFile = join(flags.out, PUBLIC_KEY_FILE);
        await mkdir(flags.out, { recursive: true, mode: 0o700 });
        const pair = generateSigningKeyPair();
        // The public key first: if the private one then exists already, nothing secret was written.
        await writeNew(publicFile, pair.publicPem, 0o644);
        try {
          await writeNew(privateFile, pair.privatePem, 0o600);
        } catch (error) {
          await rm(publicFile, { force: true });
          throw error;
        }
        ctx.output.out(`Wrote ${privateFile} (private, mode 0600) and ${publicFile} (public)`);
        ctx.output.out(`Sign packs with --sign-key ${privateFile} (or ${SIGNING_KEY_ENV}=${privateFile});`);
        ctx.output.out(`check them with ddproof verify PACK --public-key ${publicFile}`);
        ctx.setExitCode(EXIT_OK);
      });
  },
};
