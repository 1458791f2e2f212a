/**
 * Signed packs end to end: a pack written by `report --sign-key` from a
 * snapshot collected from the simulator verifies with ddproof and with stock
 * OpenSSL; one changed byte in any file, or in the signature, is caught.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from "../../src/cli/keygen.js";
import { SIGNATURE_FILE } from "../../src/pack/sign.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";
import { TEST_API_KEY, TEST_APP_KEY, useSimulator } from "../helpers/simulator.js";

const context = useSimulator();
const dir = scratchDir("sign");
const keys = join(dir, "keys");
const privateKey = join(keys, PRIVATE_KEY_FILE);
const publicKey = join(keys, PUBLIC_KEY_FILE);
const snapshot = join(dir, "collected", "snapshot.json");
const pack = join(dir, "pack");

const opensslFound = spawnSync("openssl", ["version"]).status === 0;

/** A copy of the signed pack to alter. */
let copies = 0;
function copyOfPack(): string {
  const copy = join(dir, `copy-${++copies}`);
  cpSync(pack, copy, { recursive: true });
  return copy;
}

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = bytes[at]! ^ 0x01;
  writeFileSync(file, bytes);
}

beforeAll(async () => {
  expect((await cli(["keygen", "--out", keys])).code).toBe(0);
  const env = { DD_API_KEY: TEST_API_KEY, DD_APP_KEY: TEST_APP_KEY, DDPROOF_API_URL: context.sim.url };
  expect((await cli(["collect", "--period", "2026-09", "--out", snapshot, "--retries", "0"], env)).code).toBe(0);
  const run = await cli(["report", "--snapshot", snapshot, "--kind", "gap", "--out", pack, "--sign-key", privateKey]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}, 120_000);

describe("signed packs", () => {
  it("hold a 64-byte Ed25519 signature of manifest.json that ddproof verify accepts", async () => {
    expect(statSync(join(pack, SIGNATURE_FILE)).size).toBe(64);
    const run = await cli(["verify", pack, "--public-key", publicKey]);
    expect(run.stdout).toMatch(/intact, \d+ files match manifest\.json/);
    expect(run.stdout).toContain(`signature valid (${SIGNATURE_FILE})`);
    expect(run.code).toBe(0);
  });

  it("verify without --public-key still checks the hashes and says the signature was not checked", async () => {
    const run = await cli(["verify", pack]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("signature not checked");
    expect(run.stdout).not.toContain("added");
    const altered = copyOfPack();
    flipByte(join(altered, "gaps.csv"), 10);
    const failed = await cli(["verify", altered]);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain("changed  gaps.csv");
    expect(failed.stdout).toContain("signature not checked");
  });

  it.runIf(opensslFound)(
    "verifies with stock OpenSSL 3 (needs openssl on PATH; skipped only without it), which refuses an altered manifest",
    () => {
      const verify = (packDir: string) =>
        spawnSync(
          "openssl",
          [
            "pkeyutl",
            "-verify",
            "-pubin",
            "-inkey",
            publicKey,
            "-rawin",
            "-in",
            join(packDir, "manifest.json"),
            "-sigfile",
            join(packDir, SIGNATURE_FILE),
          ],
          { encoding: "utf8" },
        );
      const good = verify(pack);
      expect(good.stdout).toContain("Signature Verified Successfully");
      expect(good.status).toBe(0);
      const altered = copyOfPack();
      flipByte(join(altered, "manifest.json"), 40);
      const bad = verify(altered);
      expect(bad.status).not.toBe(0);
      expect(bad.stdout + bad.stderr).toMatch(/Signature Verification Failure/);
    },
  );

  it("catches one changed byte in every file of the pack, and in the signature", async () => {
    const files = readdirSync(pack, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(pack.length + 1));
    expect(files).toEqual(expect.arrayContaining(["manifest.json", SIGNATURE_FILE, "gaps.csv", "snapshot.json"]));
    for (const path of files) {
      const altered = copyOfPack();
      const file = join(altered, path);
      flipByte(file, Math.floor(statSync(file).size / 2));
      const run = await cli(["verify", altered, "--public-key", publicKey]);
      expect(run.code, path).toBe(1);
      expect(run.stdout, path).toContain("NOT intact");
      if (path === "manifest.json" || path === SIGNATURE_FILE)
        expect(run.stdout, path).toContain(`signature BAD: ${SIGNATURE_FILE} does not match manifest.json`);
      else expect(run.stdout, path).toContain(`changed  ${path}`);
    }
  });

  it("fails, as tampered (exit 1), a signed manifest altered past reading", async () => {
    const altered = copyOfPack();
    writeFileSync(join(altered, "manifest.json"), "{ not json");
    const run = await cli(["verify", altered, "--public-key", publicKey]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("signature BAD");
    expect(run.stdout).toContain("changed  manifest.json");
    // Without the key there is nothing to trust: the unreadable manifest is an input error.
    expect((await cli(["verify", altered])).code).toBe(2);
  });

  it("fails a pack whose signature is missing, or made with another key, saying which", async () => {
    const unsigned = copyOfPack();
    execFileSync("rm", [join(unsigned, SIGNATURE_FILE)]);
    const missing = await cli(["verify", unsigned, "--public-key", publicKey]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain(`signature MISSING: no ${SIGNATURE_FILE} in the pack`);

    const otherKeys = join(dir, "other-keys");
    expect((await cli(["keygen", "--out", otherKeys])).code).toBe(0);
    const wrong = await cli(["verify", pack, "--public-key", join(otherKeys, PUBLIC_KEY_FILE)]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toContain("signature BAD");
  });

  it("refuses a bad key file with exit 2 naming it, writes nothing, and never prints a private key", async () => {
    const notAKey = join(dir, "not-a-key.pem");
    writeFileSync(notAKey, "-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n");
    const out = join(dir, "never-written");
    const run = await cli(["report", "--snapshot", snapshot, "--kind", "gap", "--out", out, "--sign-key", notAKey]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${notAKey}: expected an Ed25519 private key in PEM`);
    expect(run.stderr).not.toContain("bm90IGEga2V5");
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes("never-written"))).toEqual([]);

    // The environment variable names the key the same way; a public key is not a signing key.
    copyFileSync(publicKey, join(dir, "public-as-private.pem"));
    const viaEnv = await cli(["report", "--snapshot", snapshot, "--kind", "gap", "--out", out], {
      DDPROOF_SIGNING_KEY_FILE: join(dir, "public-as-private.pem"),
    });
    expect(viaEnv.code).toBe(2);
    expect(viaEnv.stderr).toContain("public-as-private.pem: expected an Ed25519 private key");
    expect(existsSync(out)).toBe(false);

    // `pack` refuses the key before it collects anything.
    const packRun = await cli(["pack", "--kind", "gap", "--period", "2026-09", "--out", out, "--sign-key", notAKey], {
      DD_API_KEY: TEST_API_KEY,
      DD_APP_KEY: TEST_APP_KEY,
      DDPROOF_API_URL: "http://127.0.0.1:9",
    });
    expect(packRun.code).toBe(2);
    expect(packRun.stderr).toContain(`${notAKey}: expected an Ed25519 private key in PEM`);
    expect(existsSync(out)).toBe(false);

    // A verifier handed the private key refuses it rather than derive the public half; the key is not echoed.
    const handedPrivate = await cli(["verify", pack, "--public-key", privateKey]);
    expect(handedPrivate.code).toBe(2);
    expect(handedPrivate.stderr).toContain(`${privateKey}: expected an Ed25519 public key`);
    const secret = readFileSync(privateKey, "utf8").split("\n")[1]!;
    for (const output of [run, viaEnv, packRun, handedPrivate])
      expect(output.stdout + output.stderr).not.toContain(secret);
    expect(readFileSync(join(pack, "manifest.json"), "utf8")).not.toContain(secret);
  });
});
