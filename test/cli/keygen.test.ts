/** `ddproof keygen`: an Ed25519 PEM pair, the private key at 0600, never overwriting. */
import { createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PRIVATE_KEY_FILE, PUBLIC_KEY_FILE } from "../../src/cli/keygen.js";
import { cli } from "../helpers/run-cli.js";
import { scratchDir } from "../helpers/scratch-dir.js";

describe("ddproof keygen", () => {
  it("writes a PKCS#8 private key at mode 0600 and its SPKI public key, which sign and verify", async () => {
    const out = join(scratchDir("keygen"), "keys");
    const run = await cli(["keygen", "--out", out]);
    expect(run.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([PRIVATE_KEY_FILE, PUBLIC_KEY_FILE].sort());
    const privatePem = readFileSync(join(out, PRIVATE_KEY_FILE), "utf8");
    const publicPem = readFileSync(join(out, PUBLIC_KEY_FILE), "utf8");
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(publicPem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(statSync(join(out, PRIVATE_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(createPrivateKey(privatePem).asymmetricKeyType).toBe("ed25519");
    const signature = sign(null, Buffer.from("manifest"), createPrivateKey(privatePem));
    expect(verify(null, Buffer.from("manifest"), createPublicKey(publicPem), signature)).toBe(true);
    // What it prints names the files, never the key.
    expect(run.stdout).toContain(join(out, PRIVATE_KEY_FILE));
    expect(run.stdout).not.toContain(privatePem.split("\n")[1]!);
  });

  it("refuses to overwrite either key, leaving both files as they were", async () => {
    const out = scratchDir("keygen-existing");
    expect((await cli(["keygen", "--out", out])).code).toBe(0);
    const before = readFileSync(join(out, PRIVATE_KEY_FILE), "utf8");
    const again = await cli(["keygen", "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain(`${join(out, PUBLIC_KEY_FILE)}: already exists; keygen never overwrites a key`);
    expect(readFileSync(join(out, PRIVATE_KEY_FILE), "utf8")).toBe(before);

    const onlyPrivate = scratchDir("keygen-private", { [PRIVATE_KEY_FILE]: "kept\n" });
    const run = await cli(["keygen", "--out", onlyPrivate]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${join(onlyPrivate, PRIVATE_KEY_FILE)}: already exists`);
    expect(readdirSync(onlyPrivate)).toEqual([PRIVATE_KEY_FILE]);
    expect(readFileSync(join(onlyPrivate, PRIVATE_KEY_FILE), "utf8")).toBe("kept\n");
  });
});
