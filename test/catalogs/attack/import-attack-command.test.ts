import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAttackCatalog } from "../../../src/catalogs/attack/load.js";
import { catalogImportAttackCommand } from "../../../src/cli/catalog-import-attack.js";
import type { CommandContext } from "../../../src/cli/command.js";
import { InputError } from "../../../src/errors.js";

const CTI_FOLDER = fileURLToPath(new URL("./fixtures/cti/enterprise-attack", import.meta.url));

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ddproof-attack-cli-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ exitCode: number | null; out: string[]; err: string[] }> {
  const result = { exitCode: null as number | null, out: [] as string[], err: [] as string[] };
  const ctx: CommandContext = {
    output: { out: (line) => result.out.push(line), err: (line) => result.err.push(line), isTTY: false },
    env: {},
    setExitCode: (code) => {
      result.exitCode = code;
    },
  };
  // A bare program rather than the full CLI, so this test depends on this command alone.
  const program = new Command("ddproof").exitOverride();
  catalogImportAttackCommand.register(program, ctx);
  await program.parseAsync(args, { from: "user" });
  return result;
}

describe("ddproof catalog import-attack", () => {
  it("imports a folder with an explicit release and writes a catalog that loads", async () => {
    const out = join(dir, "attack.json");
    const result = await run(["catalog", "import-attack", CTI_FOLDER, "--out", out, "--attack-version", "18.1"]);
    expect(result.exitCode).toBe(0);
    expect(result.out).toEqual([
      `wrote ${out}: ATT&CK enterprise-attack 18.1: 2 tactics, 2 techniques + 1 sub-techniques active ` +
        "(0 revoked or deprecated kept), 1 with log sources (detection-strategies model)",
    ]);
    const catalog = await loadAttackCatalog(out);
    expect(catalog.techniques.map((t) => t.id)).toEqual(["T1046", "T1071", "T1071.001"]);
    expect(await readFile(out, "utf8")).toMatch(/^ {4}\{"id":"T1071\.001",.*\}$/m);
  });

  it("stops with an InputError, writing nothing, when the release is unknown", async () => {
    const out = join(dir, "never-written.json");
    const error: unknown = await run(["catalog", "import-attack", CTI_FOLDER, "--out", out]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/--attack-version 18\.1$/);
    await expect(readFile(out)).rejects.toMatchObject({ code: "ENOENT" });
  });
});
