/**
 * Ed25519 signatures over a pack's manifest. `manifest.json.sig` holds the raw
 * 64-byte signature of the manifest's bytes, so stock OpenSSL 3 can check it
 * (`openssl pkeyutl -verify -pubin -inkey pub.pem -rawin -in manifest.json
 * -sigfile manifest.json.sig`). Since the manifest lists every other file's
 * SHA-256, the signature covers the whole pack. Keys are PEM files: PKCS#8
 * private, SPKI public. A key's bytes never appear in an error message.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";

export const SIGNATURE_FILE = "manifest.json.sig";
export const SIGNATURE_BYTES = 64;

/** The environment variable naming the private key file (a path, so a mounted secret works). */
export const SIGNING_KEY_ENV = "DDPROOF_SIGNING_KEY_FILE";

async function readKeyFile(file: string, what: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read ${what} (${code ?? "unreadable"})`);
  }
}

function expectEd25519(key: KeyObject | null, file: string, what: string, form: string): KeyObject {
  if (key === null || key.asymmetricKeyType !== "ed25519")
    throw new InputError(`${file}: expected ${what} in PEM (${form}); \`ddproof keygen\` writes one`);
  return key;
}

/** Node's own parse error may quote the input; only the fact of the failure is kept. */
function parseOrNull(parse: () => KeyObject): KeyObject | null {
  try {
    return parse();
  } catch {
    return null;
  }
}

/** Loads an Ed25519 private key (PKCS#8 PEM), or throws an InputError naming the file. */
export async function loadSigningKey(file: string): Promise<KeyObject> {
  const pem = await readKeyFile(file, "the signing key");
  const key = parseOrNull(() => createPrivateKey({ key: pem, format: "pem" }));
  return expectEd25519(key, file, "an Ed25519 private key", "PKCS#8, -----BEGIN PRIVATE KEY-----");
}

/** Loads an Ed25519 public key (SPKI PEM), or throws an InputError naming the file. */
export async function loadPublicKey(file: string): Promise<KeyObject> {
  const pem = await readKeyFile(file, "the public key");
  // createPublicKey would also accept a private key and derive its public half: refuse that, a
  // verifier should never be handed the private key.
  const key = pem.includes("PRIVATE KEY") ? null : parseOrNull(() => createPublicKey({ key: pem, format: "pem" }));
  return expectEd25519(key, file, "an Ed25519 public key", "SPKI, -----BEGIN PUBLIC KEY-----");
}

export function signManifest(manifestBytes: Uint8Array, key: KeyObject): Buffer {
  return sign(null, manifestBytes, key);
}

export function signatureMatches(manifestBytes: Uint8Array, signature: Uint8Array, key: KeyObject): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  return verify(null, manifestBytes, key, signature);
}

export interface KeyPairPem {
  privatePem: string;
  publicPem: string;
}

export function generateSigningKeyPair(): KeyPairPem {
  const { privateKey, publicKey } = generateKeyPairSync("ed25519");
  return {
    privatePem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
  };
}
