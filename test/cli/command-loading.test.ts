/**
 * Which command modules a command line loads: only the one it names (all
 * three for `catalog`), and every one, in the order help lists them, when it
 * names none (help, --version, a mistyped name).
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { catalogImportAttackCommand } from "../../src/cli/catalog-import-attack.js";
import { catalogImportOscalCommand } from "../../src/cli/catalog-import-oscal.js";
import { catalogListCommand } from "../../src/cli/catalog-list.js";
import { COMMANDS, loadAllCommands, loadCommandsFor } from "../../src/cli/commands.js";
import { verifyCommand } from "../../src/cli/verify.js";
import { verifyHistoryCommand } from "../../src/cli/verify-history.js";
import { cli } from "../helpers/run-cli.js";

const HELP_ORDER = [
  "demo",
  "collect",
  "doctor",
  "assess",
  "report",
  "pack",
  "merge",
  "verify",
  "verify-history",
  "keygen",
  "diff",
  "whatif",
  "plan",
  "schedule",
  "run-job",
  "simulate",
  "init",
  "catalog",
];

describe("loading command modules", () => {
  it("loads only the module of the command named first", async () => {
    expect(await loadCommandsFor(["verify", "pack-dir"])).toEqual([verifyCommand]);
    expect(await loadCommandsFor(["verify-history", "--json"])).toEqual([verifyHistoryCommand]);
    expect(await loadCommandsFor(["catalog", "list"])).toEqual([
      catalogListCommand,
      catalogImportAttackCommand,
      catalogImportOscalCommand,
    ]);
  });

  it("loads every module when the first word names no command", async () => {
    const all = await loadAllCommands();
    expect(all).toHaveLength(20);
    expect(new Set(all).size).toBe(20);
    for (const argv of [[], ["--help"], ["--version"], ["help", "verify"], ["verfy"], ["pack-dir", "verify"]])
      expect(await loadCommandsFor(argv)).toEqual(all);
  });

  it("names every command once in the registry, in the order help lists them", async () => {
    expect([...new Set(COMMANDS.map((entry) => entry.name))]).toEqual(HELP_ORDER);
    const help = await cli(["--help"]);
    const listed = [...help.stdout.matchAll(/^ {2}([a-z-]+)[ [<]/gm)].map((match) => match[1]);
    expect(listed).toEqual([...HELP_ORDER, "help"]);
  });

  it("holds every command module of src/cli", async () => {
    const dir = new URL("../../src/cli/", import.meta.url);
    // main.ts runs the CLI when imported; it defines no command.
    const files = readdirSync(fileURLToPath(dir)).filter((file) => file.endsWith(".ts") && file !== "main.ts");
    const modules: unknown[] = [];
    for (const file of files) {
      const exports = (await import(new URL(file, dir).href)) as Record<string, unknown>;
      modules.push(
        ...Object.values(exports).filter(
          (value) => typeof (value as { register?: unknown } | null)?.register === "function",
        ),
      );
    }
    expect(modules).toHaveLength(20);
    expect(new Set(await loadAllCommands())).toEqual(new Set(modules));
  });

  it("still suggests the nearest command for a mistyped one", async () => {
    const run = await cli(["verfy", "pack-dir"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("(Did you mean verify?)");
  });
});
