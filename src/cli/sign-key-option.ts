/** `--sign-key FILE` (or DDPROOF_SIGNING_KEY_FILE) for the commands that write packs. */
import type { KeyObject } from "node:crypto";
import type { Command } from "commander";
import { loadSigningKey, SIGNATURE_FILE, SIGNING_KEY_ENV } from "../pack/sign.js";

export interface SignKeyFlags {
  signKey?: string;
}

export function addSignKeyOption(command: Command): Command {
  return command.option(
    "--sign-key <file>",
    `Ed25519 private key (PEM, from \`ddproof keygen\`) to sign the manifest into ${SIGNATURE_FILE}; default: $${SIGNING_KEY_ENV}`,
  );
}

/** The key file the flag or the environment names, or null (then `fallback`, e.g. the job's own setting). */
export function signKeyFile(
  flags: SignKeyFlags,
  env: NodeJS.ProcessEnv,
  fallback: string | null = null,
): string | null {
  const fromEnv = env[SIGNING_KEY_ENV]?.trim();
  return flags.signKey ?? (fromEnv ? fromEnv : fallback);
}

/** Loads the key the flag or environment names (an InputError naming the file when it is not one), or null. */
export async function signingKeyFromFlags(flags: SignKeyFlags, env: NodeJS.ProcessEnv): Promise<KeyObject | null> {
  const file = signKeyFile(flags, env);
  return file === null ? null : loadSigningKey(file);
}
